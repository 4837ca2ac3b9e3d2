package io.github.articletag.testing;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the queries Connector/J sends from the thread that {@link #count} runs, as the client sees them: one for
 * each text it sends, however many statements the text holds, and one for each {@code COMMIT} or {@code SET} the
 * driver sends itself (pings are not queries). What the server's {@code Questions} cannot tell, since it counts
 * every statement of a text. Given to a pool as {@link #DRIVER_PROPERTY}.
 */
public final class RoundTripCounter implements QueryInterceptor {

    /** The Hibernate property that puts this counter on the library's own pool. */
    public static final Map<String, String> DRIVER_PROPERTY = Map.of(
            "hibernate.hikari.dataSource.queryInterceptors", RoundTripCounter.class.getName());

    private static final AtomicLong SENT = new AtomicLong();
    private static volatile Thread counted;

    /** How many queries {@code call}, run on this thread, sent. */
    public static long count(Runnable call) {
        counted = Thread.currentThread();
        long before = SENT.get();
        try {
            call.run();
        } finally {
            counted = null;
        }
        return SENT.get() - before;
    }

    @Override
    public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
        if (Thread.currentThread() == counted) {
            SENT.incrementAndGet();
        }
        return null;
    }

    @Override
    public boolean executeTopLevelOnly() {
        return true;
    }

    @Override
    public void destroy() {
    }

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T result, ServerSession session) {
        return null;
    }
}
