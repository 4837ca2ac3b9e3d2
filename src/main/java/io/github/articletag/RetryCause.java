package io.github.articletag;

/**
 * Why the library ran a transaction again after the server rolled it back: the causes of
 * {@link DatabaseStatistics#retries()}, and the {@code cause} tag of the {@code articletag.retries} metric.
 */
public enum RetryCause {
    /** The server chose the transaction as a deadlock's victim (MySQL error 1213, SQLState 40001). */
    DEADLOCK,
    /** A row lock was not granted within {@code innodb_lock_wait_timeout} (error 1205). */
    LOCK_WAIT_TIMEOUT,
    /** A concurrent call inserted the same tag, alias or link first (error 1062). */
    DUPLICATE_KEY,
    /** A tag or article the work linked to was deleted or merged away meanwhile (error 1452). */
    MISSING_PARENT,
    /** The library found that a concurrent call changed what the work had read (no server error). */
    CONCURRENT_CHANGE,
    /** The server refused the write as read-only (error 1290): a Group Replication secondary, or a primary stepping down. */
    NOT_PRIMARY,
    /** Group Replication rolled the commit back (errors 3100, 3101): the member left the group, or certification. */
    GROUP_ROLLBACK,
    /**
     * The connection was lost: before the commit, so the server rolled the transaction back, or during the commit
     * of work that is safe to run twice (a read, an idempotent write).
     */
    CONNECTION_LOST
}
