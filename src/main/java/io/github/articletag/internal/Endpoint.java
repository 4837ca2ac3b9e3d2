package io.github.articletag.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.ServerVersion;
import org.hibernate.SessionFactory;

/**
 * One server the library talks to, as its transactions need it.
 *
 * @param factory the session factory over its connections
 * @param server  what the server says it is
 * @param where   its URL without any password, for messages
 * @param ownPool the library's own pool, or null when the connections come from the application: only the
 *                library's own pool is known to hand out connections at READ COMMITTED, and only it is told to
 *                replace its idle connections when one was found dead
 */
public record Endpoint(SessionFactory factory, ServerVersion server, String where, HikariDataSource ownPool) {

    /** Tells the library's own pool, if it is one, that its idle connections may all be dead. */
    void evictIdleConnections() {
        if (ownPool != null) {
            ownPool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /**
     * Has the library's own pool, if it is one, report HikariCP's metrics to {@code registry} (a Micrometer
     * {@code MeterRegistry}; HikariCP takes it as an Object, so Micrometer stays optional here).
     *
     * @throws IllegalStateException if the pool reports to another registry already: HikariCP takes one
     */
    public void recordPoolMetrics(Object registry) {
        if (ownPool == null || ownPool.getMetricRegistry() == registry) {
            return;
        }
        if (ownPool.getMetricRegistry() != null) {
            throw new IllegalStateException("the pool " + ownPool.getPoolName() + " reports its metrics to another"
                    + " registry already: HikariCP takes one");
        }
        ownPool.setMetricRegistry(registry);
    }
}
