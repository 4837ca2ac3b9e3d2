package io.github.articletag.persistence;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the database is and who to log in as. The password is never part of {@link #toString()}.
 *
 * @param url      a MySQL Connector/J URL, {@code jdbc:mysql://host:port/database}
 * @param user     the database user
 * @param password the user's password, may be empty but not null
 */
public record ConnectionSettings(String url, String user, String password) {

    /** Environment variable holding the JDBC URL. */
    public static final String URL_VARIABLE = "DB_URL";
    /** Environment variable holding the user name. */
    public static final String USER_VARIABLE = "DB_USER";
    /** Environment variable holding the password. */
    public static final String PASSWORD_VARIABLE = "DB_PASSWORD";

    /**
     * @throws IllegalArgumentException if the URL is not a {@code jdbc:mysql:} URL or holds a password, or the
     *                                  user is missing
     */
    public ConnectionSettings {
        if (url == null || !url.startsWith("jdbc:mysql:")) {
            throw new IllegalArgumentException(
                    "database URL must start with jdbc:mysql: (MySQL Connector/J), was " + redactUrl(url));
        }
        if (url.matches("(?i).*[?&;]password=.*")) {
            throw new IllegalArgumentException("put the password in DB_PASSWORD or the password setting, not in"
                    + " the database URL: URLs are logged");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("database user must not be blank");
        }
        password = Objects.requireNonNullElse(password, "");
    }

    /**
     * Settings from {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD}, or empty when {@code DB_URL}
     * is not set.
     */
    public static Optional<ConnectionSettings> fromEnvironment() {
        return fromVariables(System.getenv());
    }

    /**
     * Settings from a map holding the same names as the environment variables; empty without a URL.
     * The user defaults to {@code root} and the password to empty.
     */
    public static Optional<ConnectionSettings> fromVariables(Map<String, String> variables) {
        String url = variables.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionSettings(url,
                variables.getOrDefault(USER_VARIABLE, "root"), variables.get(PASSWORD_VARIABLE)));
    }

    /** URL and user only. */
    @Override
    public String toString() {
        return "ConnectionSettings[url=" + redactUrl(url) + ", user=" + user + ", password=***]";
    }

    /** The URL with any {@code password=} parameter masked, for messages and logs. */
    static String redactUrl(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
