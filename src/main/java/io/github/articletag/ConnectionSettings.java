package io.github.articletag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.articletag.internal.Arguments.notNull;

/**
 * Where the database is, who to log in as, and which certificates to trust. The password is never part of
 * {@link #toString()}.
 *
 * @param url        a MySQL Connector/J URL, {@code jdbc:mysql://host:port/database}; add
 *                   {@code ?sslMode=VERIFY_IDENTITY} to verify the server's certificate and host name
 * @param user       the database user
 * @param password   the user's password, may be empty but not null
 * @param trustStore the CA certificates that verify the server's, or null for the JVM's default trust
 */
public record ConnectionSettings(String url, String user, String password, TrustStore trustStore) {

    /** Environment variable holding the JDBC URL. */
    public static final String URL_VARIABLE = "DB_URL";
    /** Environment variable holding the user name. */
    public static final String USER_VARIABLE = "DB_USER";
    /** Environment variable holding the password. */
    public static final String PASSWORD_VARIABLE = "DB_PASSWORD";

    /** A password-like key in any URL form: {@code password=}, {@code password1=} to {@code password3=}
     * (multi-factor), {@code (password=…)} and {@code address=(…)(password=…)}, keystore passwords. */
    private static final Pattern PASSWORD_KEY = Pattern.compile("(?i)password\\d*\\s*=");
    /** The authority of a URL: what stands between {@code //} and the path or the query. */
    private static final Pattern AUTHORITY = Pattern.compile("^[^/]*//([^/?]*)");

    /**
     * @throws IllegalArgumentException if the URL is not a {@code jdbc:mysql:} URL or holds a password in any form
     *                                  Connector/J accepts, or the user is missing; the message never repeats
     *                                  the password
     */
    public ConnectionSettings {
        if (url == null || !url.startsWith("jdbc:mysql")) {
            throw new IllegalArgumentException(
                    "database URL must start with jdbc:mysql (MySQL Connector/J), was " + redactUrl(url));
        }
        String passwordForm = passwordForm(url);
        if (passwordForm != null) {
            throw new IllegalArgumentException("the database URL holds a password (" + passwordForm + "): put it"
                    + " in DB_PASSWORD or the password setting instead, since URLs are logged by Hibernate and"
                    + " HikariCP");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("database user must not be blank");
        }
        password = Objects.requireNonNullElse(password, "");
    }

    /** Settings that trust the JVM's default certificates. */
    public ConnectionSettings(String url, String user, String password) {
        this(url, user, password, null);
    }

    /** The same settings, trusting the certificates of {@code trustStore} (null: the JVM's default). */
    public ConnectionSettings withTrustStore(TrustStore trustStore) {
        return new ConnectionSettings(url, user, password, trustStore);
    }

    /**
     * Settings from {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD} (and the trust store's
     * {@code DB_TRUST_STORE}, {@code DB_TRUST_STORE_PASSWORD}, {@code DB_TRUST_STORE_TYPE}), or empty when
     * {@code DB_URL} is not set.
     */
    public static Optional<ConnectionSettings> fromEnvironment() {
        return fromVariables(System.getenv());
    }

    /**
     * Settings from a map holding the same names as the environment variables; empty without a URL.
     * The user defaults to {@code root}, the password to empty, the trust store to the JVM's default.
     */
    public static Optional<ConnectionSettings> fromVariables(Map<String, String> variables) {
        notNull("variables", variables);
        String url = variables.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionSettings(url, variables.getOrDefault(USER_VARIABLE, "root"),
                variables.get(PASSWORD_VARIABLE), TrustStore.fromVariables(variables).orElse(null)));
    }

    /** URL, user and trust store, without passwords. */
    @Override
    public String toString() {
        return "ConnectionSettings[url=" + redactUrl(url) + ", user=" + user + ", password=***"
                + (trustStore == null ? "" : ", trustStore=" + trustStore) + "]";
    }

    /**
     * How the URL carries a password, or null if it does not: checked on the URL as written and as
     * percent-decoded, since Connector/J decodes both keys and values.
     */
    private static String passwordForm(String url) {
        for (String form : new String[] {url, decoded(url)}) {
            if (PASSWORD_KEY.matcher(form).find()) {
                return "a password key";
            }
            Matcher authority = AUTHORITY.matcher(form);
            if (authority.find()) {
                // user:password@host, in any of the comma-separated hosts or [...] lists
                for (String host : authority.group(1).split("[,\\[\\]]")) {
                    int at = host.lastIndexOf('@');
                    if (at >= 0 && host.substring(0, at).contains(":")) {
                        return "user:password@host";
                    }
                }
            }
        }
        return null;
    }

    private static String decoded(String url) {
        try {
            return URLDecoder.decode(url, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return url;
        }
    }

    /** The URL, percent-decoded, with any password masked (key=value and user:password@ forms), for messages. */
    static String redactUrl(String url) {
        return url == null ? null : decoded(url) // %70assword= is a password key too
                .replaceAll("(?i)(password\\d*\\s*=)[^&;)]*", "$1***")
                .replaceAll("(//|,|\\[)([^/?,@\\[]*?):[^/?,@]*@", "$1$2:***@");
    }
}
