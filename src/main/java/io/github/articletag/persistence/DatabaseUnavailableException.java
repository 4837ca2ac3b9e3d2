package io.github.articletag.persistence;

/**
 * The connection to the database was lost while a transaction was under way. Nothing of that transaction
 * was committed; the next call starts on a fresh connection.
 */
public class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with its message and the driver's cause. */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
