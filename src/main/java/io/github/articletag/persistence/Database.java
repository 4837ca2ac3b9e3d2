package io.github.articletag.persistence;

import io.github.articletag.domain.Article;
import io.github.articletag.domain.Tag;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The library's entry point: a Hibernate {@link SessionFactory} over a HikariCP pool for the mapped
 * {@link Article} and {@link Tag}, the schema operations, and the repositories.
 *
 * <pre>{@code
 * try (Database db = Database.open(new ConnectionSettings(url, user, password))) {
 *     db.recreateSchema();
 *     SampleData.persist(db);
 *     db.articles().findAllWithTags().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Thread-safe; open one per application and close it at shutdown.
 */
public final class Database implements AutoCloseable {

    private final SessionFactory sessionFactory;
    private final Transactions transactions;
    private final ArticleRepository articles;
    private final TagRepository tags;
    private final ServerVersion server;
    private final ConnectionSettings settings;
    private final Timeouts timeouts;

    private Database(SessionFactory sessionFactory, ServerVersion server, ConnectionSettings settings,
                     Timeouts timeouts) {
        this.sessionFactory = sessionFactory;
        this.server = server;
        this.settings = settings;
        this.timeouts = timeouts;
        HikariDataSource pool = sessionFactory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .requireService(ConnectionProvider.class).unwrap(HikariDataSource.class);
        this.transactions = new Transactions(sessionFactory, () -> pool.getHikariPoolMXBean().softEvictConnections(),
                ConnectionSettings.redactUrl(settings.url()));
        this.articles = new ArticleRepository(transactions, sessionFactory.unwrap(SessionFactoryImplementor.class));
        this.tags = new TagRepository(transactions);
    }

    /**
     * Opens the database with the library's defaults.
     *
     * @throws DatabaseUnavailableException if the server cannot be reached within {@link Timeouts#DEFAULT}
     * @throws IllegalStateException        if the server refuses the login
     */
    public static Database open(ConnectionSettings settings) {
        return open(settings, Timeouts.DEFAULT, Map.of());
    }

    /**
     * Opens the database; {@code hibernateProperties} are added to, and win over, the library's defaults
     * (for example {@code hibernate.generate_statistics=true}).
     */
    public static Database open(ConnectionSettings settings, Map<String, ?> hibernateProperties) {
        return open(settings, Timeouts.DEFAULT, hibernateProperties);
    }

    /**
     * Opens the database with these waits; {@code hibernateProperties} are added to, and win over, the
     * library's defaults.
     *
     * @throws IllegalArgumentException     if an argument is null
     * @throws DatabaseUnavailableException if the server cannot be reached within {@code timeouts}
     * @throws IllegalStateException        if the server refuses the login
     */
    public static Database open(ConnectionSettings settings, Timeouts timeouts, Map<String, ?> hibernateProperties) {
        requireArgument("settings", settings);
        requireArgument("timeouts", timeouts);
        requireArgument("hibernateProperties", hibernateProperties);
        ServerVersion server = ServerVersion.probe(settings, timeouts);
        return new Database(configuration(settings, server, timeouts).properties(hibernateProperties)
                .createEntityManagerFactory(), server, settings, timeouts);
    }

    /** {@link #configuration(ConnectionSettings, ServerVersion, Timeouts)} with {@link Timeouts#DEFAULT}. */
    public static HibernatePersistenceConfiguration configuration(ConnectionSettings settings, ServerVersion server) {
        return configuration(settings, server, Timeouts.DEFAULT);
    }

    /**
     * The Jakarta Persistence configuration {@link #open} uses: the two entities, the pool and its waits, the
     * dialect for {@code server} and the batching settings. Public so that plain JPA code gets the same setup,
     * for example {@code Persistence.createEntityManagerFactory(configuration(settings,
     * ServerVersion.probe(settings), Timeouts.DEFAULT))}.
     */
    public static HibernatePersistenceConfiguration configuration(ConnectionSettings settings, ServerVersion server,
                                                                  Timeouts timeouts) {
        requireArgument("settings", settings);
        requireArgument("server", server);
        requireArgument("timeouts", timeouts);
        return new HibernatePersistenceConfiguration("article-tag")
                .managedClasses(Article.class, Tag.class)
                .jdbcUrl(settings.url())
                .jdbcCredentials(settings.user(), settings.password())
                // HikariCP instead of Hibernate's built-in pool, which is not meant for production.
                .property("hibernate.connection.provider_class",
                        "org.hibernate.hikaricp.internal.HikariCPConnectionProvider")
                .property("hibernate.hikari.maximumPoolSize", "10")
                .property("hibernate.hikari.poolName", "article-tag")
                // Bounded waits (see Timeouts): HikariCP's default is 30 s per attempt to get a connection, and
                // Connector/J waits forever for a silent server by default.
                .property("hibernate.hikari.connectionTimeout", String.valueOf(timeouts.acquire().toMillis()))
                .property("hibernate.hikari.validationTimeout",
                        String.valueOf(Math.min(timeouts.acquire().toMillis(), 5_000)))
                .property("hibernate.hikari.dataSource.connectTimeout", String.valueOf(timeouts.connect().toMillis()))
                .property("hibernate.hikari.dataSource.socketTimeout", String.valueOf(timeouts.read().toMillis()))
                // Each statement sees what others committed: find-or-create a tag can read the row a concurrent
                // caller inserted, and InnoDB takes fewer gap locks than under REPEATABLE READ.
                .property("hibernate.hikari.transactionIsolation", "TRANSACTION_READ_COMMITTED")
                // Hibernate opens every transaction anyway: a pool that hands out connections with autocommit
                // already off saves two round trips per transaction (setAutoCommit false, then back to true).
                .property("hibernate.hikari.autoCommit", "false")
                .property("hibernate.connection.provider_disables_autocommit", "true")
                // Connector/J: utf8mb4 on the wire, and multi-row inserts for JDBC batches; no round trips to
                // ask the server for session state the driver already knows.
                .property("hibernate.hikari.dataSource.useLocalSessionState", "true")
                .property("hibernate.hikari.dataSource.useLocalTransactionState", "true")
                .property("hibernate.hikari.dataSource.characterEncoding", "UTF-8")
                .property("hibernate.hikari.dataSource.rewriteBatchedStatements", "true")
                .property("hibernate.hikari.dataSource.cachePrepStmts", "true")
                // JDBC metadata of the connected database only: with Connector/J's default, the schema update in
                // createSchema() would take another database's article_tag for ours and never create it.
                .property("hibernate.hikari.dataSource.nullDatabaseMeansCurrent", "true")
                // The dialect for the server VERSION() names, not the one Connector/J's metadata suggests:
                // see ServerVersion for why Hibernate must not read that metadata.
                .property("hibernate.boot.allow_jdbc_metadata_access", "false")
                .property("jakarta.persistence.database-product-name", server.product())
                .property("jakarta.persistence.database-product-version", server.version())
                .property("jakarta.persistence.database-major-version", String.valueOf(server.major()))
                .property("jakarta.persistence.database-minor-version", String.valueOf(server.minor()))
                .property("hibernate.jdbc.batch_size", "50")
                .property("hibernate.order_inserts", "true")
                .property("hibernate.order_updates", "true")
                // Paging a collection fetch in memory silently loads every row: make it an error instead.
                .property("hibernate.query.fail_on_pagination_over_collection_fetch", "true");
    }

    /** The underlying session factory, for work the repositories do not cover. */
    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** Reads and writes of articles. */
    public ArticleRepository articles() {
        return articles;
    }

    /** Reads and writes of tags. */
    public TagRepository tags() {
        return tags;
    }

    /**
     * Runs {@code work} in a new session and transaction; commits, or rolls back if it throws.
     *
     * @throws DatabaseUnavailableException if the connection is lost during the work
     */
    public void inTransaction(Consumer<Session> work) {
        requireArgument("work", work);
        transactions.run(session -> {
            work.accept(session);
            return null;
        });
    }

    /** Like {@link #inTransaction(Consumer)}, returning what {@code work} returns. */
    public <R> R fromTransaction(Function<Session, R> work) {
        requireArgument("work", work);
        return transactions.run(work);
    }

    /** The connected server's product and version. */
    public ServerVersion server() {
        return server;
    }

    /** The dialect Hibernate chose for the connected server (MySQLDialect or MariaDBDialect). */
    public Dialect dialect() {
        return sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
    }

    /**
     * Drops the mapped tables ({@code article_tag}, {@code article}, {@code tag}) and nothing else, like
     * SQLAlchemy's {@code drop_all()}. Tables that do not exist are skipped.
     */
    public void dropSchema() {
        // Not Hibernate's drop: it first runs "alter table article_tag drop foreign key ...", which MySQL
        // (no ALTER TABLE IF EXISTS) answers with an error, logged as a WARN with a stack trace, whenever the
        // tables are missing. One DROP with IF EXISTS, links first, is quiet and drops only these three tables.
        transactions.run(session -> {
            session.doWork(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + String.join(", ", SchemaCheck.TABLES_DROP_ORDER));
                }
            });
            return null;
        });
    }

    /**
     * Creates the mapped tables that do not exist yet, with their keys, like SQLAlchemy's {@code create_all()}.
     * Existing tables and their rows are left alone.
     */
    public void createSchema() {
        Set<String> existing = transactions.read(session -> session.doReturningWork(SchemaCheck::existingTables));
        if (existing.isEmpty()) {
            sessionFactory.getSchemaManager().create(false);
        } else if (existing.size() < SchemaCheck.TABLES.size()) {
            // Hibernate's "update" adds what is missing and never drops; it needs a factory of its own.
            configuration(settings, server, timeouts).property("hibernate.hbm2ddl.auto", "update")
                    .createEntityManagerFactory().close();
        }
    }

    /**
     * Compares the tables in the database with the mapping and lists every difference (a missing table,
     * column or key, a wrong type, nullability or character set); changes nothing. For production, where
     * dropping is never wanted: run it at start-up and refuse to go on if the list is not empty.
     *
     * @return the differences, empty when the schema fits
     */
    public List<String> validateSchema() {
        return transactions.read(session -> session.doReturningWork(SchemaCheck::problems));
    }

    /** {@link #dropSchema()} then {@link #createSchema()}: an empty schema. */
    public void recreateSchema() {
        dropSchema();
        createSchema();
    }

    private static void requireArgument(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /** Closes the session factory and its connection pool. */
    @Override
    public void close() {
        sessionFactory.close();
    }
}
