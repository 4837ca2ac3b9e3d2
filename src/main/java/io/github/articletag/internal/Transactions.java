package io.github.articletag.internal;

import io.github.articletag.DatabaseBusyException;
import io.github.articletag.DatabaseUnavailableException;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.Transaction;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the library runs a unit of work: one session, one transaction, commit or roll back.
 *
 * <p>The library's own pool hands out connections with autocommit already off, so beginning a transaction sends
 * nothing; on an application's pool in autocommit mode a query runs without one (see {@link #read}). Either way a
 * connection the server dropped while it sat in the pool (restart, {@code KILL}, timeout) shows up at the
 * first statement. Whatever a transaction did on a lost connection is rolled back by the server, and so is
 * what a Group Replication secondary refused with {@code --super-read-only} while a new primary is elected.
 * Hence three policies:
 * <ul>
 *   <li>{@link #run}, for the caller's own work: tried once; the connection is pinged first (one round trip) so
 *       that a dead one is replaced before anything is done; a connection lost after that is reported as
 *       {@link DatabaseUnavailableException};</li>
 *   <li>{@link #retryingConflicts}: run again whenever the server rolled it back for certain (so without the
 *       ping): a deadlock, a lock wait timeout, a duplicate key from a concurrent insert of the same row, a row
 *       it linked to that a concurrent transaction deleted, a refusal by a secondary, or a connection lost
 *       before the commit. A connection lost during the commit leaves the outcome unknown and is reported;</li>
 *   <li>{@link #retrying} and {@link #read}: for work that is safe to repeat, also run again when the connection
 *       is lost during the commit.</li>
 * </ul>
 * A dead connection usually means the server restarted or dropped them all, so on the first sign of one the
 * pool is told to replace every idle connection ({@code evictIdleConnections}); at most {@link #ATTEMPTS}
 * attempts are made.
 */
public final class Transactions {

    /**
     * How often work is tried in all before its last failure is thrown. With the pauses of {@link #pause}, a
     * write keeps trying for about fifteen seconds: what a server restart or a group's election of a new primary
     * takes (the guide's cluster page, src/docs/cluster.md has the figures).
     */
    private static final int ATTEMPTS = 12;

    /** When work is run again. */
    private enum Retry {
        /** Never (but for a connection found dead before the work started). */
        NEVER,
        /** On a conflict with a concurrent transaction, which the server rolled back. */
        ON_CONFLICT,
        /** On a conflict, and on a lost connection: the work is safe to repeat. */
        ALWAYS
    }

    /** What a transaction may do, and what it reads. */
    private enum Mode {
        /** Read and write, each statement seeing what others committed before it (READ COMMITTED). */
        WRITE,
        /** Read only: entities loaded read-only, no flush. */
        READ,
        /** Read only, every statement from one snapshot. */
        SNAPSHOT
    }

    /**
     * The session setup of reads on a Group Replication secondary that see the caller's own writes: the secondary
     * waits until it has applied every transaction the group committed before this one began.
     */
    public static final String READ_YOUR_WRITES = "SET @@SESSION.group_replication_consistency = 'BEFORE'";

    private final Endpoint endpoint;
    private final Counters counters;
    /** Whether only reads may run (the endpoint's connections go to replicas). */
    private final boolean replicaReads;
    /** A statement run at the start of every transaction, or null. */
    private final String sessionSetup;
    /** Told after every write committed. */
    private volatile Runnable afterWrite = () -> { };

    /**
     * @param counters     where retries and unknown outcomes are counted
     * @param replicaReads whether only reads may run (the endpoint's connections go to replicas)
     * @param sessionSetup a statement run at the start of every transaction, or null
     */
    public Transactions(Endpoint endpoint, Counters counters, boolean replicaReads, String sessionSetup) {
        this.endpoint = endpoint;
        this.counters = counters;
        this.replicaReads = replicaReads;
        this.sessionSetup = sessionSetup;
    }

    /** Has {@code hook} run after every write this object commits, on the writer's thread. */
    public void afterWrite(Runnable hook) {
        this.afterWrite = hook;
    }

    /**
     * Runs the body of the public call {@code call} of {@code repository}, observed as one call whatever
     * transactions it runs ({@link CallObserver}).
     */
    public <R> R call(String repository, String call, Supplier<R> work) {
        return counters.call(repository, call, work);
    }

    /** Runs {@code work} once in a new transaction (again only if the connection was dead at the start). */
    public <R> R run(Function<Session, R> work) {
        return execute(work, Retry.NEVER, Mode.WRITE);
    }

    /** Runs {@code work}, again after a conflict that rolled it back (deadlock, lock timeout, duplicate, missing parent). */
    public <R> R retryingConflicts(Function<Session, R> work) {
        return execute(work, Retry.ON_CONFLICT, Mode.WRITE);
    }

    /** Runs work that is safe to repeat, again after a conflict or a lost connection. */
    public <R> R retrying(Function<Session, R> work) {
        return execute(work, Retry.ALWAYS, Mode.WRITE);
    }

    /**
     * Runs a query: entities are loaded read-only (Hibernate keeps no snapshot to compare at flush) and the
     * session never flushes. Safe to repeat like {@link #retrying}. Its statements need not read one snapshot: on
     * a connection in autocommit mode (an application's pool, as Spring Boot's is by default) each runs as its own
     * transaction, with no begin or commit to send, so a query of one statement is one round trip.
     */
    public <R> R read(Function<Session, R> work) {
        return execute(work, Retry.ALWAYS, Mode.READ);
    }

    /**
     * Like {@link #read}, for a query of several statements ({@code severalStatements}): they all read one
     * snapshot of the database, so that what the first finds (a tag's id, a page's ids) is still what the next
     * reads, whatever others commit meanwhile. The transaction runs at REPEATABLE READ, read-only, which costs one
     * round trip ({@code SET TRANSACTION}, for this transaction only). A query of one statement reads one snapshot
     * at any isolation level, and needs no such round trip: it runs as {@link #read}.
     */
    public <R> R readSnapshot(boolean severalStatements, Function<Session, R> work) {
        return execute(work, Retry.ALWAYS, severalStatements ? Mode.SNAPSHOT : Mode.READ);
    }

    private <R> R execute(Function<Session, R> work, Retry retry, Mode mode) {
        if (replicaReads && mode == Mode.WRITE) {
            throw new IllegalStateException("this repository reads from the replicas: write through"
                    + " Database.articles() and Database.tags()");
        }
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt >= ATTEMPTS;
            try (Session session = endpoint.factory().openSession()) {
                Transaction transaction;
                try {
                    transaction = begin(session, mode, retry);
                } catch (RuntimeException e) {
                    // The driver's SQLException arrives wrapped (TransactionException, JDBCConnectionException).
                    failedToBegin(e, lastAttempt);
                    pause(attempt, true);
                    continue;
                }
                R result;
                try {
                    // A conflict in an attempt that runs again is the library's to handle, not Hibernate's to warn of.
                    Supplier<R> thisAttempt = () -> apply(work, session, mode);
                    result = retry != Retry.NEVER && !lastAttempt ? RetriedConflicts.retryable(thisAttempt) : thisAttempt.get();
                } catch (RuntimeException e) {
                    rollbackQuietly(transaction, e);
                    failedBeforeCommit(e, retry, lastAttempt);
                    retried(attempt, e);
                    pause(attempt, !ServerErrors.isConflict(e));
                    continue;
                }
                try {
                    if (transaction != null) {
                        transaction.commit();
                    }
                } catch (RuntimeException e) {
                    rollbackQuietly(transaction, e);
                    failedDuringCommit(e, retry, lastAttempt);
                    retried(attempt, e);
                    pause(attempt, !ServerErrors.isConflict(e));
                    continue;
                }
                if (mode == Mode.WRITE) {
                    afterWrite.run();
                }
                return result;
            }
        }
    }

    /**
     * Opens the transaction, with the settings {@code mode} needs and, for work run once, a ping; or returns null
     * for a query on a connection in autocommit mode, whose statements run each in a transaction of its own.
     */
    private Transaction begin(Session session, Mode mode, Retry retry) {
        if (mode != Mode.WRITE) {
            session.setDefaultReadOnly(true);
            session.setHibernateFlushMode(FlushMode.MANUAL);
        }
        if (mode == Mode.READ && sessionSetup == null && session.doReturningWork(Connection::getAutoCommit)) {
            // A statement in autocommit mode reads one snapshot of its own, at any isolation level; switching
            // autocommit off and back on would cost two round trips more, and the commit a third. (A session setup,
            // read-your-writes on a secondary, is for the transaction that follows it: it keeps the transaction.)
            return null;
        }
        Transaction transaction = session.beginTransaction();
        if (endpoint.ownPool() == null && mode != Mode.SNAPSHOT) {
            // An application's pool may hand out connections at another level. find-or-create reads the row a
            // concurrent caller inserted, which REPEATABLE READ's snapshot would hide.
            session.doWork(Transactions::readCommitted);
        }
        if (sessionSetup != null) {
            session.doWork(connection -> execute(connection, sessionSetup));
        }
        if (mode == Mode.SNAPSHOT) {
            // After the session's own settings above: this one is for the next transaction only.
            session.doWork(connection -> execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        }
        if (retry == Retry.NEVER) {
            // The caller's own work runs once: a dead connection is found before it starts. Work that is run again
            // after a conflict is also run again after a connection lost before the commit, so it needs no ping.
            session.doWork(Transactions::ping);
        }
        return transaction;
    }

    /** Runs the work, and ends the attempt's use of the session before the commit. */
    private static <R> R apply(Function<Session, R> work, Session session, Mode mode) {
        R done = work.apply(session);
        if (mode != Mode.WRITE) {
            // The results leave detached either way; cleared now, the commit and the close have no loaded entities
            // left to walk.
            session.clear();
        } else {
            session.flush(); // so that a failure here is told apart from one during the commit
        }
        return done;
    }

    /** Throws what a failure to begin means, or returns when a new connection is worth an attempt. */
    private void failedToBegin(RuntimeException e, boolean lastAttempt) {
        throwIfNoConnection(e);
        if (!ServerErrors.isConnectionFailure(e)) {
            throw e;
        }
        // A pooled connection the server had dropped: HikariCP evicts it, the next attempt gets a new one.
        endpoint.evictIdleConnections();
        if (lastAttempt) {
            throw lost(e, false);
        }
    }

    /** Throws what a failure of the work means, or returns when the server rolled it back and it may run again. */
    private void failedBeforeCommit(RuntimeException e, Retry retry, boolean lastAttempt) {
        // Hibernate takes the connection at the first statement, not at begin (autocommit is off already): the
        // pool can time out here too.
        throwIfNoConnection(e);
        ServerErrors.throwIfUnsupportedByGroup(e);
        boolean connectionLost = ServerErrors.isConnectionFailure(e);
        if (connectionLost || ServerErrors.isNotPrimary(e)) {
            // A read-only answer on the write endpoint: the pool's connections may all lead to a member that is no
            // longer primary (opened before a failover); new ones go where Router routes now.
            endpoint.evictIdleConnections();
        }
        // Before the commit, the server rolls back whatever a lost connection or a refusal did: work that is not
        // safe to repeat is still safe to run again then, unless it is the caller's own.
        boolean rolledBack = connectionLost || ServerErrors.isNotPrimary(e) || ServerErrors.isConflict(e);
        if (retry == Retry.NEVER || lastAttempt || !rolledBack) {
            throw connectionLost ? lost(e, false) : e;
        }
    }

    /** Throws what a failed commit means, or returns when the work may run again. */
    private void failedDuringCommit(RuntimeException e, Retry retry, boolean lastAttempt) {
        boolean connectionLost = ServerErrors.isConnectionFailure(e);
        if (connectionLost) {
            endpoint.evictIdleConnections();
            if (retry != Retry.ALWAYS || lastAttempt) {
                throw lost(e, true);
            }
            return;
        }
        boolean notPrimary = ServerErrors.isNotPrimary(e);
        if (notPrimary) {
            endpoint.evictIdleConnections();
        }
        // A refusal at commit (a group's certification conflict, a primary stepping down) is a rollback the server
        // reports: certain, so safe to run again.
        if (retry == Retry.NEVER || lastAttempt || !(ServerErrors.isConflict(e) || notPrimary)) {
            throw e;
        }
    }

    /** Where this database's retries, unknown outcomes and conflicts are counted. */
    public Counters counters() {
        return counters;
    }

    /** Counts an attempt that is run again, and says why at DEBUG: a conflict resolved is nobody's problem. */
    private void retried(int attempt, RuntimeException failure) {
        counters.retried(ServerErrors.causeOf(failure));
        RetriedConflicts.LOG.debugf("attempt %d of %d rolled back, running it again: %s", attempt, ATTEMPTS,
                rootMessage(failure));
    }

    private static void execute(Connection connection, String text) throws SQLException {
        Sql.on(connection, sql -> {
            sql.execute(text);
            return null;
        });
    }

    private static void readCommitted(Connection connection) throws SQLException {
        if (connection.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
            // For this transaction only: changing the session's level would cost a second round trip when the
            // pool restores its own.
            execute(connection, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        }
    }

    /** Connector/J answers a statement starting with this comment with a protocol-level ping. */
    private static void ping(Connection connection) throws SQLException {
        execute(connection, "/* ping */ SELECT 1");
    }

    private DatabaseUnavailableException lost(RuntimeException e, boolean duringCommit) {
        if (duringCommit) {
            counters.outcomeUnknown();
        }
        return duringCommit
                ? new DatabaseUnavailableException("lost the connection to the database server at " + endpoint.where()
                        + " during the commit: the outcome is unknown, the transaction may or may not have been"
                        + " committed; check before repeating it: " + rootMessage(e), e, true)
                : new DatabaseUnavailableException("lost the connection to the database server at " + endpoint.where()
                        + " before the commit: the server rolls the transaction back, nothing was written: "
                        + rootMessage(e), e, false);
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * The pool gave no connection within its acquire timeout: a busy pool (every connection in use, the server
     * fine) is reported as such and left alone; a server the pool could not reach makes its idle connections
     * suspect. Either way more attempts would only multiply the wait.
     */
    private void throwIfNoConnection(RuntimeException e) {
        SQLTransientConnectionException timeout = PoolTimeouts.of(e);
        if (timeout == null) {
            return;
        }
        DatabaseUnavailableException described = PoolTimeouts.describe(timeout, e, endpoint.where());
        if (!(described instanceof DatabaseBusyException)) {
            endpoint.evictIdleConnections();
        }
        throw described;
    }

    private static void rollbackQuietly(Transaction transaction, RuntimeException failure) {
        try {
            if (transaction != null && transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            // The connection may be gone; the original failure is the one to report.
            failure.addSuppressed(rollbackFailure);
        }
    }

    /**
     * A growing, jittered pause, so that two retrying transactions do not collide again at once: short after a
     * conflict, and doubling from 50 ms to 2 s after a lost connection or a refusal by a secondary, which is what
     * a restart or a primary election takes.
     */
    private static void pause(int attempt, boolean serverUnavailable) {
        long millis = serverUnavailable ? Math.min(2_000, 50L << (attempt - 1)) : 10L * attempt;
        try {
            Thread.sleep((long) (Math.random() * millis) + millis / 2 + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

}
