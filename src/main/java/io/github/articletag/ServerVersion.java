package io.github.articletag;

import io.github.articletag.internal.Servers;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.articletag.internal.Arguments.notNull;

/**
 * What the connected server is, according to its own {@code SELECT VERSION()}.
 *
 * <p>Hibernate cannot find this out through MySQL Connector/J by itself: the driver names every server
 * "MySQL"; MariaDB before 11 announces itself as "5.5.5-10.x-MariaDB", so Hibernate picks MySQLDialect
 * for MySQL 5.5.5 and warns HHH000511; and MariaDB 11 has no {@code INFORMATION_SCHEMA.KEYWORDS.RESERVED}
 * column, so the driver's {@code getSQLKeywords()} fails and Hibernate cannot read the JDBC metadata at all.
 * {@link Database} therefore asks the server once and hands Hibernate the product and version.
 *
 * @param product "MySQL" or "MariaDB", as Hibernate's dialect resolution names them
 * @param version the {@code VERSION()} text, for example "8.4.3" or "11.4.5-MariaDB"
 * @param major   the major version
 * @param minor   the minor version
 */
public record ServerVersion(String product, String version, int major, int minor) {

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** {@link #probe(ConnectionSettings, Timeouts)} with {@link Timeouts#DEFAULT}. */
    public static ServerVersion probe(ConnectionSettings settings) {
        return probe(settings, Timeouts.DEFAULT);
    }

    /**
     * Connects once and asks the server, waiting no longer than {@code timeouts} allow.
     *
     * @throws IllegalArgumentException     if an argument is null
     * @throws DatabaseUnavailableException naming the URL (never the password) if the server cannot be reached
     *                                      or does not answer in time
     * @throws IllegalStateException        naming the URL and user if the server refuses the login
     */
    public static ServerVersion probe(ConnectionSettings settings, Timeouts timeouts) {
        notNull("settings", settings);
        notNull("timeouts", timeouts);
        return parse(Servers.version(settings, ConnectionSettings.redactUrl(settings.url()), timeouts));
    }

    /** Reads a {@code VERSION()} result; MariaDB's contains "MariaDB", MySQL's does not. */
    public static ServerVersion parse(String version) {
        notNull("version", version);
        String product = version.contains("MariaDB") ? "MariaDB" : "MySQL";
        // The handshake form "5.5.5-10.11.6-MariaDB" is not what VERSION() says, but accept it too.
        String numbers = version.startsWith("5.5.5-") && product.equals("MariaDB") ? version.substring(6) : version;
        Matcher matcher = NUMBERS.matcher(numbers);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a MySQL or MariaDB version: " + version);
        }
        return new ServerVersion(product, numbers,
                Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /**
     * The Hibernate settings that name this server instead of letting Hibernate read Connector/J's metadata:
     * what {@link Database} uses, and what an application building its own factory needs against MariaDB 11,
     * where that metadata fails and Hibernate cannot choose a dialect at all.
     */
    public Map<String, String> hibernateProperties() {
        return Map.of(
                "hibernate.boot.allow_jdbc_metadata_access", "false",
                "jakarta.persistence.database-product-name", product,
                "jakarta.persistence.database-product-version", version,
                "jakarta.persistence.database-major-version", String.valueOf(major),
                "jakarta.persistence.database-minor-version", String.valueOf(minor));
    }

    @Override
    public String toString() {
        return product + " " + version;
    }
}
