package io.github.articletag.testing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A forced backend that is unavailable fails the run with the reason; it never falls back. */
class TestServerTest {

    @Test
    void forcedUrlWithoutDbUrlFails() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TestServer.start("url", Optional.empty(), () -> null));

        assertEquals("test backend 'url' was forced but ARTICLETAG_TEST_DB_URL is not set", failure.getMessage());
    }

    @Test
    void forcedContainerWithoutDockerFails() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TestServer.start("container", Optional.empty(), () -> "no Docker engine is reachable"));

        assertEquals("test backend 'container' was forced but no Docker engine is reachable", failure.getMessage());
    }

    @Test
    void anUnknownBackendIsNamed() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TestServer.start("h2", Optional.empty(), () -> null));

        assertEquals("unknown test backend 'h2' in articletag.test.backend: use url, container, embedded or auto",
                failure.getMessage());
    }
}
