package io.github.articletag.internal;

import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Folds the counts' changes into the kept counts ({@link CountDeltas#fold}) on a thread of its own, a second after
 * a write that changed counts, so that the changes stay few and the listings that merge them stay cheap. Answers
 * are exact without it: it only keeps them fast. Started at the first such write; every pass folds until no change
 * is left (or {@value #BATCHES_PER_PASS} batches, then the next pass goes on). A failure (a server away, a schema
 * being recreated, a conflict the retries did not settle) leaves the changes for the next pass, a second later;
 * it is logged at DEBUG, and at WARN (once a minute) only when passes have failed for a minute.
 */
public final class CountFolder implements AutoCloseable {

    /** The name of the folding thread. */
    public static final String THREAD_NAME = "articletag-count-folder";

    /** Tags folded per transaction. */
    static final int BATCH = 1000;

    private static final int BATCHES_PER_PASS = 100;
    private static final long PAUSE_MILLIS = 1000;
    private static final long WARN_AFTER_MILLIS = 60_000;
    private static final Logger LOG = Logger.getLogger(CountFolder.class);

    private final Transactions transactions;
    private final List<TaggedTable> types;
    private final AtomicBoolean written = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean closed;
    /** When the passes began to fail (0: the last one did not), and when that was last reported at WARN. */
    private long failingSince;
    private long lastWarning;

    /** Folds the changes of {@code types} through {@code transactions}. */
    public CountFolder(Transactions transactions, List<TaggedTable> types) {
        this.transactions = transactions;
        this.types = List.copyOf(types);
    }

    /** Folds every change of {@code types} now, in transactions of {@value #BATCH} tags; returns how many tags. */
    public static int foldAll(Transactions transactions, List<TaggedTable> types) {
        int folded = 0;
        for (int pass = 0; pass < BATCHES_PER_PASS; pass++) {
            int batch = transactions.retrying(session -> Sql.on(session, sql -> CountDeltas.fold(sql, types, BATCH)));
            folded += batch;
            if (batch < BATCH) {
                break;
            }
        }
        return folded;
    }

    /**
     * A write committed: if it changed counts ({@link CountDeltas#takeWritten}), a pass follows within a second
     * (not for the folder's own).
     */
    public void written() {
        if (!CountDeltas.takeWritten() || closed || Thread.currentThread() == thread
                || !written.compareAndSet(false, true)) {
            return;
        }
        Thread running = thread;
        if (running == null) {
            synchronized (this) {
                if (thread == null && !closed) {
                    Thread started = new Thread(this::run, THREAD_NAME);
                    started.setDaemon(true);
                    thread = started;
                    started.start();
                    return;
                }
                running = thread;
            }
        }
        if (running != null) {
            LockSupport.unpark(running);
        }
    }

    private void run() {
        while (!closed) {
            if (!written.get()) {
                LockSupport.park(this);
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
            if (closed) {
                return;
            }
            written.set(false);
            try {
                if (RetriedConflicts.handled(() -> foldAll(transactions, types)) >= BATCH * BATCHES_PER_PASS) {
                    written.set(true); // more left: the next pass goes on
                }
                failingSince = 0;
            } catch (RuntimeException e) {
                written.set(true);
                failed(e);
            }
        }
    }

    /** The changes stay for the next pass: reported at WARN only when passes have failed for a minute. */
    private void failed(RuntimeException e) {
        long now = System.currentTimeMillis();
        if (failingSince == 0) {
            failingSince = now;
        }
        if (now - failingSince < WARN_AFTER_MILLIS || now - lastWarning < WARN_AFTER_MILLIS) {
            LOG.debugf("folding the counts' changes failed, the next pass tries again: %s", e.getMessage());
        } else {
            lastWarning = now;
            LOG.warnf(e, "folding the counts' changes has failed for %d s (counts stay exact; listings by count"
                    + " slow down until it succeeds), trying again every second", (now - failingSince) / 1000);
        }
    }

    /** Stops the folding thread, leaving what is not folded for another database or a later start. */
    @Override
    public void close() {
        closed = true;
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
