package io.github.articletag;

import java.time.Duration;

import static io.github.articletag.internal.Arguments.notNull;

/**
 * How long the library waits for the server before it gives up, so that a server that is down or silent
 * makes a call fail in seconds with {@link DatabaseUnavailableException}, never hang.
 *
 * @param connect  opening a TCP connection and the MySQL handshake (Connector/J's {@code connectTimeout})
 * @param read     one answer from the server on an open connection (Connector/J's {@code socketTimeout}). It
 *                 bounds a single statement, not a whole import, and must exceed the server's
 *                 {@code innodb_lock_wait_timeout} (50 s by default), or a statement that legitimately waits
 *                 for a lock would be cut as a lost connection
 * @param acquire  getting a connection from the pool, which includes opening one when the pool has none
 *                 left (HikariCP's {@code connectionTimeout}); when it runs out, the server is taken as
 *                 unreachable and the call fails at once, without further attempts
 */
public record Timeouts(Duration connect, Duration read, Duration acquire) {

    /** 5 s to connect, 60 s for one answer, 5 s to get a connection from the pool. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofSeconds(5));

    /**
     * @throws IllegalArgumentException if a duration is null, or not at least one millisecond (HikariCP
     *                                  accepts no less than 250 ms for {@code acquire})
     */
    public Timeouts {
        requirePositive("connect", connect, 1);
        requirePositive("read", read, 1);
        requirePositive("acquire", acquire, 250);
    }

    private static void requirePositive(String name, Duration value, long minimumMillis) {
        notNull(name + " timeout", value);
        if (value.toMillis() < minimumMillis || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " timeout must be from " + minimumMillis + " ms to "
                    + Integer.MAX_VALUE + " ms, was " + value.toMillis() + " ms");
        }
    }
}
