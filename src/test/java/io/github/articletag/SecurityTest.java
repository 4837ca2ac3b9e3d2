package io.github.articletag;

import io.github.articletag.testing.LogCapture;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
        assertTrue(failure.getMessage().contains("put it in DB_PASSWORD"), failure.getMessage());
    }

    /** Every form in which Connector/J takes a password from the URL: refused, and never repeated, or logged. */
    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:mysql://seed:S3cret-x@127.0.0.1:3306/db",
        "jdbc:mysql://h1:3306,seed:S3cret-x@h2:3306/db",
        "jdbc:mysql://[seed:S3cret-x@h1:3306,h2:3306]/db",
        "jdbc:mysql://127.0.0.1:3306/db?user=seed&password=S3cret-x",
        "jdbc:mysql://127.0.0.1:3306/db?password1=S3cret-x",
        "jdbc:mysql://127.0.0.1:3306/db?password2=S3cret-x",
        "jdbc:mysql://127.0.0.1:3306/db?password3=S3cret-x",
        "jdbc:mysql://127.0.0.1:3306/db?PassWord=S3cret-x",
        "jdbc:mysql://127.0.0.1:3306/db?%70assword=S3cret-x",
        "jdbc:mysql://(host=127.0.0.1,port=3306,password=S3cret-x)/db",
        "jdbc:mysql://address=(host=127.0.0.1)(port=3306)(password=S3cret-x)/db",
        "jdbc:mysql:loadbalance://address=(host=h1)(password=S3cret-x),address=(host=h2)/db",
        "jdbc:mysql://127.0.0.1:3306/db?sslMode=VERIFY_CA&trustCertificateKeyStorePassword=S3cret-x"})
    void aPasswordInAnyUrlFormIsRefusedAndNeverPrinted(String url) throws Exception {
        String logged = LogCapture.during(() -> {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> Database.open(new ConnectionSettings(url, "seed", "")));
            assertFalse(failure.getMessage().contains("S3cret"), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("the database URL holds a password"), failure.getMessage());
        });

        assertFalse(logged.contains("S3cret"), logged);
        assertFalse(ConnectionSettings.redactUrl(url).contains("S3cret"), ConnectionSettings.redactUrl(url));
    }

    @Test
    void aUrlOfAnotherDriverIsRefusedWithoutItsPassword() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new ConnectionSettings("jdbc:postgresql://seed:S3cret-x@db/x?password=S3cret-x", "a", ""));

        assertFalse(failure.getMessage().contains("S3cret"), failure.getMessage());
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
            String logged = LogCapture.duringVerbose(() -> {
                try (Database database = Database.open(leastPrivilege)) {
                    database.recreateSchema();
                    database.createSchema();
                    SampleData.persist(database);
                    database.articles().tag(1, "least privilege");
                    assertEquals(List.of(), database.validateSchema());
                    assertEquals(2, database.articles().findPage(null, 1000).items().size());
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
