package io.github.articletag.persistence;

import io.github.articletag.testing.LogCapture;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Passwords stay out of logs and messages; a user with rights on its own database only is enough. */
@ExtendWith(TestDatabaseExtension.class)
class SecurityTest {

    private static final String DATABASE = "articletag_least_privilege";
    private static final String USER = "articletag_lp";

    @Test
    void aPasswordInTheUrlIsRefusedBecauseUrlsAreLogged() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new ConnectionSettings("jdbc:mysql://db/x?user=a&password=hunter2", "a", ""));

        assertFalse(failure.getMessage().contains("hunter2"), failure.getMessage());
        assertTrue(failure.getMessage().contains("not in the database URL"), failure.getMessage());
    }

    @Test
    void settingsNeverPrintThePassword() {
        assertFalse(new ConnectionSettings("jdbc:mysql://db/x", "a", "hunter2").toString().contains("hunter2"));
    }

    @Test
    void aLeastPrivilegeUserRunsEverythingAndItsPasswordIsNeverLogged(TestDatabase db) throws Exception {
        assumeTrue(db.admin().isPresent(), "needs a server with grant tables and an administrator (the container"
                + " backend; the embedded server has no users, and for DB_URL no administrator is known)");
        String password = "Pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        ConnectionSettings admin = db.admin().get();
        ConnectionSettings leastPrivilege = new ConnectionSettings(
                db.settings().url().replaceFirst("/" + db.schemaName() + "(?=$|\\?)", "/" + DATABASE), USER, password);
        asAdmin(admin, "DROP USER IF EXISTS '" + USER + "'@'%'", "DROP DATABASE IF EXISTS " + DATABASE,
                "CREATE DATABASE " + DATABASE,
                "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + password + "'",
                "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%'");
        try {
            String logged = LogCapture.during(() -> {
                try (Database database = Database.open(leastPrivilege)) {
                    database.recreateSchema();
                    database.createSchema();
                    SampleData.persist(database);
                    database.articles().tag(1, "least privilege");
                    assertEquals(List.of(), database.validateSchema());
                    assertEquals(2, database.articles().findAllWithTags().size());
                    database.dropSchema();
                }
                IllegalStateException refused = assertThrows(IllegalStateException.class,
                        () -> Database.open(new ConnectionSettings(leastPrivilege.url(), USER, password + "-wrong")));
                assertFalse(refused.getMessage().contains(password), refused.getMessage());
                assertTrue(refused.getMessage().contains("cannot connect to"), refused.getMessage());
            });

            // The capture saw the pool's configuration dump and Hibernate's connection summary...
            assertTrue(logged.contains("HikariConfig"), "HikariCP's configuration was not logged");
            assertTrue(logged.contains("HHH10001005"), "Hibernate's connection info was not logged");
            // ...and the password in none of them.
            assertFalse(logged.contains(password), "the password was logged");
        } finally {
            asAdmin(admin, "DROP DATABASE IF EXISTS " + DATABASE, "DROP USER IF EXISTS '" + USER + "'@'%'");
        }
    }

    private static void asAdmin(ConnectionSettings admin, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
