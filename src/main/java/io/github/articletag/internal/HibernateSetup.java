package io.github.articletag.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.ConnectionSettings;
import io.github.articletag.Article;
import io.github.articletag.Tag;
import io.github.articletag.ServerVersion;
import io.github.articletag.Timeouts;
import org.hibernate.SessionFactory;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Hibernate and HikariCP settings of every way the library opens a database, and the factories built from them. */
public final class HibernateSetup {

    /** The library's entities: what {@code Database.ENTITY_CLASSES} publishes. */
    public static final List<Class<?>> ENTITY_CLASSES = List.of(Article.class, Tag.class);

    /** The Connector/J properties of the library's own pool: what {@code Database.DRIVER_PROPERTIES} publishes. */
    public static final Map<String, String> DRIVER_PROPERTIES = Map.of(
            // No round trips to ask the server for session state the driver already knows.
            "useLocalSessionState", "true",
            "useLocalTransactionState", "true",
            // utf8mb4 on the wire, whatever the server's default.
            "characterEncoding", "UTF-8",
            // JDBC batches sent as multi-row INSERTs.
            "rewriteBatchedStatements", "true",
            // Connector/J parses the text of every statement it prepares unless it finds it in this cache, which
            // by default skips statements longer than 256 characters: most of Hibernate's are longer.
            "cachePrepStmts", "true",
            "prepStmtCacheSqlLimit", "4096",
            "prepStmtCacheSize", "256",
            // JDBC metadata of the connected database only: with Connector/J's default, Hibernate's schema
            // validation would read another database's article_tag as ours.
            "nullDatabaseMeansCurrent", "true");

    private HibernateSetup() {
    }

    /**
     * The configuration of the library's own pool: the entities, HikariCP with its waits and driver properties,
     * and the dialect for {@code server}.
     */
    public static HibernatePersistenceConfiguration pooled(ConnectionSettings settings, ServerVersion server,
                                                           Timeouts timeouts) {
        return common(server)
                .jdbcUrl(settings.url())
                .jdbcCredentials(settings.user(), settings.password())
                // HikariCP instead of Hibernate's built-in pool, which is not meant for production.
                .property("hibernate.connection.provider_class",
                        "org.hibernate.hikaricp.internal.HikariCPConnectionProvider")
                .property("hibernate.hikari.maximumPoolSize", "10")
                .property("hibernate.hikari.poolName", "article-tag")
                // Bounded waits (see Timeouts): HikariCP's default is 30 s per attempt to get a connection, and
                // Connector/J waits forever for a silent server by default.
                .property("hibernate.hikari.connectionTimeout", String.valueOf(timeouts.acquire().toMillis()))
                .property("hibernate.hikari.validationTimeout",
                        String.valueOf(Math.min(timeouts.acquire().toMillis(), 5_000)))
                .property("hibernate.hikari.dataSource.connectTimeout", String.valueOf(timeouts.connect().toMillis()))
                .property("hibernate.hikari.dataSource.socketTimeout", String.valueOf(timeouts.read().toMillis()))
                // Each statement sees what others committed: find-or-create a tag can read the row a concurrent
                // caller inserted, and InnoDB takes fewer gap locks than under REPEATABLE READ.
                .property("hibernate.hikari.transactionIsolation", "TRANSACTION_READ_COMMITTED")
                // Hibernate opens every transaction anyway: a pool that hands out connections with autocommit
                // already off saves two round trips per transaction (setAutoCommit false, then back to true).
                .property("hibernate.hikari.autoCommit", "false")
                .property("hibernate.connection.provider_disables_autocommit", "true")
                .properties(driverProperties("hibernate.hikari.dataSource."))
                // A write's links and count changes in one round trip; the library binds every value.
                .property(Sql.MULTI_STATEMENTS, "true")
                // With useLocalTransactionState, Connector/J 26.10 believes no transaction is open after a text of
                // several statements fails, so rollback() sends nothing and the earlier statements' writes stay
                // (MultiStatementWritesTest; reported for single statements as MySQL bug #109013).
                .property("hibernate.hikari.dataSource.useLocalTransactionState", "false")
                .properties(TrustStores.driverProperties(settings.trustStore(), "hibernate.hikari.dataSource."));
    }

    /**
     * Opens a factory with the library's own pool.
     *
     * @param poolName            HikariCP's name for the pool, as its logs and metrics show it
     * @param hibernateProperties added to, and winning over, the library's settings
     * @param entityClasses       the application's entities, besides the library's
     */
    public static Endpoint openPooled(ConnectionSettings settings, ServerVersion server, Timeouts timeouts,
                                      String where, String poolName, Map<String, ?> hibernateProperties,
                                      List<Class<?>> entityClasses) {
        SessionFactory factory = pooled(settings, server, timeouts)
                .managedClasses(entityClasses)
                .property("hibernate.hikari.poolName", poolName)
                .properties(hibernateProperties)
                .createEntityManagerFactory().unwrap(SessionFactory.class);
        HikariDataSource pool = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .requireService(ConnectionProvider.class).unwrap(HikariDataSource.class);
        return new Endpoint(factory, server, where, pool);
    }

    /** Opens a factory over the application's {@code DataSource}, whose pool stays the application's to manage. */
    public static Endpoint openOver(DataSource dataSource, ServerVersion server, String where,
                                    Map<String, ?> hibernateProperties, List<Class<?>> entityClasses) {
        SessionFactory factory = common(server)
                .managedClasses(entityClasses)
                .property("hibernate.connection.datasource", dataSource)
                .properties(hibernateProperties)
                .createEntityManagerFactory().unwrap(SessionFactory.class);
        return new Endpoint(factory, server, where, null);
    }

    /**
     * What every way in shares: the entities, the dialect named rather than read from Connector/J's metadata (see
     * ServerVersion), batching, and no paging of collection fetches in memory.
     */
    private static HibernatePersistenceConfiguration common(ServerVersion server) {
        return new HibernatePersistenceConfiguration("article-tag")
                .managedClasses(ENTITY_CLASSES)
                .properties(server.hibernateProperties())
                .property("hibernate.jdbc.batch_size", "50")
                .property("hibernate.order_inserts", "true")
                .property("hibernate.order_updates", "true")
                // A page's "id in (...)" list padded to a power of two: a few statement texts to translate and
                // cache instead of one for every length.
                .property("hibernate.query.in_clause_parameter_padding", "true")
                // Paging a collection fetch in memory silently loads every row: make it an error instead.
                .property("hibernate.query.fail_on_pagination_over_collection_fetch", "true");
    }

    /** {@link #DRIVER_PROPERTIES} under {@code prefix}. */
    private static Map<String, Object> driverProperties(String prefix) {
        Map<String, Object> properties = new HashMap<>();
        DRIVER_PROPERTIES.forEach((name, value) -> properties.put(prefix + name, value));
        return properties;
    }
}
