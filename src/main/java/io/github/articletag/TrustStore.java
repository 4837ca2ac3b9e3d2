package io.github.articletag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.github.articletag.internal.Arguments.notNull;

/**
 * The certificates the client trusts when it verifies the server's, as {@code sslMode=VERIFY_IDENTITY} (or
 * {@code VERIFY_CA}) in the URL asks: a key store file holding the operator's CA certificate, given to the library's
 * connections only (not to the whole JVM, as {@code javax.net.ssl.trustStore} would be). Its password is never part
 * of {@link #toString()} and never of a URL.
 *
 * @param path     the key store file
 * @param type     its type, {@code PKCS12} (the default) or {@code JKS}
 * @param password its password, may be empty but not null
 */
public record TrustStore(Path path, String type, String password) {

    /** Environment variable holding the trust store's path. */
    public static final String PATH_VARIABLE = "DB_TRUST_STORE";
    /** Environment variable holding the trust store's password. */
    public static final String PASSWORD_VARIABLE = "DB_TRUST_STORE_PASSWORD";
    /** Environment variable holding the trust store's type ({@code PKCS12} when unset). */
    public static final String TYPE_VARIABLE = "DB_TRUST_STORE_TYPE";

    /**
     * @throws IllegalArgumentException if the path is null or not a readable file
     */
    public TrustStore {
        notNull("trust store path", path);
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new IllegalArgumentException("trust store " + path + " is not a readable file");
        }
        type = type == null || type.isBlank() ? "PKCS12" : type.strip();
        password = Objects.requireNonNullElse(password, "");
    }

    /** A PKCS#12 trust store. */
    public TrustStore(Path path, String password) {
        this(path, null, password);
    }

    /**
     * The trust store {@link #PATH_VARIABLE}, {@link #PASSWORD_VARIABLE} and {@link #TYPE_VARIABLE} name in
     * {@code variables}, or empty without a path.
     *
     * @throws IllegalArgumentException if the path is not a readable file
     */
    public static Optional<TrustStore> fromVariables(Map<String, String> variables) {
        notNull("variables", variables);
        String path = variables.get(PATH_VARIABLE);
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new TrustStore(Path.of(path.strip()), variables.get(TYPE_VARIABLE),
                variables.get(PASSWORD_VARIABLE)));
    }

    /** Path and type only. */
    @Override
    public String toString() {
        return "TrustStore[path=" + path + ", type=" + type + ", password=***]";
    }
}
