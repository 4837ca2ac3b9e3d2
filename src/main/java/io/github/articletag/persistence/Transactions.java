package io.github.articletag.persistence;

import org.hibernate.Session;
import org.hibernate.SessionFactory;

import java.sql.SQLException;
import java.util.function.Function;

/** Runs idempotent write operations in a transaction, retrying when MySQL asks for it. */
final class Transactions {

    /** How often an operation is tried in all before its last failure is thrown. */
    static final int ATTEMPTS = 5;

    private static final int ER_DUP_ENTRY = 1062;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;

    private Transactions() {
    }

    /**
     * Runs {@code work} in a new transaction and retries it, at most {@link #ATTEMPTS} times in all, when the
     * server reports a deadlock, a lock wait timeout, or a duplicate key: the last happens when two callers
     * add the same link or tag at once, and on the next attempt the operation sees the other's row. Only for
     * work that is safe to repeat.
     */
    static <R> R retrying(SessionFactory sessionFactory, Function<Session, R> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sessionFactory.fromTransaction(work);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                int code = sql.getErrorCode();
                return code == ER_LOCK_DEADLOCK || code == ER_LOCK_WAIT_TIMEOUT || code == ER_DUP_ENTRY
                        || "40001".equals(sql.getSQLState());
            }
        }
        return false;
    }

    /** A short, growing, jittered pause, so that two retrying transactions do not collide again at once. */
    private static void pause(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 10 * attempt) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
