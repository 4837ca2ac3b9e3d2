package io.github.articletag.bench;

import io.github.articletag.Article;
import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;
import io.github.articletag.NewArticle;
import io.github.articletag.Tag;
import io.github.articletag.TaggedRepository;
import io.github.articletag.own.OwnSchema;
import io.github.articletag.own.Post;
import io.github.articletag.own.Product;
import io.github.articletag.testing.CountingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The calls a user makes one at a time, each beside hand JDBC doing the same work with the same guarantees
 * (READ COMMITTED, one transaction, names reaching a tag through its aliases, kept counts changed before the
 * links, no link lost or doubled, a deadlock run again), over pools with the same driver settings; 1 and 4
 * threads, warm, medians of the rounds; statements per call counted at the DataSource for both sides. Every call
 * works on rows of its own (a fresh article, a fresh name), so rounds do not see each other's work.
 */
final class Writes {

    private static final int THREADS = 4;
    /** Names the "existing name" calls pick from, on every article they tag. */
    private static final int SHARED = 20;
    private static final int COUNTED_CALLS = 20;

    private final Database database;
    private final DataSource jdbc;
    private final ConnectionSettings settings;
    private final int calls;
    private final int warmups;
    private final int rounds;
    private final Map<String, String> report = new LinkedHashMap<>();
    private final AtomicInteger fresh = new AtomicInteger();
    private List<Integer> articles;
    private final AtomicInteger nextArticle = new AtomicInteger();
    private double worstRatio;
    private long worstStatements;

    Writes(Database database, DataSource jdbc, ConnectionSettings settings, int calls, int warmups, int rounds) {
        this.database = database;
        this.jdbc = jdbc;
        this.settings = settings;
        this.calls = calls;
        this.warmups = warmups;
        this.rounds = rounds;
    }

    /** One call of one side: {@code i} is unique across every call of the run. */
    @FunctionalInterface
    private interface Call {
        void run(Database library, DataSource hand, int i) throws Exception;
    }

    /** A call, its hand version, and what makes the rows {@code count} calls of either need (untimed). */
    private record Pair(String name, Call library, Call hand, Per prepare) {

        Pair(String name, Call library, Call hand) {
            this(name, library, hand, count -> { });
        }
    }

    /** Runs it all: the report's lines, then the figures for the RESULT line. */
    Map<String, String> run() throws SQLException {
        database.recreateSchema();
        int perCall = (warmups + rounds) * calls * 2 * 2 + 2 * COUNTED_CALLS; // both sides, 1 and 4 threads
        List<Pair> pairs = pairs();
        articles = database.articles().importArticles(IntStream.range(0, perCall * (pairs.size() - POST_PAIRS))
                .mapToObj(i -> new NewArticle("article " + i, List.of("shared" + i % SHARED))).toList());
        executeAll(OwnSchema.APPLICATION_TABLES);
        try (CountingDataSource countedLibrary = new CountingDataSource(settings);
             CountingDataSource countedHand = new CountingDataSource(settings);
             Database counted = Database.open(countedLibrary.dataSource());
             Database own = ownDatabase = Database.open(jdbc, Map.of(), OWN_TYPES);
             Database ownCounted = Database.open(countedLibrary.dataSource(), Map.of(), OWN_TYPES)) {
            own.createSchema(); // the library's tables are there: only the posts' and products' link and count tables
            postsOf.put(database, own.tagged(Post.class));
            postsOf.put(counted, ownCounted.tagged(Post.class));
            posts = own.tagged(Post.class).saveAll(IntStream.range(0, perCall * POST_PAIRS).mapToObj(i -> {
                Post post = new Post("post " + i, "body", "ana", Instant.parse("2026-12-01T10:00:00Z"));
                post.addTag(new Tag("shared" + i % SHARED));
                return post;
            }).toList()).stream().map(Post::getId).toList();
            measure(pairs, counted, countedLibrary, countedHand);
        } finally {
            executeAll(List.of("DROP TABLE IF EXISTS post_tag, post_tag_count, product_tag, product_tag_count, post,"
                    + " product"));
        }
        return report;
    }

    /** Times each pair on 1 and 4 threads, and counts its statements. */
    private void measure(List<Pair> pairs, Database counted, CountingDataSource countedLibrary,
                         CountingDataSource countedHand) {
        for (Pair pair : pairs) {
            double[] ratios = new double[2];
            String[] figures = new String[2];
            for (int t = 0; t < 2; t++) {
                int threads = t == 0 ? 1 : THREADS;
                long[][] times = new long[2][rounds];
                long libraryRetries = libraryRetries();
                long handRetries = HAND_RETRIES.get();
                for (int round = -warmups; round < rounds; round++) {
                    for (int turn = 0; turn < 2; turn++) {
                        int side = Math.floorMod(round + turn, 2);
                        Call call = side == 0 ? pair.library() : pair.hand();
                        prepare(pair, calls);
                        long elapsed = inThreads(threads, i -> call.run(database, jdbc, i));
                        if (round >= 0) {
                            times[side][round] = elapsed;
                        }
                    }
                }
                double library = median(times[0]) / 1e3 / calls;
                double hand = median(times[1]) / 1e3 / calls;
                ratios[t] = library / hand;
                figures[t] = String.format(Locale.ROOT, "%.0f / %.0f µs (%.2f×, retries %d / %d)", library, hand,
                        ratios[t], libraryRetries() - libraryRetries, HAND_RETRIES.get() - handRetries);
            }
            prepare(pair, COUNTED_CALLS);
            long libraryStatements = statements(countedLibrary, i -> pair.library().run(counted, null, i));
            prepare(pair, COUNTED_CALLS);
            long handStatements = statements(countedHand, i -> pair.hand().run(null, countedHand.dataSource(), i));
            worstRatio = Math.max(worstRatio, ratios[1]);
            worstStatements = Math.max(worstStatements, libraryStatements);
            report.put(String.format("write: %-58s 1 thread %s, %d threads %s; statements %d / %d", pair.name(),
                    figures[0], THREADS, figures[1], libraryStatements, handStatements), "");
        }
    }

    /** The retries of the library's timed calls, on articles and on posts. */
    private long libraryRetries() {
        return database.retries() + ownDatabase.retries();
    }

    private void executeAll(List<String> statements) throws SQLException {
        try (Connection connection = jdbc.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        }
    }

    private static void prepare(Pair pair, int count) {
        try {
            pair.prepare().run(count);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code write_ratio=… write_statements=…}: the worst 4-thread ratio, the most statements of a call. */
    String result() {
        return String.format(Locale.ROOT, "write_ratio=%.2f write_statements=%d", worstRatio, worstStatements);
    }

    private long statements(CountingDataSource counter, Per call) {
        counter.reset();
        try {
            for (int c = 0; c < COUNTED_CALLS; c++) {
                call.run(fresh.getAndIncrement());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Math.round((double) counter.statements() / COUNTED_CALLS);
    }

    @FunctionalInterface
    private interface Per {
        void run(int i) throws Exception;
    }

    /** Runs {@link #calls} calls on {@code threads} threads; returns the wall time in nanoseconds. */
    private long inThreads(int threads, Per call) {
        AtomicInteger left = new AtomicInteger(calls);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<Object>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        call.run(fresh.getAndIncrement());
                    }
                    return null;
                }));
            }
            for (Future<Object> future : done) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A fresh article: carries "shared(i % SHARED)" and nothing else, and no call has touched it. */
    private int article() {
        return articles.get(nextArticle.getAndIncrement());
    }

    // ---- the calls ------------------------------------------------------------------------------------------

    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        pairs.add(new Pair("tag(article, new name)",
                (db, ds, i) -> db.articles().tag(article(), "new" + i),
                (db, ds, i) -> handTag(ds, article(), "new" + i)));
        pairs.add(new Pair("tag(article, existing name)",
                (db, ds, i) -> db.articles().tag(article(), "other" + i % SHARED),
                (db, ds, i) -> handTag(ds, article(), "other" + i % SHARED)));
        pairs.add(new Pair("untag(article, name)",
                (db, ds, i) -> untagOwn(db),
                (db, ds, i) -> handUntagOwn(ds)));
        pairs.add(new Pair("save(new article with 5 tags, 2 existing)",
                (db, ds, i) -> db.articles().save(newArticle(i)),
                (db, ds, i) -> handSaveNew(ds, i)));
        pairs.add(new Pair("save(loaded article, 1 tag added, 1 removed)",
                (db, ds, i) -> saveLoaded(db, i), (db, ds, i) -> handSaveLoaded(ds, i), this::load));
        pairs.add(new Pair("tags().findOrCreate(new name)",
                (db, ds, i) -> db.tags().findOrCreate("made" + i),
                (db, ds, i) -> handFindOrCreate(ds, "made" + i)));
        pairs.add(new Pair("tags().findOrCreate(existing name)",
                (db, ds, i) -> db.tags().findOrCreate("shared" + i % SHARED),
                (db, ds, i) -> handFindOrCreate(ds, "shared" + i % SHARED)));
        pairs.add(new Pair("tags().rename(tag, new name)",
                (db, ds, i) -> db.tags().rename(toRename.remove(), "renamed" + i),
                (db, ds, i) -> handRename(ds, toRename.remove(), "renamed" + i), this::makeTags));
        // The application's own Post (its columns, a @Version): the same calls on a second tagged type.
        pairs.add(new Pair("posts.tag(post, existing name)",
                (db, ds, i) -> postsOf.get(db).tag(post(), "other" + i % SHARED),
                (db, ds, i) -> handTagPost(ds, post(), "other" + i % SHARED)));
        pairs.add(new Pair("posts.save(read post, its body and 1 tag changed)",
                (db, ds, i) -> saveReadPost(postsOf.get(db), i), (db, ds, i) -> handSaveReadPost(ds, i),
                this::readPosts));
        return pairs;
    }

    /** The pairs on posts, at the end of {@link #pairs()}: each takes its own fresh posts. */
    private static final int POST_PAIRS = 2;
    private static final List<Class<?>> OWN_TYPES = List.of(Post.class, Product.class);
    /** The posts' repository of each library database the pairs are given (timed, and counted). */
    private final Map<Database, TaggedRepository<Post>> postsOf = new java.util.concurrent.ConcurrentHashMap<>();
    private List<Long> posts;
    /** The library opened with the posts' type, for the timed calls. */
    private Database ownDatabase;
    private final AtomicInteger nextPost = new AtomicInteger();
    /** Fresh posts, read with their tags, for the save calls. */
    private final Queue<Post> readPosts = new ConcurrentLinkedQueue<>();

    /** A fresh post: carries "shared(i % SHARED)" and nothing else, and no call has touched it. */
    private long post() {
        return posts.get(nextPost.getAndIncrement());
    }

    private void readPosts(int count) {
        for (int c = 0; c < count; c++) {
            readPosts.add(postsOf.get(database).findWithTags(post()).orElseThrow());
        }
    }

    private void saveReadPost(TaggedRepository<Post> repository, int i) {
        Post post = readPosts.remove();
        post.setBody("body " + i);
        post.addTag(new Tag("other" + i % SHARED));
        repository.save(post);
    }

    private void handSaveReadPost(DataSource ds, int i) throws SQLException {
        Post post = readPosts.remove();
        transaction(ds, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE post SET body = ?, version = version + 1 WHERE id = ? AND version = ?")) {
                update.setString(1, "body " + i);
                update.setLong(2, post.getId());
                update.setInt(3, post.getVersion());
                if (update.executeUpdate() == 0) {
                    throw new SQLException("post " + post.getId() + " was changed meanwhile");
                }
            }
            linkPost(connection, post.getId(), findOrCreate(connection, "other" + i % SHARED));
            return null;
        });
    }

    /** What posts.tag does by hand: the tag, its count for posts, the link, the post with its tags. */
    private static void handTagPost(DataSource ds, long post, String name) throws SQLException {
        transaction(ds, connection -> {
            linkPost(connection, post, findOrCreate(connection, name));
            try (PreparedStatement select = connection.prepareStatement("SELECT p.id, p.title, p.body, p.author,"
                    + " p.published_at, p.version, t.id, t.name FROM post p LEFT JOIN post_tag l ON l.post_id = p.id"
                    + " LEFT JOIN tag t ON t.id = l.tag_id WHERE p.id = ?")) {
                select.setLong(1, post);
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Object[] {result.getString(2), result.getString(3), result.getString(4),
                                result.getTimestamp(5), result.getInt(6), result.getInt(7), result.getString(8)});
                    }
                }
                return rows;
            }
        });
    }

    /** Links a post to a tag it may have already: the posts' count first, put back if the link was there. */
    private static void linkPost(Connection connection, long post, int tag) throws SQLException {
        countPost(connection, tag, 1);
        try (PreparedStatement link = connection.prepareStatement("INSERT INTO post_tag (post_id, tag_id)"
                + " SELECT ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM post_tag WHERE post_id = ? AND tag_id = ?)")) {
            link.setLong(1, post);
            link.setInt(2, tag);
            link.setLong(3, post);
            link.setInt(4, tag);
            if (link.executeUpdate() == 0) {
                countPost(connection, tag, -1);
            }
        }
    }

    private static void countPost(Connection connection, int tagId, int delta) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO post_tag_count (tag_id, tagged)"
                + " VALUES (?, ?) ON DUPLICATE KEY UPDATE tagged = tagged + ?")) {
            upsert.setInt(1, tagId);
            upsert.setInt(2, delta);
            upsert.setInt(3, delta);
            upsert.executeUpdate();
        }
    }

    // Untag works on a fresh article's own tag; save-loaded and rename on rows made before the call (untimed).

    private void untagOwn(Database db) {
        int index = nextArticle.getAndIncrement();
        db.articles().untag(articles.get(index), "shared" + index % SHARED);
    }

    private void handUntagOwn(DataSource ds) throws SQLException {
        int index = nextArticle.getAndIncrement();
        handUntag(ds, articles.get(index), "shared" + index % SHARED);
    }

    private static Article newArticle(int i) {
        Article article = new Article("new " + i);
        for (String name : fiveNames(i)) {
            article.addTag(new Tag(name));
        }
        return article;
    }

    /** Two names of tags that exist, three new ones. */
    private static List<String> fiveNames(int i) {
        return List.of("shared" + i % SHARED, "shared" + (i + 1) % SHARED, "n" + i + "a", "n" + i + "b", "n" + i + "c");
    }

    /** Fresh articles, loaded with their tags, for the save-loaded calls. */
    private final Queue<Article> loaded = new ConcurrentLinkedQueue<>();
    /** Fresh tags, for the rename calls. */
    private final Queue<Integer> toRename = new ConcurrentLinkedQueue<>();

    private void load(int count) {
        for (int c = 0; c < count; c++) {
            loaded.add(database.articles().findWithTags(article()).orElseThrow());
        }
    }

    private void makeTags(int count) {
        for (int c = 0; c < count; c++) {
            toRename.add(database.tags().findOrCreate("to rename " + fresh.getAndIncrement()).getId());
        }
    }

    private void saveLoaded(Database db, int i) {
        Article article = loaded.remove();
        article.removeTag(article.getTags().iterator().next());
        article.addTag(new Tag("other" + i % SHARED));
        db.articles().save(article);
    }

    private void handSaveLoaded(DataSource ds, int i) throws SQLException {
        Article article = loaded.remove();
        handChangeLinks(ds, article.getId(), "other" + i % SHARED, article.getTags().iterator().next().getId());
    }

    // ---- hand JDBC: what the library's guarantees take, written the shortest way ----------------------------

    /** The id of the tag a key names, through its alias if it is one, or null. */
    private static final String RESOLVE = "SELECT COALESCE((SELECT id FROM tag WHERE name_key = ?),"
            + " (SELECT tag_id FROM tag_alias WHERE name_key = ?))";

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** How many hand transactions were run again. */
    private static final java.util.concurrent.atomic.AtomicLong HAND_RETRIES = new java.util.concurrent.atomic.AtomicLong();

    /** One transaction, run again after a deadlock or a duplicate from a concurrent insert, as the library does. */
    private static <T> T transaction(DataSource ds, Work<T> work) throws SQLException {
        try (Connection connection = ds.getConnection()) {
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false); // the counting pool's default; the baseline pool's is off already
            }
            while (true) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException e) {
                    connection.rollback();
                    if (e.getErrorCode() != 1213 && e.getErrorCode() != 1062 && e.getErrorCode() != 1205) {
                        throw e;
                    }
                    HAND_RETRIES.incrementAndGet();
                }
            }
        }
    }

    private static Integer resolve(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(RESOLVE)) {
            select.setString(1, key);
            select.setString(2, key);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                int id = result.getInt(1);
                return result.wasNull() ? null : id;
            }
        }
    }

    /** Find or create, by upsert: the id from the generated keys, then the alias check the library makes. */
    private static int findOrCreate(Connection connection, String name) throws SQLException {
        String key = Tag.keyOf(name);
        Integer id = resolve(connection, key);
        if (id != null) {
            return id;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO tag (name, name_key) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)", Statement.RETURN_GENERATED_KEYS)) {
            upsert.setString(1, name);
            upsert.setString(2, key);
            upsert.executeUpdate();
            try (ResultSet keys = upsert.getGeneratedKeys()) {
                keys.next();
                id = keys.getInt(1);
            }
        }
        try (PreparedStatement alias = connection.prepareStatement(
                "SELECT tag_id FROM tag_alias WHERE name_key = ? FOR UPDATE")) {
            alias.setString(1, key);
            try (ResultSet result = alias.executeQuery()) {
                if (result.next()) {
                    throw new SQLException("became an alias", "40001", 1213); // run again, as the library does
                }
            }
        }
        return id;
    }

    private static void count(Connection connection, int tagId, int delta) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE tag SET article_count = article_count + ? WHERE id = ?")) {
            update.setInt(1, delta);
            update.setInt(2, tagId);
            update.executeUpdate();
        }
    }

    /** The article with its tags' ids and names, as tag() returns it; null if there is none. */
    private static List<Object[]> articleWithTags(Connection connection, int article) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT a.id, a.title, t.id, t.name FROM article a"
                + " LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id WHERE a.id = ?")) {
            select.setInt(1, article);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Object[] {result.getInt(1), result.getString(2), result.getInt(3), result.getString(4)});
                }
            }
            if (rows.isEmpty()) {
                throw new SQLException("article " + article + " does not exist");
            }
            return rows;
        }
    }

    private static void handTag(DataSource ds, int article, String name) throws SQLException {
        transaction(ds, connection -> {
            int tag = findOrCreate(connection, name);
            count(connection, tag, 1);
            int inserted;
            try (PreparedStatement link = connection.prepareStatement("INSERT INTO article_tag (article_id, tag_id)"
                    + " SELECT ?, ? FROM DUAL WHERE NOT EXISTS"
                    + " (SELECT 1 FROM article_tag WHERE article_id = ? AND tag_id = ?)")) {
                link.setInt(1, article);
                link.setInt(2, tag);
                link.setInt(3, article);
                link.setInt(4, tag);
                inserted = link.executeUpdate();
            }
            if (inserted == 0) {
                count(connection, tag, -1);
            }
            return articleWithTags(connection, article);
        });
    }

    private static void handUntag(DataSource ds, int article, String name) throws SQLException {
        transaction(ds, connection -> {
            Integer tag = resolve(connection, Tag.keyOf(name));
            if (tag != null) {
                count(connection, tag, -1);
                try (PreparedStatement unlink = connection.prepareStatement(
                        "DELETE FROM article_tag WHERE article_id = ? AND tag_id = ?")) {
                    unlink.setInt(1, article);
                    unlink.setInt(2, tag);
                    if (unlink.executeUpdate() > 0) {
                        return true;
                    }
                }
                count(connection, tag, 1);
            }
            return false;
        });
    }

    private static void handSaveNew(DataSource ds, int i) throws SQLException {
        transaction(ds, connection -> {
            int article;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO article (title) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, "new " + i);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    article = keys.getInt(1);
                }
            }
            List<String> names = fiveNames(i);
            Map<String, Integer> ids = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT name_key, id FROM tag"
                    + " WHERE name_key IN (?, ?, ?, ?, ?) UNION ALL SELECT name_key, tag_id FROM tag_alias"
                    + " WHERE name_key IN (?, ?, ?, ?, ?)")) {
                for (int n = 0; n < 5; n++) {
                    select.setString(n + 1, Tag.keyOf(names.get(n)));
                    select.setString(n + 6, Tag.keyOf(names.get(n)));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        ids.put(result.getString(1), result.getInt(2));
                    }
                }
            }
            for (String name : names) {
                if (!ids.containsKey(Tag.keyOf(name))) {
                    ids.put(Tag.keyOf(name), findOrCreateNew(connection, name));
                }
            }
            List<Integer> tagIds = names.stream().map(name -> ids.get(Tag.keyOf(name))).sorted().toList();
            try (PreparedStatement update = connection.prepareStatement("UPDATE tag SET article_count = article_count + 1"
                    + " WHERE id IN (?, ?, ?, ?, ?)");
                 PreparedStatement link = connection.prepareStatement("INSERT INTO article_tag (article_id, tag_id)"
                         + " VALUES (?, ?), (?, ?), (?, ?), (?, ?), (?, ?)")) {
                for (int n = 0; n < 5; n++) {
                    update.setInt(n + 1, tagIds.get(n));
                    link.setInt(2 * n + 1, article);
                    link.setInt(2 * n + 2, tagIds.get(n));
                }
                update.executeUpdate();
                link.executeUpdate();
            }
            return article;
        });
    }

    /** A name found missing: upserted, the id from the generated keys, and checked against the aliases. */
    private static int findOrCreateNew(Connection connection, String name) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO tag (name, name_key) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement alias = connection.prepareStatement(
                     "SELECT tag_id FROM tag_alias WHERE name_key = ? FOR UPDATE")) {
            upsert.setString(1, name);
            upsert.setString(2, Tag.keyOf(name));
            upsert.executeUpdate();
            int id;
            try (ResultSet keys = upsert.getGeneratedKeys()) {
                keys.next();
                id = keys.getInt(1);
            }
            alias.setString(1, Tag.keyOf(name));
            try (ResultSet result = alias.executeQuery()) {
                if (result.next()) {
                    throw new SQLException("became an alias", "40001", 1213);
                }
            }
            return id;
        }
    }

    /** What save() of a loaded article writes: the article checked, one link added and one removed, counted. */
    private static void handChangeLinks(DataSource ds, int article, String added, int removed) throws SQLException {
        transaction(ds, connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT id FROM article WHERE id = ?")) {
                exists.setInt(1, article);
                try (ResultSet result = exists.executeQuery()) {
                    if (!result.next()) {
                        throw new SQLException("article " + article + " does not exist");
                    }
                }
            }
            int tag = findOrCreate(connection, added);
            try (PreparedStatement update = connection.prepareStatement("UPDATE tag SET article_count = article_count"
                    + " + CASE id WHEN ? THEN 1 ELSE -1 END WHERE id IN (?, ?)");
                 PreparedStatement link = connection.prepareStatement("INSERT INTO article_tag (article_id, tag_id)"
                         + " SELECT ?, ? FROM DUAL WHERE NOT EXISTS"
                         + " (SELECT 1 FROM article_tag WHERE article_id = ? AND tag_id = ?)");
                 PreparedStatement unlink = connection.prepareStatement(
                         "DELETE FROM article_tag WHERE article_id = ? AND tag_id = ?")) {
                update.setInt(1, tag);
                update.setInt(2, Math.min(tag, removed));
                update.setInt(3, Math.max(tag, removed));
                update.executeUpdate();
                link.setInt(1, article);
                link.setInt(2, tag);
                link.setInt(3, article);
                link.setInt(4, tag);
                int inserted = link.executeUpdate();
                unlink.setInt(1, article);
                unlink.setInt(2, removed);
                int deleted = unlink.executeUpdate();
                if (inserted == 0) {
                    count(connection, tag, -1);
                }
                if (deleted == 0) {
                    count(connection, removed, 1);
                }
            }
            return null;
        });
    }

    private static void handFindOrCreate(DataSource ds, String name) throws SQLException {
        transaction(ds, connection -> findOrCreate(connection, name));
    }

    /** The tag locked, the name checked against the other tags and the aliases, the row updated. */
    private static void handRename(DataSource ds, int tag, String name) throws SQLException {
        transaction(ds, connection -> {
            String key = Tag.keyOf(name);
            try (PreparedStatement lock = connection.prepareStatement("SELECT id, name FROM tag WHERE id = ? FOR UPDATE");
                 PreparedStatement other = connection.prepareStatement("SELECT id FROM tag WHERE name_key = ?");
                 PreparedStatement update = connection.prepareStatement(
                         "UPDATE tag SET name = ?, name_key = ? WHERE id = ?");
                 PreparedStatement alias = connection.prepareStatement(
                         "SELECT tag_id FROM tag_alias WHERE name_key = ? FOR UPDATE")) {
                lock.setInt(1, tag);
                try (ResultSet result = lock.executeQuery()) {
                    if (!result.next()) {
                        throw new SQLException("tag " + tag + " does not exist");
                    }
                }
                other.setString(1, key);
                try (ResultSet result = other.executeQuery()) {
                    if (result.next() && result.getInt(1) != tag) {
                        throw new SQLException("name taken");
                    }
                }
                update.setString(1, name);
                update.setString(2, key);
                update.setInt(3, tag);
                update.executeUpdate();
                alias.setString(1, key);
                try (ResultSet result = alias.executeQuery()) {
                    if (result.next()) {
                        throw new SQLException("an alias");
                    }
                }
            }
            return null;
        });
    }
}
