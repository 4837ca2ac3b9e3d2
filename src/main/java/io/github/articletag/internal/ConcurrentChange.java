package io.github.articletag.internal;

/**
 * A conflict the library detects itself, where the server reports none: the work read a state that a concurrent
 * transaction changed before this one could act on it. Rolled back and run again like a deadlock.
 */
public final class ConcurrentChange extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The conflict, as the retry log names it. */
    public ConcurrentChange(String message) {
        super(message);
    }
}
