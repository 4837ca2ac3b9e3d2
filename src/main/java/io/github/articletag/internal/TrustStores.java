package io.github.articletag.internal;

import io.github.articletag.TrustStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's trust store as the driver gets it: its certificates copied into a key store of this process that
 * Connector/J reads without a password, so that no password is among the driver's properties, which HikariCP logs
 * at DEBUG (it masks {@code password} only). A trust store holds public certificates; its password guards the
 * file's integrity, which the copy's owner-only permissions guard as well.
 */
final class TrustStores {

    /** One copy per trust store per process, deleted when the JVM exits. */
    private static final Map<TrustStore, Path> COPIES = new ConcurrentHashMap<>();

    private TrustStores() {
    }

    /**
     * Connector/J's properties for {@code trustStore} under {@code prefix}, empty for null: the copy's file and
     * type, and no fallback to the JVM's default trust, so that only the operator's CA is trusted.
     *
     * @throws IllegalArgumentException if the trust store cannot be read with its password, or holds no certificate
     */
    static Map<String, String> driverProperties(TrustStore trustStore, String prefix) {
        if (trustStore == null) {
            return Map.of();
        }
        Path copy = COPIES.computeIfAbsent(trustStore, TrustStores::copy);
        return Map.of(prefix + "trustCertificateKeyStoreUrl", copy.toUri().toString(),
                prefix + "trustCertificateKeyStoreType", "JKS",
                prefix + "fallbackToSystemTrustStore", "false");
    }

    private static Path copy(TrustStore trustStore) {
        try {
            KeyStore source = KeyStore.getInstance(trustStore.type());
            try (InputStream in = Files.newInputStream(trustStore.path())) {
                source.load(in, trustStore.password().toCharArray());
            }
            KeyStore copy = KeyStore.getInstance("JKS");
            copy.load(null, null);
            for (String alias : Collections.list(source.aliases())) {
                if (source.isCertificateEntry(alias)) {
                    copy.setCertificateEntry(alias, source.getCertificate(alias));
                }
            }
            if (copy.size() == 0) {
                throw new IllegalArgumentException(trustStore + " holds no trusted certificate: import the CA's"
                        + " certificate (keytool -importcert)");
            }
            Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile("articletag-trust-", ".jks",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile("articletag-trust-", ".jks");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                // JKS needs a password to store; Connector/J reads the copy without one (no integrity check).
                copy.store(out, HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray());
            }
            return file;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new IllegalArgumentException(trustStore + " cannot be read: wrong password", e);
            }
            throw new IllegalArgumentException(trustStore + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(trustStore + " cannot be read: " + e.getMessage(), e);
        }
    }
}
