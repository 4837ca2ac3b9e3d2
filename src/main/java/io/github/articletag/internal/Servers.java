package io.github.articletag.internal;

import io.github.articletag.ConnectionSettings;
import io.github.articletag.DatabaseUnavailableException;
import io.github.articletag.Timeouts;
import org.hibernate.Session;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Reaches a server before the library opens a factory over it: what it says it is ({@code VERSION()}), and the
 * URL it was reached by (for messages, once {@code ConnectionSettings} has taken any password out of it).
 */
public final class Servers {

    /** A server reached: the URL as the driver has it, and its {@code VERSION()}. */
    public record Reached(String url, String version) {
    }

    private Servers() {
    }

    /**
     * The {@code VERSION()} of the server at {@code settings}, on a connection of its own, within the timeouts.
     *
     * @param where the URL without any password, for messages
     * @throws DatabaseUnavailableException naming the URL (never the password) if the server cannot be reached
     * @throws IllegalStateException        naming the URL and user if the server refuses the login
     */
    public static String version(ConnectionSettings settings, String where, Timeouts timeouts) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("connectTimeout", String.valueOf(timeouts.connect().toMillis()));
        properties.setProperty("socketTimeout", String.valueOf(timeouts.read().toMillis()));
        properties.putAll(TrustStores.driverProperties(settings.trustStore(), ""));
        try (Connection connection = DriverManager.getConnection(settings.url(), properties)) {
            return reached(connection).version();
        } catch (SQLException e) {
            throwIfCertificateRefused(e, where);
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw new DatabaseUnavailableException("cannot reach the database server at " + where + ": "
                        + e.getMessage(), e);
            }
            throw new IllegalStateException("cannot connect to " + where + " as " + settings.user() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The server behind an application's {@code DataSource}.
     *
     * @throws DatabaseUnavailableException if no connection can be had from it
     */
    public static Reached reach(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return reached(connection);
        } catch (SQLException e) {
            throwIfCertificateRefused(e, "the application's DataSource");
            throw new DatabaseUnavailableException("cannot get a connection from the application's DataSource: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The server behind an application's factory, through one of its sessions.
     *
     * @throws DatabaseUnavailableException if no connection can be had from it
     */
    public static Reached reach(Session session) {
        try {
            return session.doReturningWork(Servers::reached);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot get a connection from the application's factory: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A TLS handshake the client ended because it does not trust the server's certificate is no outage: trying
     * again cannot help. Says which check failed: the host name ({@code sslMode=VERIFY_IDENTITY}) or the CA.
     */
    private static void throwIfCertificateRefused(SQLException failure, String where) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLHandshakeException
                    || cause instanceof java.security.cert.CertificateException) {
                String detail = String.valueOf(cause.getMessage());
                String why = detail.contains("Subject Alternative Name") || detail.contains("identity verification")
                        ? "its certificate is for another host name than the URL's (sslMode=VERIFY_IDENTITY)"
                        : detail.contains("certification path") || detail.contains("PKIX")
                                || detail.contains("trust anchor")
                        ? "its certificate is not signed by a CA of the trust store"
                        : "its certificate was refused";
                throw new IllegalStateException("the server at " + where + " is not trusted: " + why + ": "
                        + detail, failure);
            }
        }
    }

    private static Reached reached(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        return Sql.on(connection, sql -> new Reached(url, sql.list("SELECT VERSION()", row -> row.getString(1)).get(0)));
    }
}
