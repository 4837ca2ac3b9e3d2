package io.github.articletag.persistence;

import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.util.function.Function;

/**
 * How the library runs a unit of work: one session, one transaction, commit or roll back. Two kinds of
 * failure are retried, nothing else:
 * <ul>
 *   <li>a connection that turns out dead when the transaction begins (the server restarted or killed it
 *       while it sat in the pool): nothing was done yet, so the work starts again on a fresh connection;</li>
 *   <li>for work that is safe to repeat ({@link #retrying}), a deadlock, a lock wait timeout, or a duplicate
 *       key from a concurrent insert of the same row.</li>
 * </ul>
 * A connection lost in the middle of the work is reported as {@link DatabaseUnavailableException}; the
 * server rolls back what the transaction had done.
 */
final class Transactions {

    /** How often work is tried in all before its last failure is thrown. */
    static final int ATTEMPTS = 5;

    private static final int ER_DUP_ENTRY = 1062;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;

    private final SessionFactory sessionFactory;

    Transactions(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** Runs {@code work} once in a new transaction (again only if the connection was dead at the start). */
    <R> R run(Function<Session, R> work) {
        return execute(work, false, false);
    }

    /** Runs work that is safe to repeat, retrying it on deadlock, lock timeout or a concurrent duplicate. */
    <R> R retrying(Function<Session, R> work) {
        return execute(work, true, false);
    }

    /**
     * Runs a query: entities are loaded read-only (Hibernate keeps no snapshot to compare at flush) and the
     * session never flushes. Safe to repeat like {@link #retrying}.
     */
    <R> R read(Function<Session, R> work) {
        return execute(work, true, true);
    }

    private <R> R execute(Function<Session, R> work, boolean repeatable, boolean readOnly) {
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt >= ATTEMPTS;
            try (Session session = sessionFactory.openSession()) {
                if (readOnly) {
                    session.setDefaultReadOnly(true);
                    session.setHibernateFlushMode(FlushMode.MANUAL);
                }
                Transaction transaction;
                try {
                    transaction = session.beginTransaction();
                } catch (RuntimeException e) {
                    // Hibernate reports this as a TransactionException around the driver's SQLException.
                    // HikariCP evicts the broken connection; the next attempt gets a new one.
                    if (!isConnectionFailure(e)) {
                        throw e;
                    }
                    if (lastAttempt) {
                        throw unavailable(e);
                    }
                    continue;
                }
                try {
                    R result = work.apply(session);
                    transaction.commit();
                    return result;
                } catch (RuntimeException e) {
                    rollbackQuietly(transaction, e);
                    if (isConnectionFailure(e)) {
                        throw unavailable(e);
                    }
                    if (!repeatable || lastAttempt || !isTransient(e)) {
                        throw e;
                    }
                }
            }
            pause(attempt);
        }
    }

    private static DatabaseUnavailableException unavailable(RuntimeException e) {
        return new DatabaseUnavailableException("lost the connection to the database; the transaction was"
                + " not committed (the server rolls it back): " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Transaction transaction, RuntimeException failure) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            // The connection may be gone; the original failure is the one to report.
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** A connection-class failure: the driver's SQLState 08xxx (Hibernate's JDBCConnectionException). */
    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                return sql.getSQLState() != null && sql.getSQLState().startsWith("08");
            }
        }
        return false;
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
