package io.github.articletag.demo;

import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;
import io.github.articletag.SampleData;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tutorial's program: drop and create the schema, persist the sample data, print the tables.
 *
 * <p>With no arguments and no {@code DB_URL} it runs on an embedded MariaDB with the database
 * {@code first_sqlalchemy}. Otherwise on the server given by {@code --url}, {@code --user},
 * {@code --password} or the {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD} environment variables
 * (arguments win).
 */
public final class Demo {

    /** The tutorial's database name. */
    public static final String DATABASE = "first_sqlalchemy";

    private static final String[] QUERIES = {
        "show tables", "select * from article", "select * from tag", "select * from article_tag"};

    private Demo() {
    }

    /**
     * Runs the demo; exits with status 2 on bad arguments.
     *
     * @param args optional {@code --url URL --user USER --password PASSWORD}
     */
    public static void main(String[] args) throws SQLException {
        Optional<ConnectionSettings> target;
        try {
            target = settingsFrom(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.err.println("usage: Demo [--url jdbc:mysql://HOST:PORT/DB --user USER --password PASSWORD]");
            System.exit(2);
            return;
        }
        if (target.isPresent()) {
            run(target.get(), System.out);
        } else {
            try (EmbeddedMariaDb server = EmbeddedMariaDb.start(DATABASE)) {
                run(server.connectionSettings(), System.out);
            }
        }
    }

    /** The scenario on the given server, printing the four queries' results to {@code out}. */
    public static void run(ConnectionSettings settings, PrintStream out) throws SQLException {
        try (Database database = Database.open(settings)) {
            database.recreateSchema();
            SampleData.persist(database);
            // Plain JDBC on one of the library's connections: its TLS settings (trust store) included.
            database.inTransaction(session -> session.doWork(connection -> {
                try (Statement statement = connection.createStatement()) {
                    for (String query : QUERIES) {
                        try (ResultSet result = statement.executeQuery(query)) {
                            out.println("mysql> " + query + ";");
                            out.print(MysqlTable.render(result));
                            out.println();
                        }
                    }
                }
            }));
        }
    }

    /** Arguments first, then the environment; empty when neither names a URL. */
    static Optional<ConnectionSettings> settingsFrom(String[] args, Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        for (int i = 0; i < args.length; i++) {
            String variable = switch (args[i]) {
                case "--url" -> ConnectionSettings.URL_VARIABLE;
                case "--user" -> ConnectionSettings.USER_VARIABLE;
                case "--password" -> ConnectionSettings.PASSWORD_VARIABLE;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            };
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            variables.put(variable, args[++i]);
        }
        return ConnectionSettings.fromVariables(variables);
    }
}
