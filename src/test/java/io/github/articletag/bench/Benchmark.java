package io.github.articletag.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.github.articletag.demo.EmbeddedMariaDb;
import io.github.articletag.Article;
import io.github.articletag.Tag;
import io.github.articletag.Progress;
import io.github.articletag.ArticleSummary;
import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;
import io.github.articletag.NewArticle;
import io.github.articletag.RetryCause;
import io.github.articletag.SampleData;
import io.github.articletag.internal.Arguments;
import io.github.articletag.testing.CountingDataSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The library against hand-written JDBC on the same server, in one process: both warm (warm-up rounds that
 * are not counted, enough for the JIT compiler to finish), both on a HikariCP pool with the same driver
 * settings, the paths alternating round by round (medians of an odd number of rounds; the streamed import
 * runs library, JDBC, JDBC, library and takes means), only the calls timed, and every result compared in full
 * between the paths. Run by
 * {@code ./mvnw -q test-compile exec:exec@bench} (add {@code -Dbench.mode=quick} for the small sizes CI uses,
 * {@code -Dbench.mode=scale} for the reads at 1,000,000 articles, or as many as {@code -Dbench.articles} says, see
 * {@link Scale}; {@code -Dbench.mode=writes} for the write calls alone, see {@link Writes}; {@code -Dbench.mode=hot}
 * for the writers of hot tags alone; {@code -Dbench.mode=observation} for the cost of observing each call;
 * {@code -Dbench.mode=import} for the streamed imports of 1,000,000 articles alone);
 * on the embedded MariaDB unless {@code DB_URL} is set. The JVM is started with {@code -Xmx256m}, which the
 * streamed import of 1,000,000 articles must stay within.
 *
 * <p>Its last line: {@code RESULT import_ratio=… read_ratio=… summary_ratio=… hot_count_ratio=… write_ratio=…
 * write_statements=… import_1m_heap_mib=… load_data_ratio=… page_statements=… sample_statements=…
 * observation_ratio=…}, ratios being library time over JDBC time
 * ({@code read_ratio} for the entity path against JDBC reading what the entities hold, the tags' ids and names;
 * {@code hot_count_ratio} for four threads tagging with the same two tags by hand JDBC keeping the counts as the
 * library does, striped, over the same without counts; {@code observation_ratio} for the library's calls reported
 * to a Micrometer registry over the same calls unobserved).
 */
public final class Benchmark {

    /**
     * {@code readWarmups} and {@code readRounds} are for the reads: a round is 200 short queries, and the JIT
     * compiler takes about 15 rounds to finish with Hibernate's path on 2 cores (on MySQL 9.7 the entity path
     * took 2.1 s in the first round and settled near 0.45 s after 17, while JDBC stayed near 0.4 s from the
     * second); more rounds than elsewhere, because single rounds on a shared 2-core machine vary by 20 %, and
     * medians of 11 still moved by ±0.08 between runs.
     */
    private record Sizes(int articles, int vocabulary, int tagsPerArticle, int warmups, int rounds, int readWarmups,
                         int readRounds, int pages, int pageSize, int taggedQueries, int hotTaggings,
                         int streamArticles, int heapMark, int writeCalls) {
    }

    private static final Sizes FULL =
            new Sizes(10_000, 1_000, 5, 2, 5, 20, 21, 100, 100, 100, 1_500, 1_000_000, 100_000, 200);
    private static final Sizes QUICK = new Sizes(1_000, 100, 5, 1, 3, 1, 3, 5, 100, 10, 100, 20_000, 10_000, 20);

    /** What a read produces, by any path: an article and its tags' names, in the order the path gave them. */
    private record Row(int id, String title, List<String> tags) {
        /** The same row with its tags sorted, to compare paths that order tags differently. */
        Row sorted() {
            return new Row(id, title, tags.stream().sorted().toList());
        }

        /** The same row with tags given as "id name" reduced to their names, sorted. */
        Row tagNamesOnly() {
            return new Row(id, title, tags.stream().map(tag -> tag.substring(tag.indexOf(' ') + 1)).sorted().toList());
        }
    }

    /** The read paths, alternating round by round: the library's two, and JDBC mapping what each returns. */
    private static final int ENTITIES = 0, SUMMARIES = 1, JDBC_OBJECTS = 2, JDBC_NAMES = 3, READ_PATHS = 4;

    private final Sizes sizes;
    private final Database database;
    private final HikariDataSource jdbc;
    private final ConnectionSettings settings;
    private final Map<String, String> report = new LinkedHashMap<>();
    /** The streamed import's time over LOAD DATA's, or NaN when the server does not allow LOAD DATA LOCAL. */
    private double loadDataRatio = Double.NaN;

    private Benchmark(Sizes sizes, Database database, HikariDataSource jdbc, ConnectionSettings settings) {
        this.sizes = sizes;
        this.database = database;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("quick");
        boolean scale = Arrays.asList(args).contains("scale");
        boolean writesOnly = Arrays.asList(args).contains("writes");
        boolean hotOnly = Arrays.asList(args).contains("hot");
        boolean observationOnly = Arrays.asList(args).contains("observation");
        boolean importOnly = Arrays.asList(args).contains("import");
        Sizes sizes = quick ? QUICK : FULL;
        Optional<ConnectionSettings> given = ConnectionSettings.fromEnvironment();
        EmbeddedMariaDb embedded = given.isPresent() ? null : EmbeddedMariaDb.start("articletag_bench");
        // Not given.orElseGet(embedded::connectionSettings): that method reference dereferences a null embedded.
        ConnectionSettings settings = embedded == null ? given.get() : embedded.connectionSettings();
        try (Database database = Database.open(settings); HikariDataSource jdbc = pool(settings)) {
            System.out.printf("benchmark (%s) on %s, JDK %s, %d cores, max heap %d MiB%n",
                    quick ? "quick" : scale ? "scale" : writesOnly ? "writes" : hotOnly ? "hot"
                            : observationOnly ? "observation" : importOnly ? "import" : "full",
                    database.server(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            if (scale) {
                System.out.println("RESULT " + new Scale(database, jdbc, Integer.parseInt(args[1])).run());
            } else if (writesOnly) {
                Writes writes = new Writes(database, jdbc, settings, FULL.writeCalls(), FULL.warmups(), FULL.rounds());
                writes.run().keySet().forEach(System.out::println);
                System.out.println("RESULT " + writes.result());
            } else if (hotOnly) {
                Benchmark hot = new Benchmark(FULL, database, jdbc, settings);
                double ratio = hot.hotTagCost();
                hot.report.forEach((what, figure) -> System.out.printf("%-100s %s%n", what, figure));
                System.out.printf(Locale.ROOT, "RESULT hot_count_ratio=%.2f%n", ratio);
            } else if (importOnly) {
                Benchmark imports = new Benchmark(FULL, database, jdbc, settings);
                long heapMib = imports.streamedImport();
                imports.report.forEach((what, figure) -> System.out.printf("%-100s %s%n", what, figure));
                System.out.printf(Locale.ROOT, "RESULT import_1m_heap_mib=%d load_data_ratio=%.2f%n", heapMib,
                        imports.loadDataRatio);
            } else if (observationOnly) {
                Benchmark observation = new Benchmark(FULL, database, jdbc, settings);
                database.recreateSchema();
                database.articles().importArticles(observation.data(FULL.articles()));
                double ratio = observation.observationCost();
                observation.report.forEach((what, figure) -> System.out.printf("%-100s %s%n", what, figure));
                System.out.printf(Locale.ROOT, "RESULT observation_ratio=%.2f%n", ratio);
            } else {
                new Benchmark(sizes, database, jdbc, settings).run();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * The baseline's pool: the driver settings of the library's own pool, autocommit off, several statements in
     * one round trip allowed and the transaction's state asked of the server, as there.
     */
    private static HikariDataSource pool(ConnectionSettings settings) {
        HikariConfig config = CountingDataSource.applicationPool(settings, "jdbc-baseline");
        config.setAutoCommit(false);
        config.addDataSourceProperty("allowMultiQueries", "true");
        config.addDataSourceProperty("useLocalTransactionState", "false");
        return new HikariDataSource(config);
    }

    private void run() throws SQLException {
        double importRatio = importRatio();
        double[] readRatios = readRatios();
        double observationRatio = observationCost();
        double hotCountRatio = hotTagCost();
        Writes writes = new Writes(database, jdbc, settings, sizes.writeCalls(), sizes.warmups(), sizes.rounds());
        report.putAll(writes.run());
        long heapMib = streamedImport();
        long pageStatements = pageStatements();
        long sampleStatements = sampleStatements();

        System.out.println();
        report.forEach((what, figure) -> System.out.printf("%-100s %s%n", what, figure));
        System.out.printf(Locale.ROOT, "RESULT import_ratio=%.2f read_ratio=%.2f summary_ratio=%.2f"
                        + " hot_count_ratio=%.2f %s import_1m_heap_mib=%d load_data_ratio=%.2f page_statements=%d"
                        + " sample_statements=%d observation_ratio=%.2f%n",
                importRatio, readRatios[0], readRatios[1], hotCountRatio, writes.result(), heapMib, loadDataRatio,
                pageStatements, sampleStatements, observationRatio);
    }

    /**
     * What observing each call costs: the smallest read of an entity ({@code findWithTags}) for every article
     * read earlier, by this database (no registry) and by a second one that reports each call to a registry with
     * Micrometer's meter handler, as Spring Boot's Actuator sets it up. Its ratio, observed / not, and the time
     * per call each way.
     */
    private double observationCost() throws SQLException {
        int calls = sizes.pages() * 10;
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
        try (Database observed = Database.open(settings).observeCalls(registry)) {
            long[][] times = alternate(2, sizes.readWarmups(), sizes.readRounds(), path -> {
                Database reading = path == 0 ? observed : database;
                long start = System.nanoTime();
                for (int id = 1; id <= calls; id++) {
                    if (reading.articles().findWithTags(id).isEmpty()) {
                        throw new IllegalStateException("article " + id + " was not found");
                    }
                }
                return System.nanoTime() - start;
            });
            double ratio = ratio(times[0], times[1]);
            report.put(String.format("observation per call: findWithTags x %d, with a registry (meter handler) / without,"
                    + " medians", calls), medians(times[0], times[1], ratio) + String.format(Locale.ROOT,
                    " (%.1f / %.1f us a call)", median(times[0]) / 1e3 / calls, median(times[1]) / 1e3 / calls));
            return ratio;
        }
    }

    /** Article {@code i}: the same for every path and round, computed from {@code i} alone. */
    private NewArticle article(int i) {
        SplittableRandom random = new SplittableRandom(i * 31L + 7);
        List<String> tags = new ArrayList<>();
        while (tags.size() < sizes.tagsPerArticle()) {
            String tag = "tag" + random.nextInt(sizes.vocabulary());
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return new NewArticle("article " + i, tags);
    }

    private List<NewArticle> data(int count) {
        return IntStream.range(0, count).mapToObj(this::article).toList();
    }

    // ---- import -------------------------------------------------------------------------------------------

    private double importRatio() throws SQLException {
        List<NewArticle> data = data(sizes.articles());
        List<Row> expected = IntStream.range(0, data.size())
                .mapToObj(i -> new Row(0, data.get(i).title(), data.get(i).tagNames()).sorted()).toList();
        long[][] times = alternate(2, sizes.warmups(), sizes.rounds(), path -> {
            database.recreateSchema();
            long start = System.nanoTime();
            List<Integer> ids = path == 0 ? database.articles().importArticles(data) : jdbcImport(data.iterator());
            long elapsed = System.nanoTime() - start;
            checkImported(ids, expected);
            return elapsed;
        });
        double ratio = ratio(times[0], times[1]);
        String what = String.format("import %d articles with %d links (vocabulary %d)", data.size(),
                data.size() * sizes.tagsPerArticle(), sizes.vocabulary());
        report.put(what + ": library / pooled JDBC, medians", medians(times[0], times[1], ratio));
        return ratio;
    }

    /** The rows in the tables are exactly the input, under the ids reported, in input order. */
    private void checkImported(List<Integer> ids, List<Row> expected) throws SQLException {
        List<Row> stored = jdbcRows("""
                SELECT a.id, a.title, t.name FROM article a
                LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id ORDER BY a.id""");
        if (stored.size() != expected.size()) {
            throw new IllegalStateException(stored.size() + " articles stored, " + expected.size() + " imported");
        }
        for (int i = 0; i < expected.size(); i++) {
            Row row = stored.get(i).sorted();
            if (row.id() != ids.get(i) || !row.title().equals(expected.get(i).title())
                    || !row.tags().equals(expected.get(i).tags())) {
                throw new IllegalStateException("article " + i + " stored as " + row + ", imported as "
                        + expected.get(i) + " with id " + ids.get(i));
            }
        }
    }

    /**
     * The fastest plain JDBC for the same rows, on a warm pooled connection: the vocabulary's tags first, then
     * articles and links in batches of 1,000 that the driver rewrites into multi-row INSERTs, keys read back.
     */
    private List<Integer> jdbcImport(java.util.Iterator<NewArticle> articles) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = jdbc.getConnection()) {
            Map<String, Integer> tagIds = new HashMap<>();
            List<String> vocabulary = IntStream.range(0, sizes.vocabulary()).mapToObj(i -> "tag" + i).toList();
            List<Integer> keys = insertBatched(connection, "INSERT INTO tag (name, name_key) VALUES (?, ?)",
                    vocabulary.stream().map(name -> new String[] {name, Tag.keyOf(name)}).toList());
            for (int i = 0; i < vocabulary.size(); i++) {
                tagIds.put(vocabulary.get(i), keys.get(i));
            }
            try (PreparedStatement links = connection.prepareStatement(
                    "INSERT INTO article_tag (article_id, tag_id) VALUES (?, ?)")) {
                while (articles.hasNext()) {
                    List<NewArticle> chunk = new ArrayList<>(1000);
                    while (chunk.size() < 1000 && articles.hasNext()) {
                        chunk.add(articles.next());
                    }
                    List<Integer> chunkIds = insertBatched(connection, "INSERT INTO article (title) VALUES (?)",
                            chunk.stream().map(article -> new String[] {article.title()}).toList());
                    for (int i = 0; i < chunk.size(); i++) {
                        for (String tag : chunk.get(i).tagNames()) {
                            links.setInt(1, chunkIds.get(i));
                            links.setInt(2, tagIds.get(tag));
                            links.addBatch();
                        }
                    }
                    links.executeBatch();
                    ids.addAll(chunkIds);
                }
            }
            connection.commit();
        }
        return ids;
    }

    private static List<Integer> insertBatched(Connection connection, String sql, List<String[]> values)
            throws SQLException {
        List<Integer> keys = new ArrayList<>(values.size());
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int from = 0; from < values.size(); from += 1000) {
                for (String[] row : values.subList(from, Math.min(values.size(), from + 1000))) {
                    for (int column = 0; column < row.length; column++) {
                        insert.setString(column + 1, row[column]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
                try (ResultSet generated = insert.getGeneratedKeys()) {
                    while (generated.next()) {
                        keys.add(generated.getInt(1));
                    }
                }
            }
        }
        return keys;
    }

    // ---- reads --------------------------------------------------------------------------------------------

    /**
     * Entity reads and summary reads, each against JDBC mapping the same join by hand to what that path
     * returns: {entity, summary} ratios. The entities' baseline reads what an {@code Article} with its tags
     * holds, each tag's id and name, into small objects; the summaries' baseline reads what an
     * {@code ArticleSummary} holds, the tags' names. Only the calls are timed: each result is turned into
     * comparable rows after its call, outside the clock.
     */
    private double[] readRatios() throws SQLException {
        database.recreateSchema();
        database.articles().importArticles(data(sizes.articles()));
        List<String> tagNames = IntStream.range(0, sizes.taggedQueries())
                .mapToObj(i -> "tag" + (i * sizes.vocabulary() / sizes.taggedQueries())).toList();
        List<List<Row>> results = new ArrayList<>(List.of(List.of(), List.of(), List.of(), List.of()));
        // The client's own CPU time per round beside the wall clock: steadier on a shared machine, and the part
        // of the time the library can change (the server's is the same for every path).
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<List<Long>> cpuTimes = IntStream.range(0, READ_PATHS).<List<Long>>mapToObj(path -> new ArrayList<>())
                .toList();
        long[][] times = alternate(READ_PATHS, sizes.readWarmups(), sizes.readRounds(), path -> {
            // Each call is timed alone and its result dropped once turned into rows: kept to the round's end, a
            // round's 15,000 entities would stay live through the young collections of every later call, a cost
            // of this harness that no caller reading page by page pays.
            List<Row> read = new ArrayList<>();
            long elapsed = 0;
            long cpu = 0;
            for (int call = 0; call < sizes.pages() + tagNames.size(); call++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                List<?> result = call < sizes.pages() ? readPage(path, call)
                        : readTagged(path, tagNames.get(call - sizes.pages()));
                cpu += threads.getCurrentThreadCpuTime() - cpuStart;
                elapsed += System.nanoTime() - start;
                read.addAll(rows(result));
            }
            results.set(path, read.stream().map(Row::sorted).toList());
            cpuTimes.get(path).add(cpu);
            return elapsed;
        });
        List<Row> byName = results.get(JDBC_OBJECTS).stream().map(Row::tagNamesOnly).toList();
        if (!results.get(ENTITIES).equals(results.get(JDBC_OBJECTS))
                || !results.get(SUMMARIES).equals(results.get(JDBC_NAMES)) || !byName.equals(results.get(JDBC_NAMES))) {
            throw new IllegalStateException("the read paths returned different data");
        }
        String what = String.format("read %d pages of %d + 'tagged X' for %d tags (%d rows)", sizes.pages(),
                sizes.pageSize(), tagNames.size(), results.get(JDBC_NAMES).size());
        double entities = ratio(times[ENTITIES], times[JDBC_OBJECTS]);
        double summaries = ratio(times[SUMMARIES], times[JDBC_NAMES]);
        report.put(what + ": Article entities / JDBC reading tag ids and names, medians",
                medians(times[ENTITIES], times[JDBC_OBJECTS], entities));
        report.put(what + ": ArticleSummary / JDBC reading tag names, medians",
                medians(times[SUMMARIES], times[JDBC_NAMES], summaries));
        report.put(what + ": Article entities / JDBC reading tag names (for comparison), medians",
                medians(times[ENTITIES], times[JDBC_NAMES], ratio(times[ENTITIES], times[JDBC_NAMES])));
        long[][] cpu = cpuTimes.stream().map(rounds -> rounds.subList(rounds.size() - sizes.readRounds(), rounds.size())
                .stream().mapToLong(Long::longValue).toArray()).toArray(long[][]::new);
        report.put(what + ": client CPU, entities / summaries / JDBC ids and names / JDBC names, medians",
                ms(median(cpu[ENTITIES])) + " / " + ms(median(cpu[SUMMARIES])) + " / "
                        + ms(median(cpu[JDBC_OBJECTS])) + " / " + ms(median(cpu[JDBC_NAMES])));
        return new double[] {entities, summaries};
    }

    private List<?> readPage(int path, int page) throws SQLException {
        // Keyset pages: the imported ids are 1..n, so the page after id k starts at article k + 1.
        int after = page * sizes.pageSize();
        String cursor = after == 0 ? null : String.valueOf(after);
        return switch (path) {
            case ENTITIES -> database.articles().findPage(cursor, sizes.pageSize()).items();
            case SUMMARIES -> database.articles().summarizePage(cursor, sizes.pageSize()).items();
            case JDBC_OBJECTS -> jdbcArticles("""
                    SELECT a.id, a.title, t.id, t.name
                    FROM (SELECT id, title FROM article WHERE id > ? ORDER BY id LIMIT ?) a
                    LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id
                    ORDER BY a.id""", after, sizes.pageSize());
            default -> jdbcRows("""
                    SELECT a.id, a.title, t.name FROM (SELECT id, title FROM article WHERE id > ? ORDER BY id LIMIT ?) a
                    LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id
                    ORDER BY a.id""", after, sizes.pageSize());
        };
    }

    /** The join and condition of JDBC's "tagged X", after its select list. */
    private static final String TAGGED = """
             FROM article a LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id
            WHERE a.id IN (SELECT x.article_id FROM article_tag x JOIN tag y ON y.id = x.tag_id WHERE y.name_key = ?)
            ORDER BY a.id""";

    private List<?> readTagged(int path, String name) throws SQLException {
        return switch (path) {
            case ENTITIES -> database.articles().findTagged(name, null, Arguments.MAX_PAGE_SIZE).items();
            case SUMMARIES -> database.articles().summarizeTagged(name, null, Arguments.MAX_PAGE_SIZE).items();
            case JDBC_OBJECTS -> jdbcArticles("SELECT a.id, a.title, t.id, t.name" + TAGGED, Tag.keyOf(name));
            default -> jdbcRows("SELECT a.id, a.title, t.name" + TAGGED, Tag.keyOf(name));
        };
    }

    /** Entities, summaries or JDBC's results, as rows; a tag as "id name" where the path has its id. */
    private static List<Row> rows(List<?> result) {
        return result.stream().map(item -> {
            if (item instanceof Article a) {
                return new Row(a.getId(), a.getTitle(),
                        a.getTags().stream().map(t -> t.getId() + " " + t.getName()).toList());
            }
            if (item instanceof ArticleSummary s) {
                return new Row(s.id(), s.title(), s.tagNames());
            }
            if (item instanceof JdbcArticle a) {
                return new Row(a.id(), a.title(), a.tags().stream().map(t -> t.id() + " " + t.name()).toList());
            }
            return (Row) item;
        }).toList();
    }

    /** An article with its tags as a hand-written JDBC mapper would return it. */
    private record JdbcArticle(int id, String title, List<JdbcTag> tags) {
    }

    private record JdbcTag(int id, String name) {
    }

    /** The entities' baseline: one join mapped by hand to articles with their tags' ids and names. */
    private List<JdbcArticle> jdbcArticles(String sql, Object... parameters) throws SQLException {
        return jdbcJoin(sql, JdbcArticle::new, result -> {
            int tagId = result.getInt(3);
            return result.wasNull() ? null : new JdbcTag(tagId, result.getString(4));
        }, parameters);
    }

    /** One join (article id, title, tag name) mapped by hand to rows. */
    private List<Row> jdbcRows(String sql, Object... parameters) throws SQLException {
        return jdbcJoin(sql, Row::new, result -> result.getString(3), parameters);
    }

    private interface ArticleMapper<A, T> {
        A map(int id, String title, List<T> tags);
    }

    private interface TagMapper<T> {
        /** The row's tag, or null for an article without tags. */
        T map(ResultSet result) throws SQLException;
    }

    /**
     * An article id, its title and its tags' columns, one row per tag and ordered by article id, mapped by hand
     * on a pooled connection, in a transaction like the library's.
     */
    private <A, T> List<A> jdbcJoin(String sql, ArticleMapper<A, T> article, TagMapper<T> tag, Object... parameters)
            throws SQLException {
        try (Connection connection = jdbc.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<A> articles = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int id = 0;
                List<T> tags = null;
                while (result.next()) {
                    if (tags == null || result.getInt(1) != id) {
                        id = result.getInt(1);
                        tags = new ArrayList<>();
                        articles.add(article.map(id, result.getString(2), tags));
                    }
                    T found = tag.map(result);
                    if (found != null) {
                        tags.add(found);
                    }
                }
            }
            connection.commit();
            return articles;
        }
    }

    // ---- the kept counts on the write path ----------------------------------------------------------------

    /** Rounds of the hot writers, each path's time their median. */
    private static final int HOT_ROUNDS = 5;

    /** How a hand-written tagging keeps the tags' counts. */
    private enum Counting {
        /** It does not. */
        NONE,
        /** In one row per tag: both counts in one UPDATE first, then the links. */
        ONE_ROW,
        /** As the library does: the links, then 1 more in its connection's stripe of each tag's changes. */
        STRIPED
    }

    /**
     * What the kept tag counts cost the writers of hot tags: four threads, each tagging fresh articles with the
     * same two tags, by hand JDBC without the counts, with them in one row per tag, with them striped as the
     * library keeps them, and through {@code articles().tag} (which also finds the tags by name, reads the article
     * and returns it with its tags). The four paths alternate round by round (one warm-up round, medians of
     * {@link #HOT_ROUNDS}): run once each in a fixed order, whichever came first met the server still flushing and
     * purging what the benchmark wrote before. Deadlocks the hand JDBC met are retried and counted, the library's
     * are its statistics'. The counts are checked against the links at the end. Returns the striped hand JDBC's
     * time over the one without counts: what exact counts cost the writers.
     */
    private double hotTagCost() throws SQLException {
        database.recreateSchema();
        int threads = 4;
        int calls = threads * sizes.hotTaggings();
        int paths = Counting.values().length + 1;
        int library = paths - 1;
        int runs = (1 + HOT_ROUNDS) * paths;
        List<Integer> ids = database.articles().importArticles(IntStream.range(0, runs * calls)
                .mapToObj(i -> new NewArticle("hot " + i, List.of())).toList());
        int[] tags = {database.tags().findOrCreate("hot1").getId(), database.tags().findOrCreate("hot2").getId()};
        long[] deadlocks = new long[Counting.values().length];
        long libraryDeadlocks = database.statistics().retries().get(RetryCause.DEADLOCK);
        int[] run = {0};
        long[][] times = alternate(paths, 1, HOT_ROUNDS, path -> {
            int first = run[0]++ * calls;
            return path == library
                    ? inThreads(threads, calls, call -> database.articles().tag(ids.get(first + call), "hot1", "hot2"))
                    : inThreads(threads, calls,
                            call -> jdbcTag(ids.get(first + call), tags, Counting.values()[path], deadlocks));
        });
        libraryDeadlocks = database.statistics().retries().get(RetryCause.DEADLOCK) - libraryDeadlocks;
        // Every link is counted but the uncounted JDBC's: the kept count plus its changes not folded yet.
        int counted = (paths - 1) * runs / paths * calls;
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT t.article_count + COALESCE((SELECT SUM(d.delta)"
                     + " FROM tag_count_delta d WHERE d.tag_id = t.id AND d.counted = 'article_tag'), 0),"
                     + " (SELECT COUNT(*) FROM article_tag l WHERE l.tag_id = t.id) FROM tag t ORDER BY t.id")) {
            while (result.next()) {
                if (result.getInt(1) != counted || result.getInt(2) != runs * calls) {
                    throw new IllegalStateException("a hot tag counts " + result.getInt(1) + " of " + result.getInt(2)
                            + " links, not " + counted + " of " + runs * calls);
                }
            }
            connection.commit();
        }
        long plain = median(times[Counting.NONE.ordinal()]);
        long oneRow = median(times[Counting.ONE_ROW.ordinal()]);
        long striped = median(times[Counting.STRIPED.ordinal()]);
        long tagCalls = median(times[library]);
        double ratio = (double) striped / plain;
        report.put(String.format("%d threads tagging %,d fresh articles with two hot tags, JDBC: without counts /"
                + " one row per tag / striped; library, medians of %d", threads, calls, HOT_ROUNDS), ms(plain) + " / "
                + ms(oneRow) + " / " + ms(striped) + "; " + ms(tagCalls) + String.format(Locale.ROOT,
                " (striped %.2f×, one row %.2f×, library %.2f×; deadlocks retried: %d / %d / %d; %d)", ratio,
                (double) oneRow / plain, (double) tagCalls / plain, deadlocks[0], deadlocks[1], deadlocks[2],
                libraryDeadlocks) + "; striped / without counts by round: " + IntStream.range(0, HOT_ROUNDS)
                .mapToObj(round -> String.format(Locale.ROOT, "%.2f", (double) times[Counting.STRIPED.ordinal()][round]
                        / times[Counting.NONE.ordinal()][round])).collect(Collectors.joining(" ")));
        return ratio;
    }

    /** One hand-written tagging transaction, run again after a deadlock (counted in {@code deadlocks}). */
    private void jdbcTag(int article, int[] tags, Counting counting, long[] deadlocks) throws SQLException {
        String links = "INSERT INTO article_tag (article_id, tag_id) VALUES (?, ?), (?, ?)";
        try (Connection connection = jdbc.getConnection()) {
            while (true) {
                try {
                    if (counting == Counting.STRIPED) {
                        // As the library's own pool sends them: the links, whose foreign-key checks share-lock the
                        // tags, then 1 more in the connection's stripe of each tag's changes, in one round trip.
                        try (PreparedStatement both = connection.prepareStatement(links + ";\n"
                                + "INSERT INTO tag_count_delta (tag_id, counted, stripe, delta) VALUES"
                                + " (?, 'article_tag', CONNECTION_ID() % 16, 1), (?, 'article_tag', CONNECTION_ID() % 16, 1)"
                                + " ON DUPLICATE KEY UPDATE delta = delta + 1")) {
                            both.setInt(1, article);
                            both.setInt(2, tags[0]);
                            both.setInt(3, article);
                            both.setInt(4, tags[1]);
                            both.setInt(5, tags[0]);
                            both.setInt(6, tags[1]);
                            both.execute();
                            both.getMoreResults(); // the second statement's outcome
                        }
                    } else {
                        if (counting == Counting.ONE_ROW) {
                            try (PreparedStatement update = connection.prepareStatement(
                                    "UPDATE tag SET article_count = article_count + 1 WHERE id IN (?, ?)")) {
                                update.setInt(1, tags[0]);
                                update.setInt(2, tags[1]);
                                update.executeUpdate();
                            }
                        }
                        try (PreparedStatement insert = connection.prepareStatement(links)) {
                            insert.setInt(1, article);
                            insert.setInt(2, tags[0]);
                            insert.setInt(3, article);
                            insert.setInt(4, tags[1]);
                            insert.executeUpdate();
                        }
                    }
                    connection.commit();
                    return;
                } catch (SQLException e) {
                    connection.rollback();
                    if (e.getErrorCode() != 1213) {
                        throw e;
                    }
                    synchronized (deadlocks) {
                        deadlocks[counting.ordinal()]++;
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        void run(int call) throws Exception;
    }

    /** Runs calls 0 to {@code calls - 1} on {@code threads} threads; returns the wall time in nanoseconds. */
    private static long inThreads(int threads, int calls, Call call) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<java.util.concurrent.Future<Object>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        call.run(i);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<Object> future : done) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return System.nanoTime() - start;
    }

    // ---- streamed import ----------------------------------------------------------------------------------

    /**
     * Streams {@code streamArticles} through the library and through JDBC (one round each: it is long), and
     * reports the heap retained after a full collection at {@code heapMark} articles and at the end: flat is
     * the goal. Returns the larger of the two, in MiB.
     */
    private long streamedImport() throws SQLException {
        int count = sizes.streamArticles();
        boolean loadData = localInfileOn();
        // Library, JDBC, LOAD DATA, then the same backwards, each path's time the mean of its two runs: one run
        // each, in a fixed order, left the server's background work (flushing and purging the previous run's rows)
        // to whichever ran next, and the ratio on MariaDB 10.11 moved between 0.97 and 1.28 from run to run.
        // Path 3 is importInBatches: a transaction per 10,000 articles instead of one for all.
        int[] order = loadData ? new int[] {0, 3, 1, 2, 2, 1, 3, 0} : new int[] {0, 3, 1, 1, 3, 0};
        long[] time = new long[4];
        long[] heap = new long[2];
        for (int path : order) {
            boolean library = path == 0;
            database.recreateSchema();
            long[] paused = {0};
            long start = System.nanoTime();
            if (library) {
                long imported = database.articles().importArticles(
                        IntStream.range(0, count).mapToObj(this::article), done -> {
                            long pauseStart = System.nanoTime();
                            if (done == sizes.heapMark()) {
                                heap[0] = Math.max(heap[0], retainedHeapMib());
                            }
                            if (done % (count / 4) == 0) {
                                System.out.printf("streamed import: %,d of %,d articles%n", done, count);
                            }
                            paused[0] += System.nanoTime() - pauseStart; // the measuring is not the import's
                        });
                if (imported != count) {
                    throw new IllegalStateException("imported " + imported + " of " + count);
                }
            } else if (path == 3) {
                long imported = database.articles().importInBatches(IntStream.range(0, count)
                        .mapToObj(this::article), Progress.NONE);
                if (imported != count) {
                    throw new IllegalStateException("imported in batches " + imported + " of " + count);
                }
            } else if (path == 1) {
                jdbcImport(IntStream.range(0, count).mapToObj(this::article).iterator());
            } else {
                loadDataImport(count);
            }
            time[path] += System.nanoTime() - start - paused[0];
            if (library) {
                heap[1] = Math.max(heap[1], retainedHeapMib());
            }
            checkCounts(count);
        }
        database.recreateSchema();
        double ratio = (double) time[0] / time[1];
        report.put(String.format("streamed import of %,d articles with %,d links: library / pooled JDBC, means of 2",
                count, (long) count * sizes.tagsPerArticle()), ms(time[0] / 2) + " / " + ms(time[1] / 2)
                + String.format(Locale.ROOT, " (ratio %.2f)", ratio));
        loadDataRatio = loadData ? (double) time[0] / time[2] : Double.NaN;
        report.put("  the same rows by LOAD DATA LOCAL INFILE (counts included): library / LOAD DATA, means of 2",
                loadData ? ms(time[0] / 2) + " / " + ms(time[2] / 2) + String.format(Locale.ROOT, " (ratio %.2f)",
                        loadDataRatio) : "not run: the server's local_infile is OFF (start it with --local-infile=1)");
        report.put("  the same rows by importInBatches (a transaction per 10,000): batches / one transaction, means of 2",
                ms(time[3] / 2) + " / " + ms(time[0] / 2) + String.format(Locale.ROOT, " (ratio %.2f)",
                        (double) time[3] / time[0]));
        report.put(String.format("  heap retained at %,d and at %,d articles (-Xmx%dm)", sizes.heapMark(), count,
                Runtime.getRuntime().maxMemory() >> 20), heap[0] + " MiB / " + heap[1] + " MiB");
        return Math.max(heap[0], heap[1]);
    }

    private boolean localInfileOn() throws SQLException {
        return firstRow("SELECT @@GLOBAL.local_infile", result -> result.getBoolean(1));
    }

    /** What {@code read} takes from the first row of {@code sql}'s result, read on a pooled connection. */
    private <V> V firstRow(String sql, RowReader<V> read) throws SQLException {
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            V value = read.read(result);
            connection.commit();
            return value;
        }
    }

    private interface RowReader<V> {
        V read(ResultSet row) throws SQLException;
    }

    /**
     * The server's own bulk path for the same rows: the articles, the tags with their counts (counted while the
     * articles went out), then the links, each one {@code LOAD DATA LOCAL INFILE} streamed from the generator, ids
     * given, in one transaction, on a connection of its own that allows it ({@code allowLoadLocalInfile}, which
     * the library's pool never sets: with it, a server may ask for any file the client can read).
     */
    private void loadDataImport(int count) throws SQLException {
        Properties properties = new Properties();
        Database.DRIVER_PROPERTIES.forEach(properties::setProperty);
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("allowLoadLocalInfile", "true");
        try (Connection connection = DriverManager.getConnection(settings.url(), properties)) {
            connection.setAutoCommit(false);
            Map<String, Integer> tagIds = new LinkedHashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            loadData(connection, "article", "id, title", IntStream.range(0, count).mapToObj(i -> {
                NewArticle article = article(i);
                article.tagNames().forEach(tag -> {
                    tagIds.putIfAbsent(tag, tagIds.size() + 1);
                    counts.merge(tag, 1, Integer::sum);
                });
                return (i + 1) + "\t" + LoadData.escaped(article.title());
            }).iterator());
            loadData(connection, "tag", "id, name, name_key, article_count", tagIds.entrySet().stream()
                    .map(tag -> tag.getValue() + "\t" + LoadData.escaped(tag.getKey()) + "\t"
                            + LoadData.escaped(Tag.keyOf(tag.getKey())) + "\t" + counts.get(tag.getKey())).iterator());
            loadData(connection, "article_tag", "article_id, tag_id", IntStream.range(0, count).boxed()
                    .flatMap(i -> article(i).tagNames().stream().map(tag -> (i + 1) + "\t" + tagIds.get(tag)))
                    .iterator());
            connection.commit();
        }
    }

    private static void loadData(Connection connection, String table, String columns, java.util.Iterator<String> lines)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.unwrap(com.mysql.cj.jdbc.JdbcStatement.class).setLocalInfileInputStream(new LoadData(lines));
            statement.execute("LOAD DATA LOCAL INFILE 'stream' INTO TABLE " + table + " CHARACTER SET utf8mb4 ("
                    + columns + ")");
        }
    }

    private void checkCounts(int count) throws SQLException {
        long[] found = firstRow("SELECT (SELECT COUNT(*) FROM article), (SELECT COUNT(*) FROM article_tag)",
                result -> new long[] {result.getLong(1), result.getLong(2)});
        if (found[0] != count || found[1] != (long) count * sizes.tagsPerArticle()) {
            throw new IllegalStateException("expected " + count + " articles, found " + found[0] + " articles and "
                    + found[1] + " links");
        }
    }

    private static long retainedHeapMib() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    // ---- statements, counted at the DataSource -----------------------------------------------------------

    private long pageStatements() {
        database.recreateSchema();
        database.articles().importArticles(data(sizes.pageSize() * 2));
        try (CountingDataSource counter = new CountingDataSource(settings);
             Database counted = Database.open(counter.dataSource())) {
            counter.reset();
            int size = counted.articles().findPage(null, 100).items().size();
            report.put("statements for a page of " + size + " articles with their tags", String.valueOf(counter.statements()));
            return counter.statements();
        }
    }

    /** Statements for the tutorial's scenario, and the INSERTs the server counted, to check. */
    private long sampleStatements() throws SQLException {
        database.recreateSchema();
        long insertsBefore = serverInserts();
        long statements;
        try (CountingDataSource counter = new CountingDataSource(settings);
             Database counted = Database.open(counter.dataSource())) {
            counter.reset();
            SampleData.persist(counted);
            statements = counter.statements();
        }
        long inserts = serverInserts() - insertsBefore;
        report.put("statements for the tutorial's sample (SQLAlchemy: 5; the library adds a count update per article)",
                statements + " (the server counted " + inserts + " INSERTs)");
        return statements;
    }

    private long serverInserts() throws SQLException {
        return firstRow("SHOW GLOBAL STATUS LIKE 'Com_insert'", result -> result.getLong(2));
    }

    // ---- rounds and figures -------------------------------------------------------------------------------

    /** A timed path: returns nanoseconds. */
    @FunctionalInterface
    private interface Timed {
        long run(int path) throws SQLException;
    }

    /**
     * Runs every path once per round, rotating which goes first so that none always meets a warmer server; the
     * warm-up rounds run but are not kept. Returns times[path][round].
     */
    private static long[][] alternate(int paths, int warmups, int rounds, Timed timed) throws SQLException {
        long[][] times = new long[paths][rounds];
        for (int round = -warmups; round < rounds; round++) {
            for (int turn = 0; turn < paths; turn++) {
                int path = Math.floorMod(round + turn, paths);
                long elapsed = timed.run(path);
                if (round >= 0) {
                    times[path][round] = elapsed;
                }
            }
        }
        return times;
    }

    /** The middle value of an odd number of rounds. */
    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double ratio(long[] library, long[] baseline) {
        return (double) median(library) / median(baseline);
    }

    private static String medians(long[] library, long[] baseline, double ratio) {
        return ms(median(library)) + " / " + ms(median(baseline)) + String.format(Locale.ROOT, " (ratio %.2f)", ratio);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
