package io.github.articletag.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;
import io.github.articletag.internal.CountFolder;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application-style pool (HikariCP, with the driver settings the library's own pool uses) behind
 * datasource-proxy, which counts every statement that reaches the driver: Hibernate's and the library's plain
 * JDBC work alike. Hibernate's statistics see only Hibernate's.
 *
 * <p>It counts executions: one per statement sent, a JDBC batch that the driver rewrites into one multi-row
 * INSERT counting once. The library's {@code /* ping *}{@code /} is left out: Connector/J answers it with a
 * protocol-level ping, and no SQL reaches the server. So are the statements of the thread that folds the counts'
 * changes in the background, a second after a write: they are no call's.
 */
public final class CountingDataSource implements AutoCloseable {

    private final HikariDataSource pool;
    private final DataSource counted;
    private final AtomicLong statements = new AtomicLong();
    private final List<String> sql = new CopyOnWriteArrayList<>();
    private volatile Interference interference;

    /** A pool on the given server. */
    public CountingDataSource(ConnectionSettings settings) {
        pool = new HikariDataSource(applicationPool(settings, "counted"));
        counted = ProxyDataSourceBuilder.create(pool).name("counted")
                .beforeQuery((execution, queries) -> {
                    Interference planned = interference;
                    if (planned != null && counts(queries) && statements.get() + 1 == planned.at()) {
                        interference = null;
                        planned.action().run();
                    }
                })
                .afterQuery((execution, queries) -> {
                    if (counts(queries)) {
                        statements.incrementAndGet();
                        queries.forEach(query -> sql.add(query.getQuery()));
                    }
                })
                .build();
    }

    /**
     * An application's HikariCP pool on the server, with the driver settings of the library's own pool, so that
     * only the code path differs when the two are compared (the benchmark's JDBC baseline uses it too).
     */
    public static HikariConfig applicationPool(ConnectionSettings settings, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(4);
        config.setPoolName(name);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        Database.DRIVER_PROPERTIES.forEach(config::addDataSourceProperty);
        return config;
    }

    /** Whether a statement counts: not the ping, nor the background fold of the counts' changes (not the call's). */
    private static boolean counts(List<net.ttddyy.dsproxy.QueryInfo> queries) {
        return queries.stream().noneMatch(query -> query.getQuery().startsWith("/* ping */"))
                && !Thread.currentThread().getName().equals(CountFolder.THREAD_NAME);
    }

    /** Another client's work, to run just before one of the statements to come. */
    private record Interference(long at, Runnable action) {
    }

    /**
     * Forgets the statements counted so far, and runs {@code action} once, just before the {@code n}th statement
     * from now (1: the next) reaches the driver: another client's write between two statements of one call. The
     * action must use other connections than this pool's.
     */
    public void beforeStatement(int n, Runnable action) {
        reset();
        interference = new Interference(n, action);
    }

    /** The counting DataSource, to give to {@code Database.open(DataSource)}. */
    public DataSource dataSource() {
        return counted;
    }

    /** Forgets the statements counted so far, and any action planned with {@link #beforeStatement}. */
    public void reset() {
        statements.set(0);
        sql.clear();
        interference = null;
    }

    /** Statements executed since the last {@link #reset()}, in every thread. */
    public long statements() {
        return statements.get();
    }

    /** The text of each statement counted since the last {@link #reset()}, in order. */
    public List<String> sql() {
        return List.copyOf(sql);
    }

    @Override
    public void close() {
        pool.close();
    }
}
