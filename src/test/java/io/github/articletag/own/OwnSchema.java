package io.github.articletag.own;

import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;
import io.github.articletag.Timeouts;

import java.util.List;
import java.util.Map;

/**
 * The application's side of a schema with its own tagged types, as its migrations would make it: its own tables,
 * then the library's (whose {@code createSchema} adds the types' link and count tables). Test helper.
 */
public final class OwnSchema {

    /** The application's own tables, as its first migration would create them. */
    public static final List<String> APPLICATION_TABLES = List.of("""
            CREATE TABLE post (
                id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                title VARCHAR(200) NOT NULL,
                body TEXT,
                author VARCHAR(100),
                published_at DATETIME(6),
                version INT NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci""", """
            CREATE TABLE product (
                id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                sku VARCHAR(40) NOT NULL,
                price DECIMAL(10, 2) NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci""");

    private OwnSchema() {
    }

    /** The library opened with the application's two tagged types. */
    public static Database open(ConnectionSettings settings) {
        return Database.open(settings, Timeouts.DEFAULT, Map.of(), List.of(Post.class, Product.class));
    }

    /** An empty schema: the library's tables, the application's, and the types' link and count tables. */
    public static void recreate(Database database) {
        database.dropSchema();
        database.inTransaction(session -> session.doWork(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS post, product");
                for (String table : APPLICATION_TABLES) {
                    statement.execute(table);
                }
            }
        }));
        database.createSchema();
    }

    /** Drops what {@link #recreate} made, so that a database without these types can drop its own tables. */
    public static void drop(Database database) {
        database.dropSchema();
        database.inTransaction(session -> session.doWork(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS post, product");
            }
        }));
    }
}
