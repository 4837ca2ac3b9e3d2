package io.github.articletag.internal;

import io.github.articletag.DatabaseBusyException;
import io.github.articletag.DatabaseUnavailableException;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pool's "no connection within the timeout" means: HikariCP (and pools like it) throws
 * {@link SQLTransientConnectionException} both when every connection was in use all along and when it could not
 * open one. HikariCP gives the last failure to connect as the cause, and forgets it once a connection opens:
 * without one, the server answered and the pool was only busy.
 */
final class PoolTimeouts {

    /**
     * HikariCP's message (5.x to 7.x): "pool - Connection is not available, request timed out after 251ms
     * (total=2, active=2, idle=0, waiting=18)".
     */
    private static final Pattern HIKARI = Pattern.compile(
            "request timed out after (\\d+)ms \\(total=(\\d+), active=\\d+, idle=\\d+, waiting=(\\d+)\\)");

    private PoolTimeouts() {
    }

    /** The pool's timeout in the chain, or null. */
    static SQLTransientConnectionException of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException timeout) {
                return timeout;
            }
        }
        return null;
    }

    /**
     * The exception for a pool timeout: busy when the pool held connections and had no failure to connect to
     * report, unreachable otherwise.
     */
    static DatabaseUnavailableException describe(SQLTransientConnectionException timeout, RuntimeException failure,
                                                 String where) {
        Matcher hikari = timeout.getMessage() == null ? null : HIKARI.matcher(timeout.getMessage());
        boolean parsed = hikari != null && hikari.find();
        // A pool that holds no connection at all is not busy: it is still trying to open one.
        if (timeout.getCause() != null || parsed && Integer.parseInt(hikari.group(2)) == 0) {
            return new DatabaseUnavailableException("cannot reach the database server at " + where + ": "
                    + Transactions.rootMessage(timeout) + "; nothing was written", failure);
        }
        if (!parsed) {
            return new DatabaseBusyException("the connection pool for " + where + " had no free connection within"
                    + " its timeout: the server answers, every connection was in use; nothing was written ("
                    + timeout.getMessage() + ")", null, null, null, failure);
        }
        long waited = Long.parseLong(hikari.group(1));
        int size = Integer.parseInt(hikari.group(2));
        int waiting = Integer.parseInt(hikari.group(3));
        return new DatabaseBusyException("the connection pool for " + where + " is busy: all " + size
                + " of its connections were in use for the " + waited + " ms this call waited, with " + waiting
                + " other callers waiting; the server answers, nothing was written: try again shortly, or give the"
                + " pool more connections", size, waiting, Duration.ofMillis(waited), failure);
    }
}
