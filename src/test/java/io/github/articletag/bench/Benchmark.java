package io.github.articletag.bench;

import io.github.articletag.demo.EmbeddedMariaDb;
import io.github.articletag.domain.Article;
import io.github.articletag.domain.Tag;
import io.github.articletag.persistence.ArticleSummary;
import io.github.articletag.persistence.ConnectionSettings;
import io.github.articletag.persistence.Database;
import io.github.articletag.persistence.NewArticle;
import io.github.articletag.persistence.SampleData;

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
import java.util.Random;

/**
 * The library against hand-written JDBC on the same server, in one process, alternating the two paths round
 * by round and reporting medians. Run by {@code ./mvnw -q test-compile exec:exec@bench} (add
 * {@code -Dbench.mode=quick} for the small sizes CI uses); on the embedded MariaDB unless {@code DB_URL} is set.
 * The JVM is started with {@code -Xmx256m}, which the memory part needs to stay within.
 */
public final class Benchmark {

    private record Sizes(int articles, int vocabulary, int tagsPerArticle, int rounds, int pages, int pageSize,
                         int taggedQueries, int memoryArticles) {
    }

    private static final Sizes FULL = new Sizes(10_000, 1_000, 5, 5, 100, 100, 100, 100_000);
    private static final Sizes QUICK = new Sizes(500, 100, 5, 2, 5, 100, 10, 5_000);

    /** What a page read produces, by either path: an article and its tags' names. */
    private record Row(int id, String title, List<String> tags) {
    }

    private final Sizes sizes;
    private final Database database;
    private final ConnectionSettings settings;
    private final Map<String, String> report = new LinkedHashMap<>();

    private Benchmark(Sizes sizes, Database database, ConnectionSettings settings) {
        this.sizes = sizes;
        this.database = database;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("quick");
        Sizes sizes = quick ? QUICK : FULL;
        Optional<ConnectionSettings> given = ConnectionSettings.fromEnvironment();
        EmbeddedMariaDb embedded = given.isPresent() ? null : EmbeddedMariaDb.start("articletag_bench");
        // Not given.orElseGet(embedded::connectionSettings): that method reference dereferences a null embedded.
        ConnectionSettings settings = embedded == null ? given.get() : embedded.connectionSettings();
        // Statistics cost time on every load: the timed runs go without them, the statement counts use a second
        // Database that has them.
        try (Database database = Database.open(settings)) {
            System.out.printf("benchmark (%s) on %s, JDK %s, %d cores, max heap %d MiB%n", quick ? "quick" : "full",
                    database.server(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            new Benchmark(sizes, database, settings).run();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private void run() throws SQLException {
        List<NewArticle> data = data(sizes.articles());
        double importRatio = importRatio(data);
        double readRatio = readRatio(data);
        int pageStatements = pageStatements();
        int sampleStatements = sampleStatements();
        memory();
        double popularRatio = popularRatio();

        System.out.println();
        report.forEach((what, figure) -> System.out.printf("%-90s %s%n", what, figure));
        System.out.printf(Locale.ROOT, "RESULT import_ratio=%.2f read_ratio=%.2f popular_ratio=%.2f page_statements=%d"
                + " sample_statements=%d%n", importRatio, readRatio, popularRatio, pageStatements, sampleStatements);
    }

    /** The same articles for every round: titles and tags drawn from the vocabulary with a fixed seed. */
    private List<NewArticle> data(int articles) {
        Random random = new Random(42);
        List<NewArticle> data = new ArrayList<>(articles);
        for (int i = 0; i < articles; i++) {
            List<String> tags = new ArrayList<>();
            while (tags.size() < sizes.tagsPerArticle()) {
                String tag = "tag" + random.nextInt(sizes.vocabulary());
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            data.add(new NewArticle("article " + i, tags));
        }
        return data;
    }

    private double importRatio(List<NewArticle> data) throws SQLException {
        long[] library = new long[sizes.rounds()];
        long[] jdbc = new long[sizes.rounds()];
        for (int round = 0; round < sizes.rounds(); round++) {
            // Alternate which path goes first, so that neither always meets a warmer server.
            for (int turn = 0; turn < 2; turn++) {
                boolean libraryTurn = (round + turn) % 2 == 0;
                database.recreateSchema();
                long start = System.nanoTime();
                List<Integer> ids = libraryTurn ? database.articles().importArticles(data) : jdbcImport(data);
                long elapsed = System.nanoTime() - start;
                (libraryTurn ? library : jdbc)[round] = elapsed;
                verifyImport(data, ids);
            }
        }
        int links = data.size() * sizes.tagsPerArticle();
        report.put(String.format("import %d articles, %d links: library median", data.size(), links), ms(median(library)));
        report.put("import: plain JDBC median", ms(median(jdbc)));
        return (double) median(library) / median(jdbc);
    }

    /** The ids a path reports are the ids the rows have, and every row is there. */
    private void verifyImport(List<NewArticle> data, List<Integer> ids) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            Map<Integer, String> titles = new HashMap<>();
            try (ResultSet result = statement.executeQuery("SELECT id, title FROM article")) {
                while (result.next()) {
                    titles.put(result.getInt(1), result.getString(2));
                }
            }
            for (int i = 0; i < data.size(); i++) {
                if (!data.get(i).title().equals(titles.get(ids.get(i)))) {
                    throw new IllegalStateException("id " + ids.get(i) + " reported for '" + data.get(i).title()
                            + "' holds '" + titles.get(ids.get(i)) + "'");
                }
            }
            try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM article_tag")) {
                result.next();
                if (result.getLong(1) != (long) data.size() * sizes.tagsPerArticle()) {
                    throw new IllegalStateException("expected " + data.size() * sizes.tagsPerArticle()
                            + " links, found " + result.getLong(1));
                }
            }
        }
    }

    /** The fastest plain JDBC for the same rows: batched multi-row inserts, generated keys read back. */
    private List<Integer> jdbcImport(List<NewArticle> data) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); // as the library's pool
            Map<String, Integer> tagIds = new HashMap<>();
            List<String> vocabulary = data.stream().flatMap(a -> a.tagNames().stream()).distinct().toList();
            List<Integer> keys = insertBatched(connection, "INSERT INTO tag (name, name_key) VALUES (?, ?)",
                    vocabulary.stream().map(name -> new String[] {name, Tag.keyOf(name)}).toList());
            for (int i = 0; i < vocabulary.size(); i++) {
                tagIds.put(vocabulary.get(i), keys.get(i));
            }
            List<Integer> ids = insertBatched(connection, "INSERT INTO article (title) VALUES (?)",
                    data.stream().map(article -> new String[] {article.title()}).toList());
            try (PreparedStatement links = connection.prepareStatement(
                    "INSERT INTO article_tag (article_id, tag_id) VALUES (?, ?)")) {
                int pending = 0;
                for (int i = 0; i < data.size(); i++) {
                    for (String tag : data.get(i).tagNames()) {
                        links.setInt(1, ids.get(i));
                        links.setInt(2, tagIds.get(tag));
                        links.addBatch();
                        if (++pending == 1000) {
                            links.executeBatch();
                            pending = 0;
                        }
                    }
                }
                links.executeBatch();
            }
            connection.commit();
            return ids;
        }
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

    private double readRatio(List<NewArticle> data) throws SQLException {
        database.recreateSchema();
        database.articles().importArticles(data);
        List<String> tagNames = new ArrayList<>();
        for (int i = 0; i < sizes.taggedQueries(); i++) {
            tagNames.add("tag" + (i * sizes.vocabulary() / sizes.taggedQueries()));
        }
        // Three paths, rotated round by round: summaries and entities through the library, and plain JDBC.
        long[][] times = new long[3][sizes.rounds()];
        long[] checksums = new long[3];
        for (int round = 0; round < sizes.rounds(); round++) {
            for (int turn = 0; turn < 3; turn++) {
                int path = (round + turn) % 3;
                long start = System.nanoTime();
                long checksum = 0;
                for (int page = 0; page < sizes.pages(); page++) {
                    checksum += checksum(readPage(path, page));
                }
                for (String name : tagNames) {
                    checksum += checksum(readTagged(path, name));
                }
                times[path][round] = System.nanoTime() - start;
                checksums[path] = checksum;
            }
        }
        if (checksums[0] != checksums[2] || checksums[1] != checksums[2]) {
            throw new IllegalStateException("the read paths returned different data");
        }
        String what = String.format("read %d pages of %d + 'tagged X' for %d tags", sizes.pages(), sizes.pageSize(),
                tagNames.size());
        report.put(what + ": library summaries, median", ms(median(times[0])));
        report.put(what + ": library entities, median", ms(median(times[1]))
                + String.format(Locale.ROOT, " (ratio %.2f)", (double) median(times[1]) / median(times[2])));
        report.put(what + ": plain JDBC join, mapped by hand, median", ms(median(times[2])));
        return (double) median(times[0]) / median(times[2]);
    }

    private List<Row> readPage(int path, int page) throws SQLException {
        return switch (path) {
            case 0 -> summaryRows(database.articles().summarizePage(page * sizes.pageSize(), sizes.pageSize()));
            case 1 -> libraryPage(page);
            default -> jdbcPage(page);
        };
    }

    private List<Row> readTagged(int path, String name) throws SQLException {
        return switch (path) {
            case 0 -> summaryRows(database.articles().summarizeTagged(name));
            case 1 -> libraryTagged(name);
            default -> jdbcTagged(name);
        };
    }

    private static List<Row> summaryRows(List<ArticleSummary> summaries) {
        return summaries.stream().map(s -> new Row(s.id(), s.title(), s.tagNames())).toList();
    }

    private List<Row> libraryPage(int page) {
        return rows(database.articles().findPage(page * sizes.pageSize(), sizes.pageSize()));
    }

    private List<Row> libraryTagged(String name) {
        return rows(database.articles().findTagged(name));
    }

    private static List<Row> rows(List<Article> articles) {
        return articles.stream().map(a -> new Row(a.getId(), a.getTitle(),
                a.getTags().stream().map(Tag::getName).toList())).toList();
    }

    private List<Row> jdbcPage(int page) throws SQLException {
        return jdbcRows("""
                SELECT a.id, a.title, t.name FROM (SELECT id, title FROM article ORDER BY id LIMIT ? OFFSET ?) a
                LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id ORDER BY a.id""",
                sizes.pageSize(), page * sizes.pageSize());
    }

    private List<Row> jdbcTagged(String name) throws SQLException {
        return jdbcRows("""
                SELECT a.id, a.title, t.name FROM article a
                LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id
                WHERE a.id IN (SELECT x.article_id FROM article_tag x JOIN tag y ON y.id = x.tag_id WHERE y.name_key = ?)
                ORDER BY a.id""", Tag.keyOf(name));
    }

    private Connection jdbcReads;

    private List<Row> jdbcRows(String sql, Object... parameters) throws SQLException {
        if (jdbcReads == null) {
            jdbcReads = connect();
        }
        try (PreparedStatement statement = jdbcReads.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                Row current = null;
                while (result.next()) {
                    int id = result.getInt(1);
                    if (current == null || current.id() != id) {
                        current = new Row(id, result.getString(2), new ArrayList<>());
                        rows.add(current);
                    }
                    String tag = result.getString(3);
                    if (tag != null) {
                        current.tags().add(tag);
                    }
                }
            }
            return rows;
        }
    }

    private static long checksum(List<Row> rows) {
        long sum = 0;
        for (Row row : rows) {
            sum += row.id() * 31L + row.title().length() + row.tags().stream().mapToLong(String::hashCode).sum();
        }
        return sum;
    }

    private int pageStatements() {
        try (Database counting = Database.open(settings, Map.of("hibernate.generate_statistics", "true"))) {
            counting.articles().findPage(0, 100);
            int statements = (int) counting.sessionFactory().getStatistics().getPrepareStatementCount();
            report.put("statements for a page of 100 articles with tags", String.valueOf(statements));
            return statements;
        }
    }

    /** Statements Hibernate prepares for the tutorial's scenario, and INSERTs the server counted, to check. */
    private int sampleStatements() throws SQLException {
        database.recreateSchema();
        long insertsBefore = serverInserts();
        int statements;
        try (Database counting = Database.open(settings, Map.of("hibernate.generate_statistics", "true"))) {
            SampleData.persist(counting);
            statements = (int) counting.sessionFactory().getStatistics().getPrepareStatementCount();
        }
        long inserts = serverInserts() - insertsBefore;
        report.put("statements for the tutorial's sample (SQLAlchemy: 5)",
                statements + " (server counted " + inserts + " INSERTs)");
        return statements;
    }

    private long serverInserts() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_insert'")) {
            result.next();
            return result.getLong(2);
        }
    }

    private void memory() {
        database.recreateSchema();
        List<NewArticle> data = data(sizes.memoryArticles());
        long start = System.nanoTime();
        List<Integer> ids = database.articles().importArticles(data);
        long elapsed = System.nanoTime() - start;
        if (ids.size() != data.size()) {
            throw new IllegalStateException("memory import returned " + ids.size() + " ids");
        }
        Runtime runtime = Runtime.getRuntime();
        report.put(String.format("import %d articles, %d links within -Xmx%dm", data.size(),
                        data.size() * sizes.tagsPerArticle(), runtime.maxMemory() >> 20),
                "completed in " + ms(elapsed) + ", heap in use after " + ((runtime.totalMemory() - runtime.freeMemory()) >> 20) + " MiB");
    }

    /**
     * A popular tag: loading the tag with its articles ({@code findWithArticles}) against loading the same
     * articles with their tags ({@code findTagged}). Linear time is the goal; with entities in a HashSet under
     * a constant hash it was quadratic (13 s for 60,000 articles).
     */
    private double popularRatio() {
        database.recreateSchema();
        List<NewArticle> data = new ArrayList<>(sizes.memoryArticles());
        for (int i = 0; i < sizes.memoryArticles(); i++) {
            data.add(new NewArticle("popular " + i, List.of("popular")));
        }
        database.articles().importArticles(data);
        int tagId = database.tags().findByName("popular").orElseThrow().getId();
        long[] tag = new long[sizes.rounds()];
        long[] tagged = new long[sizes.rounds()];
        for (int round = 0; round < sizes.rounds(); round++) {
            long start = System.nanoTime();
            int viaTag = database.tags().findWithArticles(tagId).orElseThrow().getArticles().size();
            tag[round] = System.nanoTime() - start;
            start = System.nanoTime();
            int viaArticles = database.articles().findTagged("popular").size();
            tagged[round] = System.nanoTime() - start;
            if (viaTag != data.size() || viaArticles != data.size()) {
                throw new IllegalStateException("the popular tag has " + viaTag + " and " + viaArticles + " articles");
            }
        }
        double ratio = (double) median(tag) / median(tagged);
        report.put(String.format("a tag with %d articles: findWithArticles / findTagged, medians", data.size()),
                ms(median(tag)) + " / " + ms(median(tagged)) + String.format(Locale.ROOT, " (ratio %.2f)", ratio));
        return ratio;
    }

    private Connection connect() throws SQLException {
        // The same driver settings as the library's pool, so that only the code path differs.
        String url = settings.url() + (settings.url().contains("?") ? "&" : "?")
                + "rewriteBatchedStatements=true&characterEncoding=UTF-8&cachePrepStmts=true"
                + "&useLocalSessionState=true&useLocalTransactionState=true";
        return DriverManager.getConnection(url, settings.user(), settings.password());
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
