package io.github.articletag.internal;

import io.github.articletag.RetryCause;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The counts behind DatabaseStatistics, and what observes each call, shared by a database's primary and replica
 * transactions.
 */
public final class Counters {

    private final LongAdder[] retries = new LongAdder[RetryCause.values().length];
    private final LongAdder outcomeUnknown = new LongAdder();
    private final LongAdder optimisticLockConflicts = new LongAdder();
    private final LongAdder articlesImported = new LongAdder();
    private volatile CallObserver observer = CallObserver.NONE;

    public Counters() {
        for (int i = 0; i < retries.length; i++) {
            retries[i] = new LongAdder();
        }
    }

    void retried(RetryCause cause) {
        retries[cause.ordinal()].increment();
        observer.retried();
    }

    /** Has {@code observer} see every call from now on. */
    public void observeWith(CallObserver observer) {
        this.observer = observer;
    }

    /** Runs the body of a public call, observed. */
    public <R> R call(String repository, String call, Supplier<R> work) {
        return observer.observe(repository, call, work);
    }

    void outcomeUnknown() {
        outcomeUnknown.increment();
    }

    public void optimisticLockConflict() {
        optimisticLockConflicts.increment();
    }

    public void imported(long articles) {
        articlesImported.add(articles);
    }

    public Map<RetryCause, Long> retries() {
        Map<RetryCause, Long> byCause = new EnumMap<>(RetryCause.class);
        for (RetryCause cause : RetryCause.values()) {
            byCause.put(cause, retries[cause.ordinal()].sum());
        }
        return byCause;
    }

    public long outcomeUnknownCount() {
        return outcomeUnknown.sum();
    }

    public long optimisticLockConflicts() {
        return optimisticLockConflicts.sum();
    }

    public long articlesImported() {
        return articlesImported.sum();
    }
}
