package io.github.articletag.persistence;

import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.exception.JDBCConnectionException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.function.Function;

/**
 * How the library runs a unit of work: one session, one transaction, commit or roll back.
 *
 * <p>Connections leave the pool with autocommit already off, so beginning a transaction sends nothing, and a
 * connection the server dropped while it sat in the pool (restart, {@code KILL}, timeout) shows up at the
 * first statement. Whatever a transaction did on a lost connection is rolled back by the server. Hence three
 * policies:
 * <ul>
 *   <li>{@link #run}: tried once; the connection is pinged first (one round trip) so that a dead one is
 *       replaced before anything is done; a connection lost after that is reported as
 *       {@link DatabaseUnavailableException}, because a commit whose answer was lost may have happened;</li>
 *   <li>{@link #retryingConflicts}: like {@link #run}, and run again when the server refused it in a way that
 *       rolled it back for certain: a deadlock, a lock wait timeout, a duplicate key from a concurrent insert of
 *       the same row, or a row it linked to that a concurrent transaction deleted;</li>
 *   <li>{@link #retrying} and {@link #read}: for work that is safe to repeat, also run again when the connection
 *       is lost.</li>
 * </ul>
 * A dead connection usually means the server restarted or dropped them all, so on the first sign of one the
 * pool is told to replace every idle connection ({@code evictIdleConnections}); at most {@link #ATTEMPTS}
 * attempts are made.
 */
final class Transactions {

    /** How often work is tried in all before its last failure is thrown. */
    static final int ATTEMPTS = 5;

    private static final int ER_DUP_ENTRY = 1062;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;
    /** A foreign key's parent row is missing: a tag or article deleted or merged away by a concurrent call. */
    private static final int ER_NO_REFERENCED_ROW_2 = 1452;

    /** When work is run again. */
    private enum Retry {
        /** Never (but for a connection found dead before the work started). */
        NEVER,
        /** On a conflict with a concurrent transaction, which the server rolled back. */
        ON_CONFLICT,
        /** On a conflict, and on a lost connection: the work is safe to repeat. */
        ALWAYS
    }

    private final SessionFactory sessionFactory;
    private final Runnable evictIdleConnections;
    private final String server;
    private final boolean enforceReadCommitted;

    /**
     * @param server               where the server is, for messages: the URL without any password
     * @param enforceReadCommitted whether connections may come at another isolation level (an application's
     *                             pool), so that each transaction must set READ COMMITTED itself
     */
    Transactions(SessionFactory sessionFactory, Runnable evictIdleConnections, String server,
                 boolean enforceReadCommitted) {
        this.sessionFactory = sessionFactory;
        this.evictIdleConnections = evictIdleConnections;
        this.server = server;
        this.enforceReadCommitted = enforceReadCommitted;
    }

    /** Runs {@code work} once in a new transaction (again only if the connection was dead at the start). */
    <R> R run(Function<Session, R> work) {
        return execute(work, Retry.NEVER, false);
    }

    /** Runs {@code work}, again after a conflict that rolled it back (deadlock, lock timeout, duplicate, missing parent). */
    <R> R retryingConflicts(Function<Session, R> work) {
        return execute(work, Retry.ON_CONFLICT, false);
    }

    /** Runs work that is safe to repeat, again after a conflict or a lost connection. */
    <R> R retrying(Function<Session, R> work) {
        return execute(work, Retry.ALWAYS, false);
    }

    /**
     * Runs a query: entities are loaded read-only (Hibernate keeps no snapshot to compare at flush) and the
     * session never flushes. Safe to repeat like {@link #retrying}.
     */
    <R> R read(Function<Session, R> work) {
        return execute(work, Retry.ALWAYS, true);
    }

    private <R> R execute(Function<Session, R> work, Retry retry, boolean readOnly) {
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
                    if (enforceReadCommitted) {
                        // find-or-create reads the row a concurrent caller inserted, which REPEATABLE READ's
                        // snapshot would hide. A pool such as HikariCP restores its own level on return.
                        session.doWork(Transactions::readCommitted);
                    }
                    if (retry != Retry.ALWAYS) {
                        session.doWork(Transactions::ping);
                    }
                } catch (RuntimeException e) {
                    // The driver's SQLException arrives wrapped (TransactionException, JDBCConnectionException).
                    throwIfUnreachable(e);
                    if (!isConnectionFailure(e)) {
                        throw e;
                    }
                    // A pooled connection the server had dropped: HikariCP evicts it, the next attempt gets a new one.
                    evictIdleConnections.run();
                    if (lastAttempt) {
                        throw lost(e, false);
                    }
                    continue;
                }
                R result;
                try {
                    result = work.apply(session);
                    if (!readOnly) {
                        session.flush(); // so that a failure here is told apart from one during the commit
                    }
                } catch (RuntimeException e) {
                    rollbackQuietly(transaction, e);
                    // Hibernate takes the connection at the first statement, not at begin (autocommit is off
                    // already): the pool can time out here too.
                    throwIfUnreachable(e);
                    if (isConnectionFailure(e)) {
                        evictIdleConnections.run();
                        if (retry != Retry.ALWAYS || lastAttempt) {
                            throw lost(e, false);
                        }
                    } else if (retry == Retry.NEVER || lastAttempt || !isConflict(e)) {
                        throw e;
                    }
                    pause(attempt);
                    continue;
                }
                try {
                    transaction.commit();
                    return result;
                } catch (RuntimeException e) {
                    rollbackQuietly(transaction, e);
                    boolean connectionLost = isConnectionFailure(e);
                    if (connectionLost) {
                        evictIdleConnections.run();
                    }
                    if (connectionLost && (retry != Retry.ALWAYS || lastAttempt)) {
                        throw lost(e, true);
                    }
                    if (!connectionLost && (retry == Retry.NEVER || lastAttempt || !isConflict(e))) {
                        throw e;
                    }
                }
            }
            pause(attempt);
        }
    }

    private static void readCommitted(Connection connection) throws SQLException {
        if (connection.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /** Connector/J answers a statement starting with this comment with a protocol-level ping. */
    private static void ping(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("/* ping */ SELECT 1");
        }
    }

    private DatabaseUnavailableException lost(RuntimeException e, boolean duringCommit) {
        return duringCommit
                ? new DatabaseUnavailableException("lost the connection to the database server at " + server
                        + " during the commit: the outcome is unknown, the transaction may or may not have been"
                        + " committed; check before repeating it: " + rootMessage(e), e, true)
                : new DatabaseUnavailableException("lost the connection to the database server at " + server
                        + " before the commit: the server rolls the transaction back, nothing was written: "
                        + rootMessage(e), e, false);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * HikariCP already tried to connect for the whole acquire timeout: the server is down or silent, and more
     * attempts would only multiply the wait.
     */
    private void throwIfUnreachable(RuntimeException e) {
        if (isPoolTimeout(e)) {
            evictIdleConnections.run();
            throw new DatabaseUnavailableException("cannot reach the database server at " + server + ": "
                    + rootMessage(e) + "; nothing was written", e);
        }
    }

    /** HikariCP's "Connection is not available, request timed out": no connection could be had at all. */
    private static boolean isPoolTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
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

    private static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                int code = sql.getErrorCode();
                return code == ER_LOCK_DEADLOCK || code == ER_LOCK_WAIT_TIMEOUT || code == ER_DUP_ENTRY
                        || code == ER_NO_REFERENCED_ROW_2 || "40001".equals(sql.getSQLState());
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
