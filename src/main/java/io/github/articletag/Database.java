package io.github.articletag;

import io.github.articletag.internal.CountFolder;
import io.github.articletag.internal.Counters;
import io.github.articletag.internal.Endpoint;
import io.github.articletag.internal.HibernateSetup;
import io.github.articletag.internal.ObservedCalls;
import io.github.articletag.internal.Schema;
import io.github.articletag.internal.Servers;
import io.github.articletag.internal.TaggedTable;
import io.github.articletag.internal.TaggedType;
import io.github.articletag.internal.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.articletag.internal.Arguments.notNull;

/**
 * The library's entry point: the repositories for {@link Article} and {@link Tag}, and for each of the
 * application's own tagged types ({@link #tagged}: its entities that extend {@link Taggable}), and the schema
 * operations.
 * Four ways in:
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
 *     db.articles().findPage(null, 1000).items().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Thread-safe; open one per application and close it at shutdown.
 */
public final class Database implements AutoCloseable {

    /** The database's own calls' name in their observations. */
    private static final String CALLS = "database";

    /**
     * The entity classes of the library: what an application's own {@code EntityManagerFactory} or
     * {@code SessionFactory} must list among its managed classes to use {@link #using}.
     */
    public static final List<Class<?>> ENTITY_CLASSES = HibernateSetup.ENTITY_CLASSES;

    /**
     * The Connector/J properties of the library's own pool ({@link #open(ConnectionSettings)}), for an
     * application that gives the library its own pool ({@link #open(DataSource)}): with HikariCP,
     * {@code config.addDataSourceProperty(name, value)} for each; with Spring Boot,
     * {@code spring.datasource.hikari.data-source-properties.<name>=<value>}.
     */
    public static final Map<String, String> DRIVER_PROPERTIES = HibernateSetup.DRIVER_PROPERTIES;

    /**
     * Where the library's Flyway migrations are, as Flyway's {@code locations} names them
     * ({@code classpath:io/github/articletag/migration}).
     */
    public static final String FLYWAY_LOCATION = Schema.FLYWAY_LOCATION;

    private final Endpoint primary;
    private final boolean ownsFactory;
    private final Transactions transactions;
    private final ArticleRepository articles;
    private final TagRepository tags;
    /** The application's tagged types, by class. */
    private final Map<Class<?>, TaggedRepository<?>> tagged;
    /** The tables of every tagged type, the library's articles first. */
    private final List<TaggedType<?>> types;
    /** The cluster's secondaries, or null outside a cluster; then both views below are null too. */
    private final Endpoint secondaries;
    private final Replicas eventual;
    private final Replicas readYourWrites;
    /** Folds the counts' changes written through this database, in the background. */
    private final CountFolder folder;

    /**
     * @param ownsFactory whether closing the database closes the primary's factory
     * @param secondaries the cluster's secondaries, or null
     */
    private Database(Endpoint primary, boolean ownsFactory, Endpoint secondaries) {
        this.primary = primary;
        this.ownsFactory = ownsFactory;
        Counters counters = new Counters();
        this.transactions = new Transactions(primary, counters, false, null);
        this.articles = new ArticleRepository(transactions);
        this.types = TaggedTypes.of(primary.factory());
        this.tagged = TaggedTypes.repositories(transactions, types);
        List<TaggedTable> tables = new ArrayList<>(List.of(TaggedTable.ARTICLE));
        types.forEach(type -> tables.add(type.table()));
        this.tags = new TagRepository(transactions, tables);
        this.folder = new CountFolder(transactions, tables);
        transactions.afterWrite(folder::written);
        this.secondaries = secondaries;
        this.eventual = secondaries == null ? null : new Replicas(secondaries, counters, null, tables);
        // Group Replication's own read-your-writes: the secondary waits until it has applied every transaction
        // the group committed before this one began. No polling of our own.
        this.readYourWrites = secondaries == null ? null
                : new Replicas(secondaries, counters, Transactions.READ_YOUR_WRITES, tables);
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
        return open(settings, timeouts, hibernateProperties, List.of());
    }

    /**
     * Opens the database with the library's own pool, mapping the application's {@code entityClasses} beside the
     * library's: each that extends {@link Taggable} is a tagged type ({@link #tagged}), the others are entities its
     * tagged types may refer to.
     *
     * @throws IllegalArgumentException     if an argument is null, or a tagged type cannot be tagged (its id is not
     *                                      an {@code Integer} or {@code Long})
     * @throws DatabaseUnavailableException if the server cannot be reached within {@code timeouts}
     * @throws IllegalStateException        if the server refuses the login
     */
    public static Database open(ConnectionSettings settings, Timeouts timeouts, Map<String, ?> hibernateProperties,
                                List<Class<?>> entityClasses) {
        notNull("hibernateProperties", hibernateProperties);
        notNull("entityClasses", entityClasses);
        return new Database(openPool(settings, timeouts, "article-tag", hibernateProperties, entityClasses), true,
                null);
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
        return open(dataSource, hibernateProperties, List.of());
    }

    /**
     * {@link #open(DataSource, Map)}, mapping the application's {@code entityClasses} beside the library's (see
     * {@link #open(ConnectionSettings, Timeouts, Map, List)}).
     *
     * @throws IllegalArgumentException     if an argument is null, or a tagged type cannot be tagged
     * @throws DatabaseUnavailableException if no connection can be had from the {@code DataSource}
     */
    public static Database open(DataSource dataSource, Map<String, ?> hibernateProperties,
                                List<Class<?>> entityClasses) {
        notNull("dataSource", dataSource);
        notNull("hibernateProperties", hibernateProperties);
        notNull("entityClasses", entityClasses);
        Servers.Reached reached = Servers.reach(dataSource);
        ServerVersion server = ServerVersion.parse(reached.version());
        return new Database(HibernateSetup.openOver(dataSource, server, ConnectionSettings.redactUrl(reached.url()),
                hibernateProperties, entityClasses), true, null);
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
        SessionFactory sessionFactory = notNull("factory", factory).unwrap(SessionFactory.class);
        for (Class<?> entity : ENTITY_CLASSES) {
            try {
                sessionFactory.getMetamodel().entity(entity);
            } catch (IllegalArgumentException notMapped) {
                throw new IllegalArgumentException("the factory does not map " + entity.getName()
                        + ": add Database.ENTITY_CLASSES to its managed classes", notMapped);
            }
        }
        Servers.Reached reached;
        try (Session session = sessionFactory.openSession()) {
            reached = Servers.reach(session);
        }
        Endpoint endpoint = new Endpoint(sessionFactory, ServerVersion.parse(reached.version()),
                ConnectionSettings.redactUrl(reached.url()), null);
        return new Database(endpoint, false, null);
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
        return openCluster(primary, replicas, timeouts, List.of());
    }

    /**
     * {@link #openCluster(ConnectionSettings, ConnectionSettings, Timeouts)}, mapping the application's
     * {@code entityClasses} beside the library's on both endpoints (see
     * {@link #open(ConnectionSettings, Timeouts, Map, List)}): its tagged types are read on the secondaries too
     * ({@link Replicas#tagged}).
     *
     * @throws IllegalArgumentException     if an argument is null, or a tagged type cannot be tagged
     * @throws DatabaseUnavailableException if an endpoint cannot be reached within {@code timeouts}
     */
    public static Database openCluster(ConnectionSettings primary, ConnectionSettings replicas, Timeouts timeouts,
                                       List<Class<?>> entityClasses) {
        notNull("replicas", replicas);
        notNull("entityClasses", entityClasses);
        Endpoint writes = openPool(primary, timeouts, "article-tag", Map.of(), entityClasses);
        try {
            return new Database(writes, true, openPool(replicas, timeouts, "article-tag-replicas", Map.of(),
                    entityClasses));
        } catch (RuntimeException e) {
            writes.factory().close();
            throw e;
        }
    }

    private static Endpoint openPool(ConnectionSettings settings, Timeouts timeouts, String poolName,
                                     Map<String, ?> hibernateProperties, List<Class<?>> entityClasses) {
        notNull("settings", settings);
        notNull("timeouts", timeouts);
        ServerVersion server = ServerVersion.probe(settings, timeouts);
        return HibernateSetup.openPooled(settings, server, timeouts, ConnectionSettings.redactUrl(settings.url()),
                poolName, hibernateProperties, entityClasses);
    }

    /**
     * The repository of one of the application's tagged types: an entity class that extends {@link Taggable},
     * among the classes the database was opened with (or mapped by the factory given to {@link #using}).
     *
     * @throws IllegalArgumentException if {@code type} is not a tagged type of this database
     */
    public <T extends Taggable> TaggedRepository<T> tagged(Class<T> type) {
        return TaggedTypes.lookUp(tagged, type);
    }

    /** The application's tagged types, in the order of their class names. */
    public List<Class<?>> taggedTypes() {
        return List.copyOf(tagged.keySet());
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
        if (secondaries == null) {
            throw new IllegalStateException("no replicas: open the database with Database.openCluster");
        }
        return readYourWrites ? this.readYourWrites : eventual;
    }

    /**
     * How many times, since this database was opened, a call of {@link #articles()} or {@link #tags()} was run
     * again after the server rolled it back (a conflict with a concurrent call, a refusal by a secondary, a lost
     * connection): what the library resolved itself, for an application's metrics. Each is logged at DEBUG on
     * {@code io.github.articletag.retries}, and the statement that met a conflict is not logged at WARN.
     */
    public long retries() {
        return statistics().totalRetries();
    }

    /**
     * The retries by cause, the failures whose outcome is unknown, the optimistic-lock conflicts and the
     * articles imported since this database was opened (its replicas' reads included): a snapshot.
     */
    public DatabaseStatistics statistics() {
        Counters counters = transactions.counters();
        return new DatabaseStatistics(counters.retries(), counters.outcomeUnknownCount(),
                counters.optimisticLockConflicts(), counters.articlesImported());
    }

    /**
     * Reports every public call of this database, its repositories' and its replicas', as a Micrometer
     * {@code Observation} named {@code articletag.call}, with low-cardinality keys
     * {@code articletag.repository} ({@code articles}, {@code tags}, {@code database}, or a tagged type's simple
     * class name), {@code articletag.call} (the method's name) and {@code outcome} ({@code success};
     * {@code refused}: the arguments or the state, as the exception says; {@code unavailable}: the server could
     * not be reached or was too busy; {@code error}). Each retry is an event, {@code retry}, of the call's
     * observation. With Micrometer's meter handler each call gets a timer ({@code articletag.call}, and
     * {@code articletag.call.retry} counting retries); with a tracer, a span named like {@code articles.findPage}.
     * A call made inside another is part of the outer one. Spring Boot's auto-configuration calls this with
     * Boot's registry. Without it, or with Micrometer absent, no observation is made.
     *
     * @param registry where the observations go; {@link ObservationRegistry#NOOP} to stop
     * @return this database
     */
    public Database observeCalls(ObservationRegistry registry) {
        transactions.counters().observeWith(new ObservedCalls(notNull("registry", registry)));
        return this;
    }

    /**
     * Has the library's own pools (the primary's, named {@code article-tag}, and a cluster's replicas',
     * {@code article-tag-replicas}) report HikariCP's metrics ({@code hikaricp.connections.active},
     * {@code .pending}, {@code .acquire}, ..., tagged {@code pool}) to {@code registry}. A pool the application
     * gave the library ({@link #open(DataSource)}) is the application's to measure, as Spring Boot does. Spring
     * Boot's auto-configuration calls this with Boot's registry.
     *
     * @return this database
     * @throws IllegalStateException if a pool reports to another registry already: HikariCP takes one
     */
    public Database recordPoolMetrics(MeterRegistry registry) {
        notNull("registry", registry);
        primary.recordPoolMetrics(registry);
        if (secondaries != null) {
            secondaries.recordPoolMetrics(registry);
        }
        return this;
    }

    /** The repositories bound to the cluster's secondaries, for queries only (writes throw). */
    public static final class Replicas {

        private final ArticleRepository articles;
        private final TagRepository tags;
        private final Map<Class<?>, TaggedRepository<?>> tagged;

        private Replicas(Endpoint secondaries, Counters counters, String sessionSetup, List<TaggedTable> tables) {
            Transactions transactions = new Transactions(secondaries, counters, true, sessionSetup);
            this.articles = new ArticleRepository(transactions);
            this.tags = new TagRepository(transactions, tables);
            this.tagged = TaggedTypes.repositories(transactions, TaggedTypes.of(secondaries.factory()));
        }

        /** Queries on articles. */
        public ArticleRepository articles() {
            return articles;
        }

        /** Queries on tags. */
        public TagRepository tags() {
            return tags;
        }

        /**
         * Queries on one of the application's tagged types ({@link Database#tagged}).
         *
         * @throws IllegalArgumentException if {@code type} is not a tagged type of this database
         */
        public <T extends Taggable> TaggedRepository<T> tagged(Class<T> type) {
            return TaggedTypes.lookUp(tagged, type);
        }
    }

    /** {@link #configuration(ConnectionSettings, ServerVersion, Timeouts)} with {@link Timeouts#DEFAULT}. */
    public static HibernatePersistenceConfiguration configuration(ConnectionSettings settings, ServerVersion server) {
        return configuration(settings, server, Timeouts.DEFAULT);
    }

    /**
     * The Jakarta Persistence configuration {@link #open} uses: the two entities, the pool and its waits, the
     * dialect for {@code server} and the batching settings. For plain JPA code that wants the same setup, for
     * example {@code Persistence.createEntityManagerFactory(configuration(settings,
     * ServerVersion.probe(settings), Timeouts.DEFAULT))}.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public static HibernatePersistenceConfiguration configuration(ConnectionSettings settings, ServerVersion server,
                                                                  Timeouts timeouts) {
        return HibernateSetup.pooled(notNull("settings", settings), notNull("server", server),
                notNull("timeouts", timeouts));
    }

    /** The underlying session factory, for work the repositories do not cover. */
    public SessionFactory sessionFactory() {
        return primary.factory();
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
     * Runs {@code work} in a new session and transaction; commits, or rolls back if it throws. It is never run
     * twice.
     *
     * @throws DatabaseUnavailableException if the connection is lost during the work
     */
    public void inTransaction(Consumer<Session> work) {
        notNull("work", work);
        transactions.call(CALLS, "inTransaction", () -> transactions.run(session -> {
            work.accept(session);
            return null;
        }));
    }

    /** Like {@link #inTransaction(Consumer)}, returning what {@code work} returns. */
    public <R> R fromTransaction(Function<Session, R> work) {
        notNull("work", work);
        return transactions.call(CALLS, "fromTransaction", () -> transactions.run(work));
    }

    /** The connected server's product and version. */
    public ServerVersion server() {
        return primary.server();
    }

    /** The dialect Hibernate chose for the connected server (MySQLDialect or MariaDBDialect). */
    public Dialect dialect() {
        return primary.factory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
    }

    /**
     * Drops the library's tables ({@code article_tag}, {@code article}, {@code tag}, {@code tag_alias}) and the
     * link and count tables of the tagged types, and nothing else: the tagged types' own tables stay. Tables that do
     * not exist are skipped. For tests and demos, never for production data.
     */
    public void dropSchema() {
        // Not Hibernate's drop: it first runs "alter table article_tag drop foreign key ...", which MySQL
        // (no ALTER TABLE IF EXISTS) answers with an error, logged as a WARN with a stack trace, whenever the
        // tables are missing.
        transactions.call(CALLS, "dropSchema", () -> transactions.run(session -> {
            session.doWork(connection -> Schema.drop(connection, types));
            return null;
        }));
    }

    /**
     * Creates the library's tables that do not exist yet, with their keys, by running the migration script the
     * jar ships (the one Flyway runs), then the link and count tables of the tagged types that are missing
     * ({@link TaggedRepository#ddl()}; the types' own tables must exist). Existing tables and their rows are left
     * alone.
     */
    public void createSchema() {
        transactions.call(CALLS, "createSchema", () -> transactions.run(session -> {
            session.doWork(connection -> Schema.create(connection, types));
            return null;
        }));
    }

    /**
     * Compares the tables in the database with the mapping and lists every difference (a missing table,
     * column or key, a wrong type, nullability or character set); changes nothing. For production, where
     * dropping is never wanted: run it at start-up and refuse to go on if the list is not empty.
     *
     * @return the differences, empty when the schema fits
     */
    public List<String> validateSchema() {
        return transactions.call(CALLS, "validateSchema", () -> transactions.read(this::validateSchema));
    }

    /**
     * {@link #validateSchema()} in the caller's own transaction, on its session's connection: for a probe that
     * reads more in the same transaction and tries once (the Spring Boot health indicator).
     *
     * @return the differences, empty when the schema fits
     */
    public List<String> validateSchema(Session session) {
        return notNull("session", session).doReturningWork(connection -> Schema.problems(connection, types));
    }

    /** {@link #dropSchema()} then {@link #createSchema()}: an empty schema. */
    public void recreateSchema() {
        transactions.call(CALLS, "recreateSchema", () -> {
            dropSchema();
            createSchema();
            return null;
        });
    }

    /**
     * Closes the session factories and the library's own pools; a factory given to {@link #using} and a
     * {@code DataSource} given to {@link #open(DataSource)} stay open: they are the application's.
     */
    @Override
    public void close() {
        folder.close();
        if (secondaries != null) {
            secondaries.factory().close();
        }
        if (ownsFactory) {
            primary.factory().close();
        }
    }
}
