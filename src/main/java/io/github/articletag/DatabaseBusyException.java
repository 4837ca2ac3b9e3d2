package io.github.articletag;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every connection of the pool was in use for the whole time a call waited for one: the server answers, but the
 * application sent more concurrent work than the pool has connections (a load spike, or calls that hold their
 * connections long, such as ones waiting for a lock). Nothing was written, and no connection was closed: the
 * pool stays as it was, and the next call that finds a free connection succeeds. Answer it as a busy service
 * (HTTP 503 with {@code Retry-After}), or give the pool more connections if it is the usual load.
 *
 * <p>It is a {@link DatabaseUnavailableException}, so code that handles an unreachable server handles this too;
 * catch it first to tell the two apart. Where the pool is HikariCP, its figures are known: how many connections
 * it holds, how many callers were waiting at the end, and how long this call waited.
 */
public class DatabaseBusyException extends DatabaseUnavailableException {

    private static final long serialVersionUID = 1L;

    private final Integer poolSize;
    private final Integer waitingCallers;
    private final Duration waited;

    /**
     * A pool with no free connection within its timeout.
     *
     * @param poolSize       how many connections the pool held, all in use; null if the pool does not say
     * @param waitingCallers how many callers were waiting for a connection when this one gave up; null if unknown
     * @param waited         how long this call waited; null if unknown
     * @param cause          the pool's exception
     */
    public DatabaseBusyException(String message, Integer poolSize, Integer waitingCallers, Duration waited,
                                 Throwable cause) {
        super(message, cause);
        this.poolSize = poolSize;
        this.waitingCallers = waitingCallers;
        this.waited = waited;
    }

    /** How many connections the pool held, every one in use; empty if the pool does not say. */
    public OptionalInt poolSize() {
        return poolSize == null ? OptionalInt.empty() : OptionalInt.of(poolSize);
    }

    /** How many callers were waiting for a connection when this one gave up; empty if the pool does not say. */
    public OptionalInt waitingCallers() {
        return waitingCallers == null ? OptionalInt.empty() : OptionalInt.of(waitingCallers);
    }

    /** How long this call waited for a connection; empty if the pool does not say. */
    public Optional<Duration> waited() {
        return Optional.ofNullable(waited);
    }
}
