package io.github.articletag;

/**
 * The database server could not be reached, the connection to it was lost while a call was under way, or no
 * connection to it was free.
 * The message says which, and {@link #isOutcomeUnknown()} what it means for the data:
 * <ul>
 *   <li>the server could not be reached (down, refusing connections, or silent beyond {@link Timeouts}):
 *       nothing was written;</li>
 *   <li>the connection was lost before the commit: the server rolls the transaction back, nothing was
 *       written;</li>
 *   <li>the connection was lost during the commit: the outcome is unknown, the commit may or may not have
 *       happened; check before repeating work that must not happen twice;</li>
 *   <li>the server answers, but the pool had no free connection within its timeout: a
 *       {@link DatabaseBusyException}, after which nothing was written.</li>
 * </ul>
 * The {@link Database} stays usable: once the server answers again, the next call gets a fresh connection.
 */
public class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean outcomeUnknown;

    /** A failure after which nothing was written, with its message and the driver's cause. */
    public DatabaseUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * A failure with its message, the driver's cause, and whether the work may have been committed.
     *
     * @param outcomeUnknown true when the connection was lost during the commit
     */
    public DatabaseUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** True when the connection was lost during the commit: the work may or may not have been committed. */
    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }
}
