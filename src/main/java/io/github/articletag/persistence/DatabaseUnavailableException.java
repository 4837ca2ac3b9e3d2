package io.github.articletag.persistence;

/**
 * The connection to the database was lost while a transaction was under way. The server rolls back what
 * the transaction did, unless the connection was lost during the commit itself, when the outcome is
 * unknown: check before repeating work that must not happen twice. The next call gets a fresh connection.
 */
public class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with its message and the driver's cause. */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
