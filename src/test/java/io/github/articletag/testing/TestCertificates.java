package io.github.articletag.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates made for a test with the JDK's keytool: a CA, server certificates it signs for given names, and a
 * PKCS#12 trust store holding the CA. The PEM files are what MySQL's and MariaDB's {@code --ssl-cert},
 * {@code --ssl-key} and {@code --ssl-ca} read. Test helper.
 */
public final class TestCertificates {

    private static final String STORE_PASSWORD = "keytool-" + Long.toHexString(System.nanoTime());

    private final Path directory;

    public TestCertificates(Path directory) {
        this.directory = directory;
    }

    /** A CA named {@code name}: its key store, and its certificate as {@code <name>.pem}. */
    public Path ca(String name) throws IOException {
        Path store = directory.resolve(name + ".p12");
        keytool("-genkeypair", "-keystore", store.toString(), "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=" + name, "-ext", "bc:c", "-validity", "2");
        keytool("-exportcert", "-rfc", "-keystore", store.toString(), "-alias", "ca",
                "-file", directory.resolve(name + ".pem").toString());
        return store;
    }

    /**
     * A server certificate signed by {@code ca} for the subject alternative names given (as keytool writes them:
     * {@code dns:localhost}, {@code ip:127.0.0.1}): {@code <name>-cert.pem} and {@code <name>-key.pem}.
     */
    public void server(String name, Path ca, String... alternativeNames) throws IOException, GeneralSecurityException {
        Path store = directory.resolve(name + ".p12");
        Path request = directory.resolve(name + ".csr");
        keytool("-genkeypair", "-keystore", store.toString(), "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=" + name, "-validity", "2");
        keytool("-certreq", "-keystore", store.toString(), "-alias", "server", "-file", request.toString());
        keytool("-gencert", "-keystore", ca.toString(), "-alias", "ca", "-infile", request.toString(), "-rfc",
                "-outfile", directory.resolve(name + "-cert.pem").toString(), "-validity", "2",
                "-ext", "san=" + String.join(",", alternativeNames));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        byte[] pkcs8 = keys.getKey("server", STORE_PASSWORD.toCharArray()).getEncoded();
        Files.writeString(directory.resolve(name + "-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");
    }

    /** A trust store of {@code type} (PKCS12, JKS) holding the certificate of the CA {@code caName}. */
    public Path trustStore(String caName, String type, String password) throws IOException {
        Path store = directory.resolve(caName + "-trust." + type.toLowerCase(java.util.Locale.ROOT));
        List<String> arguments = List.of("-importcert", "-noprompt", "-storetype", type, "-keystore",
                store.toString(), "-alias", "ca", "-file", directory.resolve(caName + ".pem").toString(),
                "-storepass", password);
        run(arguments);
        return store;
    }

    /** A file of this directory. */
    public Path file(String name) {
        return directory.resolve(name);
    }

    private void keytool(String... arguments) throws IOException {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
        run(all);
    }

    private static void run(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + arguments.get(0) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
