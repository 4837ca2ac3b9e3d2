package io.github.articletag.persistence;

import io.github.articletag.domain.Article;
import io.github.articletag.domain.Tag;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import jakarta.persistence.EntityManagerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The library's entry point: a Hibernate {@link SessionFactory} for the mapped {@link Article} and {@link Tag},
 * the schema operations, and the repositories. Three ways in:
 * <ul>
 *   <li>{@link #open(ConnectionSettings)}: the library's own HikariCP pool, from a URL, user and password;</li>
 *   <li>{@link #open(DataSource)}: over a {@code DataSource} the application already has (Spring Boot's, an
 *       application server's); the application keeps owning its pool;</li>
 *   <li>{@link #using(EntityManagerFactory)}: the repositories over an {@code EntityManagerFactory} or
 *       {@code SessionFactory} the application built itself, which must map {@link #ENTITY_CLASSES};</li>
 *   <li>{@link #openCluster}: a Group Replication group behind MySQL Router, with reads on the secondaries on
 *       request ({@link #replicas}).</li>
 * </ul>
 *
 * <pre>{@code
 * try (Database db = Database.open(new ConnectionSettings(url, user, password))) {
 *     db.recreateSchema();
 *     SampleData.persist(db);
 *     db.articles().findAllWithTags().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Thread-safe; open one per application and close it at shutdown.
 */
public final class Database implements AutoCloseable {

    /**
     * The entity classes of the library: what an application's own {@code EntityManagerFactory} or
     * {@code SessionFactory} must list among its managed classes to use {@link #using}.
     */
    public static final List<Class<?>> ENTITY_CLASSES = List.of(Article.class, Tag.class);

    /**
     * The Connector/J properties of the library's own pool ({@link #open(ConnectionSettings)}), for an
     * application that gives the library its own pool ({@link #open(DataSource)}): with HikariCP,
     * {@code config.addDataSourceProperty(name, value)} for each; with Spring Boot,
     * {@code spring.datasource.hikari.data-source-properties.<name>=<value>}.
     */
    public static final Map<String, String> DRIVER_PROPERTIES = Map.of(
            // No round trips to ask the server for session state the driver already knows.
            "useLocalSessionState", "true",
            "useLocalTransactionState", "true",
            // utf8mb4 on the wire, whatever the server's default.
            "characterEncoding", "UTF-8",
            // JDBC batches sent as multi-row INSERTs.
            "rewriteBatchedStatements", "true",
            // Connector/J parses the text of every statement it prepares (QueryInfo) unless it finds it in this
            // cache, which by default skips statements longer than 256 characters: every query Hibernate
            // generates for an article with its tags is longer. Parsing them again cost about 0.15 ms of client
            // CPU per query, nearly half of it for a query that finds nothing (measured on MySQL 9.7, issue 13).
            "cachePrepStmts", "true",
            "prepStmtCacheSqlLimit", "4096",
            "prepStmtCacheSize", "256",
            // JDBC metadata of the connected database only: with Connector/J's default, Hibernate's schema
            // validation would read another database's article_tag as ours.
            "nullDatabaseMeansCurrent", "true");

    private final SessionFactory sessionFactory;
    private final boolean ownsSessionFactory;
    private final Transactions transactions;
    private final ArticleRepository articles;
    private final TagRepository tags;
    private final ServerVersion server;
    /** The replicas' factory and its two views (eventual, read-your-writes), or null outside a cluster. */
    private SessionFactory replicaFactory;
    private Replicas eventual;
    private Replicas readYourWrites;

    private Database(SessionFactory sessionFactory, boolean ownsSessionFactory, ServerVersion server,
                     String where, Runnable evictIdleConnections, boolean enforceReadCommitted) {
        this.sessionFactory = sessionFactory;
        this.ownsSessionFactory = ownsSessionFactory;
        this.server = server;
        this.transactions = new Transactions(sessionFactory, evictIdleConnections, where, enforceReadCommitted);
        this.articles = new ArticleRepository(transactions, sessionFactory.unwrap(SessionFactoryImplementor.class));
        this.tags = new TagRepository(transactions);
    }

    /**
     * Opens the database with the library's own pool and defaults.
     *
     * @throws DatabaseUnavailableException if the server cannot be reached within {@link Timeouts#DEFAULT}
     * @throws IllegalStateException        if the server refuses the login
     */
    public static Database open(ConnectionSettings settings) {
        return open(settings, Timeouts.DEFAULT, Map.of());
    }

    /**
     * Opens the database; {@code hibernateProperties} are added to, and win over, the library's defaults
     * (for example {@code hibernate.generate_statistics=true}).
     */
    public static Database open(ConnectionSettings settings, Map<String, ?> hibernateProperties) {
        return open(settings, Timeouts.DEFAULT, hibernateProperties);
    }

    /**
     * Opens the database with the library's own pool and these waits; {@code hibernateProperties} are added to,
     * and win over, the library's defaults.
     *
     * @throws IllegalArgumentException     if an argument is null
     * @throws DatabaseUnavailableException if the server cannot be reached within {@code timeouts}
     * @throws IllegalStateException        if the server refuses the login
     */
    public static Database open(ConnectionSettings settings, Timeouts timeouts, Map<String, ?> hibernateProperties) {
        requireArgument("settings", settings);
        requireArgument("timeouts", timeouts);
        requireArgument("hibernateProperties", hibernateProperties);
        ServerVersion server = ServerVersion.probe(settings, timeouts);
        SessionFactory factory = configuration(settings, server, timeouts).properties(hibernateProperties)
                .createEntityManagerFactory().unwrap(SessionFactory.class);
        HikariDataSource pool = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .requireService(ConnectionProvider.class).unwrap(HikariDataSource.class);
        return new Database(factory, true, server, ConnectionSettings.redactUrl(settings.url()),
                () -> pool.getHikariPoolMXBean().softEvictConnections(), false);
    }

    /** {@link #open(DataSource, Map)} with the library's defaults. */
    public static Database open(DataSource dataSource) {
        return open(dataSource, Map.of());
    }

    /**
     * Opens the database over the application's own {@code DataSource}: its pool, its driver settings and its
     * waits apply, and closing the {@code Database} leaves the pool open. The library still gets what it relies
     * on: each of its transactions runs at READ COMMITTED, whatever the pool's default.
     *
     * @throws IllegalArgumentException     if an argument is null
     * @throws DatabaseUnavailableException if no connection can be had from the {@code DataSource}
     */
    public static Database open(DataSource dataSource, Map<String, ?> hibernateProperties) {
        requireArgument("dataSource", dataSource);
        requireArgument("hibernateProperties", hibernateProperties);
        String where;
        ServerVersion server;
        try (Connection connection = dataSource.getConnection()) {
            where = ConnectionSettings.redactUrl(connection.getMetaData().getURL());
            server = ServerVersion.of(connection);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot get a connection from the application's DataSource: "
                    + e.getMessage(), e);
        }
        SessionFactory factory = dialectFor(common(new HibernatePersistenceConfiguration("article-tag"))
                        .property("hibernate.connection.datasource", dataSource), server)
                .properties(hibernateProperties)
                .createEntityManagerFactory().unwrap(SessionFactory.class);
        return new Database(factory, true, server, where, () -> { }, true);
    }

    /**
     * The repositories over a factory the application built and owns (closing the {@code Database} leaves it
     * open). It must map {@link #ENTITY_CLASSES}; its connections are used at READ COMMITTED for the library's
     * transactions.
     *
     * @throws IllegalArgumentException     if the factory is null or does not map the library's entities
     * @throws DatabaseUnavailableException if no connection can be had to ask the server its version
     */
    public static Database using(EntityManagerFactory factory) {
        requireArgument("factory", factory);
        SessionFactory sessionFactory = factory.unwrap(SessionFactory.class);
        for (Class<?> entity : ENTITY_CLASSES) {
            try {
                sessionFactory.getMetamodel().entity(entity);
            } catch (IllegalArgumentException notMapped) {
                throw new IllegalArgumentException("the factory does not map " + entity.getName()
                        + ": add Database.ENTITY_CLASSES to its managed classes", notMapped);
            }
        }
        String[] where = new String[1];
        ServerVersion server;
        try (Session session = sessionFactory.openSession()) {
            server = session.doReturningWork(connection -> {
                where[0] = ConnectionSettings.redactUrl(connection.getMetaData().getURL());
                return ServerVersion.of(connection);
            });
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot get a connection from the application's factory: "
                    + e.getMessage(), e);
        }
        return new Database(sessionFactory, false, server, where[0], () -> { }, true);
    }

    /**
     * Opens the database on a MySQL Group Replication cluster (what InnoDB Cluster runs) behind MySQL Router:
     * {@code primary} is Router's read-write endpoint, which follows the primary across a failover, and
     * {@code replicas} its read-only endpoint, over the secondaries. Everything goes to the primary unless the
     * caller asks for {@link #replicas}. During a failover, writes refused by a member that is no longer (or not
     * yet) the primary, or cut before their commit, are run again on the new primary: the server rolled them
     * back; a write cut during its commit is a {@link DatabaseUnavailableException} whose outcome is unknown.
     *
     * @throws IllegalArgumentException     if an argument is null
     * @throws DatabaseUnavailableException if an endpoint cannot be reached within {@code timeouts}
     */
    public static Database openCluster(ConnectionSettings primary, ConnectionSettings replicas, Timeouts timeouts) {
        requireArgument("replicas", replicas);
        Database database = open(primary, timeouts, Map.of());
        try {
            ServerVersion server = ServerVersion.probe(replicas, timeouts);
            SessionFactory factory = configuration(replicas, server, timeouts)
                    .property("hibernate.hikari.poolName", "article-tag-replicas")
                    .createEntityManagerFactory().unwrap(SessionFactory.class);
            HikariDataSource pool = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                    .requireService(ConnectionProvider.class).unwrap(HikariDataSource.class);
            Runnable evict = () -> pool.getHikariPoolMXBean().softEvictConnections();
            String where = ConnectionSettings.redactUrl(replicas.url());
            database.replicaFactory = factory;
            database.eventual = new Replicas(factory, evict, where, null);
            // Group Replication's own read-your-writes: the secondary waits until it has applied every transaction
            // the group committed before this one began. No polling of our own.
            database.readYourWrites = new Replicas(factory, evict, where,
                    "SET @@SESSION.group_replication_consistency = 'BEFORE'");
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Reads on the cluster's secondaries ({@link #openCluster}): the repositories' queries, not their writes
     * (which throw {@code IllegalStateException}).
     *
     * @param readYourWrites true to see every write the group committed before the read began, the caller's
     *                       own included (Group Replication's {@code BEFORE} consistency, which makes the
     *                       secondary wait); false for the replicas' state as it is, which may lag
     * @throws IllegalStateException if the database was not opened on a cluster
     */
    public Replicas replicas(boolean readYourWrites) {
        if (replicaFactory == null) {
            throw new IllegalStateException("no replicas: open the database with Database.openCluster");
        }
        return readYourWrites ? this.readYourWrites : eventual;
    }

    /**
     * The repositories bound to the cluster's secondaries, for queries only.
     *
     * @param articles queries on articles
     * @param tags     queries on tags
     */
    public record Replicas(ArticleRepository articles, TagRepository tags) {

        private Replicas(SessionFactory factory, Runnable evict, String where, String sessionSetup) {
            this(new Transactions(factory, evict, where, false, true, sessionSetup), factory);
        }

        private Replicas(Transactions transactions, SessionFactory factory) {
            this(new ArticleRepository(transactions, factory.unwrap(SessionFactoryImplementor.class)),
                    new TagRepository(transactions));
        }
    }

    /** {@link #configuration(ConnectionSettings, ServerVersion, Timeouts)} with {@link Timeouts#DEFAULT}. */
    public static HibernatePersistenceConfiguration configuration(ConnectionSettings settings, ServerVersion server) {
        return configuration(settings, server, Timeouts.DEFAULT);
    }

    /**
     * The Jakarta Persistence configuration {@link #open} uses: the two entities, the pool and its waits, the
     * dialect for {@code server} and the batching settings. Public so that plain JPA code gets the same setup,
     * for example {@code Persistence.createEntityManagerFactory(configuration(settings,
     * ServerVersion.probe(settings), Timeouts.DEFAULT))}.
     */
    public static HibernatePersistenceConfiguration configuration(ConnectionSettings settings, ServerVersion server,
                                                                  Timeouts timeouts) {
        requireArgument("settings", settings);
        requireArgument("server", server);
        requireArgument("timeouts", timeouts);
        return dialectFor(common(new HibernatePersistenceConfiguration("article-tag")), server)
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
                .properties(driverProperties("hibernate.hikari.dataSource."));
    }

    /** {@link #DRIVER_PROPERTIES} under {@code prefix}. */
    private static Map<String, Object> driverProperties(String prefix) {
        Map<String, Object> properties = new HashMap<>();
        DRIVER_PROPERTIES.forEach((name, value) -> properties.put(prefix + name, value));
        return properties;
    }

    /** What every way in shares: the entities, batching, and no paging of collection fetches in memory. */
    private static HibernatePersistenceConfiguration common(HibernatePersistenceConfiguration configuration) {
        return configuration
                .managedClasses(Article.class, Tag.class)
                .property("hibernate.jdbc.batch_size", "50")
                .property("hibernate.order_inserts", "true")
                .property("hibernate.order_updates", "true")
                // Paging a collection fetch in memory silently loads every row: make it an error instead.
                .property("hibernate.query.fail_on_pagination_over_collection_fetch", "true");
    }

    /**
     * The dialect for the server VERSION() names, not the one Connector/J's metadata suggests: see
     * ServerVersion for why Hibernate must not read that metadata.
     */
    private static HibernatePersistenceConfiguration dialectFor(HibernatePersistenceConfiguration configuration,
                                                                ServerVersion server) {
        return configuration.properties(server.hibernateProperties());
    }

    /** The underlying session factory, for work the repositories do not cover. */
    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** Reads and writes of articles. */
    public ArticleRepository articles() {
        return articles;
    }

    /** Reads and writes of tags. */
    public TagRepository tags() {
        return tags;
    }

    /**
     * Runs {@code work} in a new session and transaction; commits, or rolls back if it throws.
     *
     * @throws DatabaseUnavailableException if the connection is lost during the work
     */
    public void inTransaction(Consumer<Session> work) {
        requireArgument("work", work);
        transactions.run(session -> {
            work.accept(session);
            return null;
        });
    }

    /** Like {@link #inTransaction(Consumer)}, returning what {@code work} returns. */
    public <R> R fromTransaction(Function<Session, R> work) {
        requireArgument("work", work);
        return transactions.run(work);
    }

    /** The connected server's product and version. */
    public ServerVersion server() {
        return server;
    }

    /** The dialect Hibernate chose for the connected server (MySQLDialect or MariaDBDialect). */
    public Dialect dialect() {
        return sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
    }

    /**
     * Drops the mapped tables ({@code article_tag}, {@code article}, {@code tag}) and nothing else, like
     * SQLAlchemy's {@code drop_all()}. Tables that do not exist are skipped.
     */
    public void dropSchema() {
        // Not Hibernate's drop: it first runs "alter table article_tag drop foreign key ...", which MySQL
        // (no ALTER TABLE IF EXISTS) answers with an error, logged as a WARN with a stack trace, whenever the
        // tables are missing.
        transactions.run(session -> {
            session.doWork(Schema::drop);
            return null;
        });
    }

    /**
     * Creates the mapped tables that do not exist yet, with their keys, like SQLAlchemy's {@code create_all()}.
     * Existing tables and their rows are left alone.
     */
    public void createSchema() {
        transactions.run(session -> {
            session.doWork(Schema::create);
            return null;
        });
    }

    /**
     * Compares the tables in the database with the mapping and lists every difference (a missing table,
     * column or key, a wrong type, nullability or character set); changes nothing. For production, where
     * dropping is never wanted: run it at start-up and refuse to go on if the list is not empty.
     *
     * @return the differences, empty when the schema fits
     */
    public List<String> validateSchema() {
        return transactions.read(session -> session.doReturningWork(Schema::problems));
    }

    /** {@link #dropSchema()} then {@link #createSchema()}: an empty schema. */
    public void recreateSchema() {
        dropSchema();
        createSchema();
    }

    private static void requireArgument(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /**
     * Closes the session factory and the library's own pool; a factory given to {@link #using} and a
     * {@code DataSource} given to {@link #open(DataSource)} stay open: they are the application's.
     */
    @Override
    public void close() {
        if (replicaFactory != null) {
            replicaFactory.close();
        }
        if (ownsSessionFactory) {
            sessionFactory.close();
        }
    }
}
