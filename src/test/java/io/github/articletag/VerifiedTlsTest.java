package io.github.articletag;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.testing.LogCapture;
import io.github.articletag.testing.TestCertificates;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import io.github.articletag.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS verified as production needs it: a server (the test image, in a container of its own) with a certificate
 * for {@code localhost} and {@code 127.0.0.1} from a CA the test makes; the library connects with
 * {@code sslMode=VERIFY_IDENTITY} and the CA in a trust store given by settings, through its own pool and through
 * an application's DataSource; a certificate for another host name and one from an unknown CA are refused, saying
 * which; the trust store's password is in no URL and no log.
 */
@ExtendWith(TestDatabaseExtension.class)
class VerifiedTlsTest {

    private static final String CERTS = "/etc/mysql/certs/";
    private static final String TEST_CA = "articletag-test-ca";
    private static final String TRUST_PASSWORD = "trust-" + Long.toHexString(System.nanoTime());

    private static MySQLContainer server;
    private static TestCertificates certificates;
    private static Path trustStore;
    /** The same CA as a JKS trust store, which Connector/J reads without its password. */
    private static Path applicationTrustStore;

    @BeforeEach
    void startServer(TestDatabase db, @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER) Path directory)
            throws Exception {
        assumeTrue(db.admin().isPresent(), "needs Docker: the test starts a server of its own with its certificates"
                + " (the container backend)");
        if (server != null) {
            return;
        }
        certificates = new TestCertificates(directory);
        Path ca = certificates.ca(TEST_CA);
        certificates.server("localhost", ca, "dns:localhost", "ip:127.0.0.1");
        certificates.server("elsewhere", ca, "dns:db.elsewhere.example");
        certificates.server("unknown", certificates.ca("unknown-ca"), "dns:localhost", "ip:127.0.0.1");
        trustStore = certificates.trustStore(TEST_CA, "PKCS12", TRUST_PASSWORD);
        applicationTrustStore = certificates.trustStore(TEST_CA, "JKS", TRUST_PASSWORD);
        server = new MySQLContainer(DockerImageName.parse(TestServer.image()).asCompatibleSubstituteFor("mysql"))
                .withDatabaseName("tls")
                .withCopyFileToContainer(pem(TEST_CA + ".pem"), CERTS + "ca.pem")
                .withCopyFileToContainer(pem("localhost-cert.pem"), CERTS + "cert.pem")
                .withCopyFileToContainer(pem("localhost-key.pem"), CERTS + "key.pem")
                .withCommand("--ssl-ca=" + CERTS + "ca.pem", "--ssl-cert=" + CERTS + "cert.pem",
                        "--ssl-key=" + CERTS + "key.pem");
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theLibraryConnectsWithAVerifiedCertificateThroughItsPoolAndAnApplicationsDataSource() throws Exception {
        present("localhost", TEST_CA);
        String logged = LogCapture.duringVerbose(() -> {
            try (Database database = Database.open(verified("localhost"))) {
                database.recreateSchema();
                Article article = database.articles().save(new Article("over TLS"));
                database.articles().tag(article.getId(), "verified");
                assertTrue(tlsVersion(database).startsWith("TLS"), "the connection is encrypted");
            }
            try (Database database = Database.open(verified("127.0.0.1"))) {
                assertEquals(1, database.articles().findTagged("verified", null, 10).items().size());
            }
            try (HikariDataSource application = applicationPool("localhost");
                 Database database = Database.open(application)) {
                assertEquals(1, database.articles().findTagged("verified", null, 10).items().size());
                assertTrue(tlsVersion(database).startsWith("TLS"));
            }
        });
        assertFalse(logged.contains(TRUST_PASSWORD), "the trust store's password was logged");
        assertTrue(logged.contains("HikariConfig"), "HikariCP's configuration was logged and checked");
    }

    @Test
    void aCertificateForAnotherHostOrFromAnUnknownCaIsRefusedSayingWhich() throws Exception {
        present("elsewhere", TEST_CA);
        String wrongHost = assertThrows(IllegalStateException.class, () -> Database.open(verified("localhost")))
                .getMessage();
        assertTrue(wrongHost.contains("is not trusted: its certificate is for another host name"), wrongHost);
        try (HikariDataSource application = applicationPool("localhost")) {
            String throughDataSource = assertThrows(IllegalStateException.class, () -> Database.open(application))
                    .getMessage();
            assertTrue(throughDataSource.contains("for another host name"), throughDataSource);
        }

        present("unknown", "unknown-ca");
        String unknownCa = assertThrows(IllegalStateException.class, () -> Database.open(verified("localhost")))
                .getMessage();
        assertTrue(unknownCa.contains("is not trusted: its certificate is not signed by a CA of the trust store"),
                unknownCa);
        assertFalse(unknownCa.contains(TRUST_PASSWORD) || wrongHost.contains(TRUST_PASSWORD));
    }

    @Test
    void theTrustStorePasswordBelongsInTheSettingsNeverInTheUrl() {
        String url = server.getJdbcUrl() + "&trustCertificateKeyStorePassword=" + TRUST_PASSWORD;
        String refused = assertThrows(IllegalArgumentException.class,
                () -> new ConnectionSettings(url, "u", "p")).getMessage();
        assertFalse(refused.contains(TRUST_PASSWORD), refused);
        ConnectionSettings fromEnvironment = ConnectionSettings.fromVariables(Map.of("DB_URL", url(server, "localhost"),
                "DB_USER", "u", "DB_TRUST_STORE", trustStore.toString(), "DB_TRUST_STORE_PASSWORD",
                TRUST_PASSWORD)).orElseThrow();
        assertEquals(new TrustStore(trustStore, "PKCS12", TRUST_PASSWORD), fromEnvironment.trustStore());
        assertFalse(fromEnvironment.toString().contains(TRUST_PASSWORD), fromEnvironment.toString());
        String wrongPassword = assertThrows(IllegalArgumentException.class, () -> Database.open(
                verified("localhost").withTrustStore(new TrustStore(trustStore, "not-" + TRUST_PASSWORD)))).getMessage();
        assertTrue(wrongPassword.endsWith("cannot be read: wrong password"), wrongPassword);
        assertFalse(wrongPassword.contains(TRUST_PASSWORD), wrongPassword);
    }

    /** Settings for the container at {@code host}, verifying its certificate with the test CA. */
    private static ConnectionSettings verified(String host) {
        return new ConnectionSettings(url(server, host), server.getUsername(), server.getPassword(),
                new TrustStore(trustStore, TRUST_PASSWORD));
    }

    private static String url(MySQLContainer container, String host) {
        return "jdbc:mysql://" + host + ":" + container.getMappedPort(3306) + "/tls?sslMode=VERIFY_IDENTITY";
    }

    /**
     * A pool as an application configures its own, as the guide shows: Connector/J's trust properties, a JKS trust
     * store read without its password (HikariCP logs every driver property but {@code password} at DEBUG).
     */
    private static HikariDataSource applicationPool(String host) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(server, host));
        config.setUsername(server.getUsername());
        config.setPassword(server.getPassword());
        config.setMaximumPoolSize(2);
        config.setInitializationFailTimeout(-1); // the refusal is the library's to report
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("trustCertificateKeyStoreUrl", applicationTrustStore.toUri().toString());
        config.addDataSourceProperty("trustCertificateKeyStoreType", "JKS");
        config.addDataSourceProperty("fallbackToSystemTrustStore", "false");
        return new HikariDataSource(config);
    }

    /**
     * The server presents the certificate {@code name} signed by the CA {@code ca} from now on (reloaded in place,
     * as an operator would; the server checks its certificate against its CA).
     */
    private static void present(String name, String ca) throws Exception {
        server.copyFileToContainer(pem(ca + ".pem"), CERTS + "ca.pem");
        server.copyFileToContainer(pem(name + "-cert.pem"), CERTS + "cert.pem");
        server.copyFileToContainer(pem(name + "-key.pem"), CERTS + "key.pem");
        try (Connection connection = DriverManager.getConnection(server.getJdbcUrl(), "root", server.getPassword());
             Statement statement = connection.createStatement()) {
            boolean mariaDb = connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
            statement.execute(mariaDb ? "FLUSH SSL" : "ALTER INSTANCE RELOAD TLS");
        }
    }

    private static MountableFile pem(String file) {
        return MountableFile.forHostPath(certificates.file(file), 0644);
    }

    private static String tlsVersion(Database database) {
        return database.fromTransaction(session -> String.valueOf(session.createNativeQuery(
                "SHOW SESSION STATUS LIKE 'Ssl_version'", Object[].class).getSingleResult()[1]));
    }
}
