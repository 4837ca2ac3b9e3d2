package io.github.articletag.internal;

import io.github.articletag.RetryCause;
import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * What a MySQL or MariaDB error means for the work that met it: a conflict with a concurrent transaction that the
 * server rolled back, a lost connection, a refusal by a server that is not (or no longer) the primary. The codes
 * are the servers' (both use the same numbers for these); {@link Transactions} decides from them whether to run
 * the work again.
 */
final class ServerErrors {

    private static final int ER_DUP_ENTRY = 1062;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;
    /** A foreign key's parent row is missing: a tag or article deleted or merged away by a concurrent call. */
    private static final int ER_NO_REFERENCED_ROW_2 = 1452;
    /** --super-read-only (a Group Replication secondary, or a primary stepping down): nothing was written. */
    private static final int ER_OPTION_PREVENTS_STATEMENT = 1290;
    /** Group Replication rolled the transaction back at commit (certification, or the member left the group). */
    private static final int ER_TRANSACTION_ROLLBACK_DURING_COMMIT = 3101;
    private static final int ER_RUN_HOOK_ERROR = 3100;
    /** "The table does not comply with the requirements by an external plugin": see {@link #throwIfUnsupportedByGroup}. */
    private static final int ER_BEFORE_DML_VALIDATION_ERROR = 3098;

    /** The user lacks a privilege: on a database (1044), a table (1142), a column (1143), or a global one (1227). */
    private static final int ER_DBACCESS_DENIED = 1044;
    private static final int ER_TABLEACCESS_DENIED = 1142;
    private static final int ER_COLUMNACCESS_DENIED = 1143;
    private static final int ER_SPECIFIC_ACCESS_DENIED = 1227;

    /** Why a rolled-back attempt is run again, for the counts: the first cause that matches. */
    static RetryCause causeOf(RuntimeException failure) {
        if (isConnectionFailure(failure)) {
            return RetryCause.CONNECTION_LOST;
        }
        if (isConcurrentChange(failure)) {
            return RetryCause.CONCURRENT_CHANGE;
        }
        if (anySqlException(failure, sql -> sql.getErrorCode() == ER_OPTION_PREVENTS_STATEMENT)) {
            return RetryCause.NOT_PRIMARY;
        }
        if (anySqlException(failure, sql -> sql.getErrorCode() == ER_TRANSACTION_ROLLBACK_DURING_COMMIT
                || sql.getErrorCode() == ER_RUN_HOOK_ERROR)) {
            return RetryCause.GROUP_ROLLBACK;
        }
        if (anySqlException(failure, sql -> sql.getErrorCode() == ER_LOCK_WAIT_TIMEOUT)) {
            return RetryCause.LOCK_WAIT_TIMEOUT;
        }
        if (anySqlException(failure, sql -> sql.getErrorCode() == ER_DUP_ENTRY)) {
            return RetryCause.DUPLICATE_KEY;
        }
        if (anySqlException(failure, sql -> sql.getErrorCode() == ER_NO_REFERENCED_ROW_2)) {
            return RetryCause.MISSING_PARENT;
        }
        return RetryCause.DEADLOCK; // 1213 or SQLState 40001: what isConflict accepts besides the above
    }

    /**
     * A Group Replication group in multi-primary mode with {@code group_replication_enforce_update_everywhere_checks}
     * refuses every write to a table with a cascading foreign key (error 3098), and the schema relies on
     * {@code ON DELETE CASCADE}: say so instead of the server's riddle.
     */
    static void throwIfUnsupportedByGroup(RuntimeException e) {
        if (anySqlException(e, sql -> sql.getErrorCode() == ER_BEFORE_DML_VALIDATION_ERROR)) {
            throw new IllegalStateException("the server refused the write (error 3098): a Group Replication group in"
                    + " multi-primary mode refuses writes to tables with ON DELETE CASCADE foreign keys, which the"
                    + " library's schema relies on; run the group in single-primary mode", e);
        }
    }

    /**
     * A connection-class failure: the driver's SQLState 08xxx (Hibernate's JDBCConnectionException), or
     * Connector/J's "No operations allowed after connection closed" (or "statement closed"), which it reports
     * with a general SQLState when the connection was closed under a statement, as Router does when a member
     * dies.
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException) {
                return true;
            }
        }
        return anySqlException(failure, sql -> (sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                || (sql.getMessage() != null && sql.getMessage().startsWith("No operations allowed after")));
    }

    /**
     * Whether any SQLException in the chain matches: a batch failure is a BatchUpdateException whose own code is
     * not the server's, with the server's error as its cause or next exception.
     */
    private static boolean anySqlException(Throwable failure, Predicate<SQLException> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (test.test(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isConcurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrentChange) {
                return true;
            }
        }
        return false;
    }

    /** A conflict with a concurrent transaction, which the server rolled back (or the library detected). */
    static boolean isConflict(Throwable failure) {
        if (isConcurrentChange(failure)) {
            return true;
        }
        return anySqlException(failure, sql -> {
            int code = sql.getErrorCode();
            return code == ER_LOCK_DEADLOCK || code == ER_LOCK_WAIT_TIMEOUT || code == ER_DUP_ENTRY
                    || code == ER_NO_REFERENCED_ROW_2 || "40001".equals(sql.getSQLState());
        });
    }

    /** Refused because this server is not (or no longer) the primary, or the group rolled the commit back. */
    static boolean isNotPrimary(Throwable failure) {
        return anySqlException(failure, sql -> sql.getErrorCode() == ER_OPTION_PREVENTS_STATEMENT
                || sql.getErrorCode() == ER_TRANSACTION_ROLLBACK_DURING_COMMIT || sql.getErrorCode() == ER_RUN_HOOK_ERROR);
    }

    /**
     * The privilege the server said the user lacks, or null if {@code failure} is not a refusal for want of one:
     * "CREATE command denied" (1142, a table; 1143, a column), "Access denied for user ... to database" (1044) or
     * "you need (at least one of) the SUPER privilege(s)" (1227).
     */
    static String deniedPrivilege(SQLException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return switch (failure.getErrorCode()) {
            case ER_TABLEACCESS_DENIED, ER_COLUMNACCESS_DENIED -> message.contains(" command denied")
                    ? message.substring(0, message.indexOf(" command denied")).strip() : "needed";
            case ER_SPECIFIC_ACCESS_DENIED -> message.replaceFirst(".*the (.+?) privilege.*", "$1");
            case ER_DBACCESS_DENIED -> "database access";
            default -> null;
        };
    }

    private ServerErrors() {
    }
}
