package io.github.articletag.testing;

import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a test gets from {@link TestDatabaseExtension}: the run's server, one shared {@link Database},
 * a second one whose statements are counted at the DataSource, and plain JDBC to look at the tables behind
 * Hibernate's back.
 */
public final class TestDatabase implements AutoCloseable {

    private final TestServer server;
    private final Database database;
    private CountingDataSource counter;
    private Database counted;

    TestDatabase(TestServer server) {
        this.server = server;
        this.database = Database.open(server.settings());
        System.out.println("[test database] backend=" + server.backend() + " | " + server.description()
                + " | server " + database.server());
    }

    /** The library opened on the test server. */
    public Database database() {
        return database;
    }

    /** How to reach the test server (the user has rights on the test database). */
    public ConnectionSettings settings() {
        return server.settings();
    }

    /**
     * A user who may create users and databases, or empty, in which case the tests that need one are skipped:
     * for a server given by {@code DB_URL} none is known, and the embedded server has no grant tables at all.
     */
    public Optional<ConnectionSettings> admin() {
        return server.admin();
    }

    /**
     * The library opened over an application-style pool whose statements {@link #counter()} counts, JDBC work
     * included; made on first use, on the same server and database as {@link #database()}.
     */
    public synchronized Database countedDatabase() {
        if (counted == null) {
            counter = new CountingDataSource(settings());
            counted = Database.open(counter.dataSource());
        }
        return counted;
    }

    /** Counts the statements of {@link #countedDatabase()}. */
    public synchronized CountingDataSource counter() {
        countedDatabase();
        return counter;
    }

    /** A new plain JDBC connection to the test database. */
    public Connection connect() throws SQLException {
        ConnectionSettings settings = settings();
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }

    /** Runs a query with positional parameters and returns each row as a list of column values. */
    public List<List<Object>> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect()) {
            return query(connection, sql, parameters);
        }
    }

    /** {@link #query(String, Object...)} on a connection of the caller's (a new one costs a TLS handshake). */
    public static List<List<Object>> query(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /**
     * Runs one statement as {@link #admin()}, or as the test user where no administrator is known (the embedded
     * server checks no grants; a server given by URL may or may not allow it).
     */
    public void executeAsAdmin(String sql) throws SQLException {
        ConnectionSettings as = admin().orElse(settings());
        try (Connection connection = DriverManager.getConnection(as.url(), as.user(), as.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            // 1044: access denied to a database; 1227: a privilege missing. Without an administrator, skipped.
            if (admin().isEmpty() && (e.getErrorCode() == 1044 || e.getErrorCode() == 1227)) {
                throw new org.opentest4j.TestAbortedException("needs an administrator, which a server given by URL"
                        + " lacks: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** A proxy in front of the test server, to stop or silence it for one test (see {@link TcpProxy}). */
    public TcpProxy proxy() throws java.io.IOException {
        java.util.regex.Matcher address = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/").matcher(settings().url());
        if (!address.find()) {
            throw new IllegalStateException("no host:port in " + settings().url());
        }
        return new TcpProxy(address.group(1), Integer.parseInt(address.group(2)));
    }

    /** The test settings, routed through {@code proxy}. */
    public ConnectionSettings through(TcpProxy proxy) {
        return new ConnectionSettings(proxy.route(settings().url()), settings().user(), settings().password());
    }

    /**
     * Settings for another database on the test server, as {@link #admin()} (or the test user where no
     * administrator is known), for tests that need a database of their own.
     */
    public ConnectionSettings adminSettingsFor(String database) throws SQLException {
        ConnectionSettings as = admin().orElse(settings());
        String url = as.url().replaceFirst("/" + java.util.regex.Pattern.quote(schemaName()) + "(?=$|\\?)",
                "/" + database);
        return new ConnectionSettings(url, as.user(), as.password());
    }

    /** How many rows {@code table} holds. */
    public long count(String table) throws SQLException {
        return ((Number) query("SELECT COUNT(*) FROM " + table).get(0).get(0)).longValue();
    }

    /** The links, as (article_id, tag_id) rows in key order. */
    public List<List<Object>> links() throws SQLException {
        return query("SELECT article_id, tag_id FROM article_tag ORDER BY article_id, tag_id");
    }

    /** Every row of the three tables, each marked with its table, in key order: to compare before and after. */
    public List<List<Object>> everything() throws SQLException {
        try (Connection connection = connect()) {
            return everything(connection);
        }
    }

    /** {@link #everything()} on a connection of the caller's, in autocommit mode. */
    public static List<List<Object>> everything(Connection connection) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        rows.addAll(query(connection, "SELECT 'article', id, title FROM article ORDER BY id"));
        rows.addAll(query(connection, "SELECT 'tag', id, name FROM tag ORDER BY id"));
        rows.addAll(query(connection, "SELECT 'link', article_id, tag_id FROM article_tag ORDER BY article_id, tag_id"));
        return rows;
    }

    /**
     * The tags whose kept count differs from their links, as (id, kept, counted) rows: empty when every count is
     * exact.
     */
    public List<List<Object>> wrongCounts() throws SQLException {
        return wrongCounts("t.article_count", "", "article_tag");
    }

    /**
     * Like {@link #wrongCounts()}, for an application's tagged type whose link table is {@code links} (its kept
     * counts in {@code <links>_count}).
     */
    public List<List<Object>> wrongCounts(String links) throws SQLException {
        return wrongCounts("COALESCE(c.tagged, 0)", " LEFT JOIN " + links + "_count c ON c.tag_id = t.id", links);
    }

    /** The tags whose count (kept, plus its changes not folded yet) differs from their links. */
    private List<List<Object>> wrongCounts(String kept, String keptJoin, String links) throws SQLException {
        String count = "CAST(" + kept + " + COALESCE((SELECT SUM(d.delta) FROM tag_count_delta d WHERE d.tag_id = t.id"
                + " AND d.counted = '" + links + "'), 0) AS SIGNED)";
        return query("SELECT t.id, " + count + " AS counted, (SELECT COUNT(*) FROM " + links + " l"
                + " WHERE l.tag_id = t.id) AS linked FROM tag t" + keptJoin + " HAVING counted <> linked");
    }

    /**
     * Adds {@code count} (at most 100,000) tags that nothing carries, named {@code prefix} and five digits from
     * 00000, in one statement.
     */
    public void addUnusedTags(String prefix, int count) throws SQLException {
        String digit = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
                + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        execute("INSERT INTO tag (name, name_key) SELECT n, n FROM (SELECT CONCAT('" + prefix
                + "', LPAD(a.d * 10000 + b.d * 1000 + c.d * 100 + e.d * 10 + f.d, 5, '0')) n FROM " + digit + " a, "
                + digit + " b, " + digit + " c, " + digit + " e, " + digit + " f"
                + " WHERE a.d * 10000 + b.d * 1000 + c.d * 100 + e.d * 10 + f.d < " + count + ") names");
    }

    /** Runs one statement that returns no rows. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The name of the test database (the schema that INFORMATION_SCHEMA calls TABLE_SCHEMA). */
    public String schemaName() throws SQLException {
        return (String) query("SELECT DATABASE()").get(0).get(0);
    }

    @Override
    public void close() {
        try {
            database.close();
            if (counted != null) {
                counted.close();
                counter.close();
            }
        } finally {
            server.close();
        }
    }
}
