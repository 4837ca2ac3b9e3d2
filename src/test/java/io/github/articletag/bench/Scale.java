package io.github.articletag.bench;

import io.github.articletag.Article;
import io.github.articletag.ArticleSummary;
import io.github.articletag.Database;
import io.github.articletag.NewArticle;
import io.github.articletag.Page;
import io.github.articletag.Tag;
import io.github.articletag.TagCount;
import io.github.articletag.RelatedItem;
import io.github.articletag.TagQuery;
import io.github.articletag.TaggedRepository;
import io.github.articletag.own.OwnSchema;
import io.github.articletag.own.Post;
import io.github.articletag.own.Product;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The benchmark's scale mode ({@code -Dbench.mode=scale}): 1,000,000 articles (or {@code -Dbench.articles}) with
 * five links each imported once with the streamed importer (10,000 tags: "big" on every tenth article, the others
 * spread evenly), and 990,000 more tags that no article carries, for completion among 1,000,000 names. Then each
 * public read, page-sized, beside the hand-written SQL that gives a web page the same answer on the same server
 * (keyset pages over the same indexes), both warm, alternating, medians; the answers are compared.
 */
final class Scale {

    private static final int TAGS = 10_000;
    private static final int EXTRA_TAGS = 990_000;
    private static final int LINKS_PER_ARTICLE = 5;
    private static final int WARMUPS = 3;
    private static final int ROUNDS = 5;

    private final Database database;
    private final DataSource jdbc;
    /** How many articles: 1,000,000 unless {@code -Dbench.articles} says otherwise (a multiple of 1,000). */
    private final int articles;
    private final List<String> lines = new ArrayList<>();
    private double worstMs;
    private double worstRatio;

    Scale(Database database, DataSource jdbc, int articles) {
        if (articles < 10_000 || articles % 1000 != 0) {
            throw new IllegalArgumentException("bench.articles must be a multiple of 1,000, at least 10,000: " + articles);
        }
        this.database = database;
        this.jdbc = jdbc;
        this.articles = articles;
    }

    /**
     * Article i's tags: "big" for every tenth, with "bigpair" on 30 % of those and "bigtrio" on 10 % (at random,
     * for the related tags' sample to be measured against the exact counts), the rest spread evenly over
     * "tag1".."tag9999".
     */
    private static NewArticle article(int i) {
        SplittableRandom random = new SplittableRandom(i * 31L + 7);
        List<String> tags = new ArrayList<>();
        if (i % 10 == 0) {
            tags.add("big");
            int draw = random.nextInt(10);
            if (draw < 3) {
                tags.add("bigpair");
            } else if (draw == 3) {
                tags.add("bigtrio");
            }
        }
        while (tags.size() < LINKS_PER_ARTICLE) {
            String tag = "tag" + (1 + random.nextInt(TAGS - 1));
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return new NewArticle("article " + i, tags);
    }

    /** Runs it all; returns the figures for the RESULT line. */
    String run() throws SQLException {
        database.recreateSchema();
        long start = System.nanoTime();
        database.articles().importArticles(IntStream.range(0, articles).mapToObj(Scale::article), done -> {
            if (done % 250_000 == 0) {
                System.out.printf("scale: imported %,d of %,d articles%n", done, articles);
            }
        });
        lines.add(String.format(Locale.ROOT, "import of %,d articles with %,d links: %.1f s", articles,
                (long) articles * LINKS_PER_ARTICLE, (System.nanoTime() - start) / 1e9));
        insertExtraTags();
        analyze();

        int big = tagId("big");
        String popularName = mostLinkedOtherTag();
        int popular = tagId(popularName);
        int bigArticle = articles - 9; // imported as the article of index articles - 10: carries "big"
        int lastPage = articles - 100;
        int deep = articles / 10 * 9; // a page 90 % into the big tag

        compare("findPage, first page of 100", () -> ids(database.articles().findPage(null, 100)),
                () -> handPage(0));
        compare("findPage, last page of 100", () -> ids(database.articles().findPage(cursor(lastPage), 100)),
                () -> handPage(lastPage));
        compare("summarizePage, last page of 100",
                () -> summaryIds(database.articles().summarizePage(cursor(lastPage), 100)), () -> handPage(lastPage));
        compare("findTagged of the big tag (every tenth article), a page of 100 deep in it",
                () -> ids(database.articles().findTagged("big", cursor(deep), 100)), () -> handTagged(big, deep));
        compare("summarizeTagged of the big tag, a page of 100 deep in it",
                () -> summaryIds(database.articles().summarizeTagged("big", cursor(deep), 100)),
                () -> handTagged(big, deep));
        compare("findTaggedWithAny of two ~490-article tags, first page of 100",
                () -> ids(database.articles().findTaggedWithAny(List.of("tag7", "tag8"), null, 100)),
                () -> handAny(tagId("tag7"), tagId("tag8")));
        compare("findTaggedWithAll of the big tag and a ~490-article tag, first page of 100",
                () -> ids(database.articles().findTaggedWithAll(List.of("big", popularName), null, 100)),
                () -> handAll(popular, big));
        compare("findRelated of an article carrying the big tag, 10 (each tag's 2,000 newest)",
                () -> database.articles().findRelated(bigArticle, 10).stream().map(r -> r.id()).toList(),
                () -> handRelated(bigArticle));
        compare("find(untagged), first page of 100, every article tagged (a walk of 5,000)",
                () -> pageAndNext(database.articles().find(TagQuery.untagged(), null, 100)), () -> handUntagged());
        compare("tags().mostUsed(100), the tag cloud", () -> countIds(database.tags().mostUsed(100)),
                () -> handMostUsed());
        compare("tags().findWithArticles of the big tag, 100 of its articles",
                () -> database.tags().findWithArticles(big, 100).orElseThrow().getArticles().stream()
                        .map(Article::getId).toList(), () -> handArticlesOf(big));
        compare("tags().suggest(\"t\", 10) among 1,000,000 tags (about 48,000 names match)",
                () -> countIds(database.tags().suggest("t", 10)), () -> handSuggest("t%"));
        compare("tags().suggest(\"ta\", 10) among 1,000,000 tags (about 11,500 names match)",
                () -> countIds(database.tags().suggest("ta", 10)), () -> handSuggest("ta%"));
        compare("tags().suggest(\"tag12\", 10)", () -> countIds(database.tags().suggest("tag12", 10)),
                () -> handSuggest("tag12%"));
        compare("tags().suggest(\"qx\", 10), a prefix only unused tags have",
                () -> countIds(database.tags().suggest("qx", 10)), () -> handSuggest("qx%"));
        compare("tags().findByName", () -> List.of(database.tags().findByName("tag42").orElseThrow().getId()),
                () -> handByName("tag42"));
        int tag7 = tagId("tag7");
        int tag8 = tagId("tag8");
        int tag9 = tagId("tag9");
        compare("find(all big, any tag7/tag8, none tag9), first page of 100",
                () -> ids(database.articles().find(TagQuery.withAll("big").andAny("tag7", "tag8").andNone("tag9"),
                        null, 100)), () -> handCombined(big, tag7, tag8, tag9));
        compare("find(all big, none of the ~490-article tag), a page of 100 deep in it",
                () -> ids(database.articles().find(TagQuery.withAll("big").andNone(popularName), cursor(deep), 100)),
                () -> handBigWithout(big, popular, deep));
        compare("count(all big, none of the ~490-article tag), up to 10,000",
                () -> List.of((int) database.articles().count(TagQuery.withAll("big").andNone(popularName), 10_000)),
                () -> handCountWithout(big, popular, 10_000));
        compare("count(all big), the kept count", () -> List.of((int) database.articles().count(
                TagQuery.withAll("big"), articles)), () -> firstColumn("SELECT article_count FROM tag WHERE id = ?", big));
        database.tags().addAlias(tagId("tag42"), "forty-two");
        compare("findTagged by an alias, first page of 100",
                () -> ids(database.articles().findTagged("forty-two", null, 100)), () -> handTagged(tagId("tag42"), 0));
        relatedTags(big);
        int bulk1 = database.tags().findOrCreate("bulk1").getId();
        int bulk2 = database.tags().findOrCreate("bulk2").getId();
        compare("tagAll of 1,000 articles with 2 new tags, then untagAll (both)", () -> bulkCycle(),
                () -> handBulkCycle(bulk1, bulk2));
        compare("replaceTags of one article, 5 tags to 5 others and back",
                () -> replaceCycle(), () -> handReplaceCycle());
        posts(big, popular, popularName, bigArticle, deep);
        cleanup();

        lines.forEach(System.out::println);
        return String.format(Locale.ROOT, "scale_worst_ms=%.1f scale_worst_ratio=%.2f", worstMs, worstRatio);
    }

    /**
     * The same reads on a second tagged type, the application's {@code Post} (its own columns, a {@code Long} id):
     * the articles and their links copied into {@code post} and {@code post_tag} on the server, the counts into
     * {@code post_tag_count}; the hand SQL reads each post's columns and tags in one statement.
     */
    private void posts(int big, int popular, String popularName, int bigPost, int deep) throws SQLException {
        try (Database own = Database.open(jdbc, Map.of(), List.of(Post.class, Product.class))) {
            long start = System.nanoTime();
            executeAll(OwnSchema.APPLICATION_TABLES);
            own.createSchema(); // the library's tables are there: only the types' link and count tables
            // The copy's rows are the articles' and their links, consistent already: no foreign-key check per link.
            executeAll(List.of("SET SESSION foreign_key_checks = 0",
                    "INSERT INTO post (id, title, body, author, published_at, version)"
                            + " SELECT id, title, 'body', 'ana', '2026-12-01 10:00:00', 0 FROM article",
                    "INSERT INTO post_tag (post_id, tag_id) SELECT article_id, tag_id FROM article_tag",
                    "INSERT INTO post_tag_count (tag_id, tagged) SELECT id, article_count FROM tag WHERE article_count > 0",
                    "SET SESSION foreign_key_checks = 1", "ANALYZE TABLE post, post_tag, post_tag_count"));
            lines.add(String.format(Locale.ROOT, "posts: the articles and their links copied into post and post_tag:"
                    + " %.1f s", (System.nanoTime() - start) / 1e9));
            TaggedRepository<Post> posts = own.tagged(Post.class);
            int lastPage = articles - 100;
            // A new Database: its path of reading posts is not compiled yet, where the hand SQL's JDBC is (the first
            // call compared below took 2.7x its hand SQL with three warm-up rounds and none of these).
            for (int i = 0; i < 300; i++) {
                posts.findPage(cursor(lastPage - i * 100), 100);
                posts.findTagged("big", cursor(deep), 100);
            }
            compare("posts findPage, last page of 100", () -> postIds(posts.findPage(cursor(lastPage), 100).items()),
                    () -> handPosts("SELECT id AS post_id FROM post WHERE id > ? ORDER BY id LIMIT 100", "p.id",
                            lastPage));
            compare("posts findTagged of the big tag, a page of 100 deep in it",
                    () -> postIds(posts.findTagged("big", cursor(deep), 100).items()),
                    () -> handPosts("SELECT post_id FROM post_tag WHERE tag_id = ? AND post_id > ? ORDER BY post_id"
                            + " LIMIT 100", "p.id", big, deep));
            compare("posts find(all of the big tag and a ~490-post tag), first page of 100",
                    () -> postIds(posts.find(TagQuery.withAll("big", popularName), null, 100).items()),
                    () -> handPosts("SELECT r.post_id FROM post_tag r JOIN post_tag c ON c.post_id = r.post_id"
                            + " AND c.tag_id = ? WHERE r.tag_id = ? ORDER BY r.post_id LIMIT 100", "p.id", big, popular));
            compare("posts find(all big, none of the ~490-post tag), a page of 100 deep in it",
                    () -> postIds(posts.find(TagQuery.withAll("big").andNone(popularName), cursor(deep), 100).items()),
                    () -> handPosts("SELECT post_id FROM post_tag b WHERE b.tag_id = ? AND b.post_id > ? AND NOT EXISTS"
                            + " (SELECT 1 FROM post_tag x WHERE x.post_id = b.post_id AND x.tag_id = ?) ORDER BY post_id"
                            + " LIMIT 100", "p.id", big, deep, popular));
            compare("posts count(all big, none of the ~490-post tag), up to 10,000",
                    () -> List.of((int) posts.count(TagQuery.withAll("big").andNone(popularName), 10_000)),
                    () -> firstColumn("SELECT COUNT(*) FROM (SELECT post_id FROM post_tag b WHERE b.tag_id = ? AND"
                            + " NOT EXISTS (SELECT 1 FROM post_tag x WHERE x.post_id = b.post_id AND x.tag_id = ?)"
                            + " LIMIT ?) c", big, popular, 10_000));
            compare("posts findRelated of a post carrying the big tag, 10 (each tag's 2,000 newest)",
                    () -> postIds(posts.findRelated(bigPost, 10).stream().map(RelatedItem::item).toList()),
                    () -> {
                        Object[] sample = sampledRanking("post_tag", "post_id", bigPost);
                        return handPosts("SELECT owner_id AS post_id, shared FROM (" + sample[0] + ") r",
                                "x.shared DESC, p.id", (Object[]) sample[1]);
                    });
            compare("posts suggest(\"t\", 10) among 1,000,000 tags", () -> countIds(posts.suggest("t", 10)),
                    () -> firstColumn("SELECT t.id FROM tag t FORCE INDEX (uk_tag_name_key) JOIN post_tag_count c"
                            + " ON c.tag_id = t.id WHERE t.name_key LIKE 't%' AND c.tagged > 0"
                            + " ORDER BY c.tagged DESC, t.id DESC LIMIT 10"));
            compare("posts tagCounts(100), the posts' tag cloud", () -> countIds(posts.tagCounts(null, 100).items()),
                    () -> firstColumn("SELECT t.id FROM post_tag_count c JOIN tag t ON t.id = c.tag_id"
                            + " WHERE c.tagged > 0 ORDER BY c.tagged DESC, c.tag_id DESC LIMIT 100"));
            compare("posts suggest(\"ta\", 10) among 1,000,000 tags", () -> countIds(posts.suggest("ta", 10)),
                    () -> firstColumn("SELECT t.id FROM tag t FORCE INDEX (uk_tag_name_key) JOIN post_tag_count c"
                            + " ON c.tag_id = t.id WHERE t.name_key LIKE 'ta%' AND c.tagged > 0"
                            + " ORDER BY c.tagged DESC, t.id DESC LIMIT 10"));
        } finally {
            executeAll(List.of("DROP TABLE IF EXISTS post_tag, post_tag_count, product_tag, product_tag_count,"
                    + " post, product"));
        }
    }

    private static List<Integer> postIds(List<Post> posts) {
        return posts.stream().map(post -> Math.toIntExact(post.getId())).toList();
    }

    /**
     * The posts {@code ids} picks (its column {@code post_id}), each with its columns and tags, in one statement
     * ordered by {@code order}, mapped as a caller maps them.
     */
    private List<Integer> handPosts(String ids, String order, Object... parameters) {
        return query("SELECT p.id, p.title, p.body, p.author, p.published_at, p.version, t.id, t.name FROM (" + ids
                + ") x JOIN post p ON p.id = x.post_id LEFT JOIN post_tag l ON l.post_id = p.id"
                + " LEFT JOIN tag t ON t.id = l.tag_id ORDER BY " + order, parameters, result -> {
                    List<Integer> found = new ArrayList<>();
                    List<Object[]> rows = new ArrayList<>(); // the mapping work a caller does
                    while (result.next()) {
                        int id = result.getInt(1);
                        if (found.isEmpty() || found.get(found.size() - 1) != id) {
                            found.add(id);
                        }
                        rows.add(new Object[] {result.getString(2), result.getString(3), result.getString(4),
                                result.getTimestamp(5), result.getInt(6), result.getInt(7), result.getString(8)});
                    }
                    return found;
                });
    }

    private void executeAll(List<String> statements) throws SQLException {
        try (Connection connection = jdbc.getConnection(); var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        }
    }

    /** Times both, alternating, and records the medians; the answers must be the same. */
    private void compare(String call, Supplier<List<Integer>> library, Supplier<List<Integer>> hand) {
        long[][] times = new long[2][ROUNDS];
        List<Integer> libraryAnswer = null;
        List<Integer> handAnswer = null;
        for (int round = -WARMUPS; round < ROUNDS; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int path = Math.floorMod(round + turn, 2);
                long start = System.nanoTime();
                List<Integer> answer = (path == 0 ? library : hand).get();
                long elapsed = System.nanoTime() - start;
                if (path == 0) {
                    libraryAnswer = answer;
                } else {
                    handAnswer = answer;
                }
                if (round >= 0) {
                    times[path][round] = elapsed;
                }
            }
        }
        if (!libraryAnswer.equals(handAnswer)) {
            throw new IllegalStateException(call + ": the library answered " + libraryAnswer + ", hand SQL " + handAnswer);
        }
        long libraryTrips = roundTrips(library);
        long handTrips = roundTrips(hand);
        double libraryMs = median(times[0]) / 1e6;
        double handMs = median(times[1]) / 1e6;
        double ratio = libraryMs / Math.max(handMs, 0.001);
        worstMs = Math.max(worstMs, libraryMs);
        worstRatio = Math.max(worstRatio, ratio);
        lines.add(String.format(Locale.ROOT, "%-80s %8.1f ms / %8.1f ms hand SQL (ratio %.2f), %d rows, round trips"
                + " %d / %d", call, libraryMs, handMs, ratio, libraryAnswer.size(), libraryTrips, handTrips));
    }

    /**
     * The statements one more run of {@code path} sends, its commit included, as the server counts them
     * ({@code Questions}, global: nothing else runs but a fold of the counts' changes a second after a write, which
     * this waits out).
     */
    private long roundTrips(Supplier<List<Integer>> path) {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long reading = -questions() + questions(); // what a reading adds itself (its statement, its commit)
        long before = questions();
        path.get();
        return questions() - before - reading;
    }

    private long questions() {
        return query("SHOW GLOBAL STATUS LIKE 'Questions'", new Object[0], result -> {
            result.next();
            return result.getLong(2);
        });
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static List<Integer> ids(Page<Article> page) {
        return page.items().stream().map(Article::getId).toList();
    }

    private static List<Integer> summaryIds(Page<ArticleSummary> page) {
        return page.items().stream().map(ArticleSummary::id).toList();
    }

    private static List<Integer> countIds(List<TagCount> counts) {
        return counts.stream().map(TagCount::id).toList();
    }

    /**
     * Related tags of the big tag: the library counts its 2,000 newest articles; the exact ranking over all of
     * them is what hand SQL would compute. Times both, and states the sample's error: each top tag's
     * share of the sample against its share of the whole.
     */
    private void relatedTags(int big) {
        List<TagCount> sampled = database.tags().related("big", 10);
        List<Object[]> exact = query("SELECT other.tag_id, COUNT(*) FROM article_tag b JOIN article_tag other"
                + " ON other.article_id = b.article_id WHERE b.tag_id = ? AND other.tag_id <> ?"
                + " GROUP BY other.tag_id ORDER BY COUNT(*) DESC, other.tag_id LIMIT 10", new Object[] {big, big},
                result -> {
                    List<Object[]> rows = new ArrayList<>();
                    while (result.next()) {
                        rows.add(new Object[] {result.getInt(1), result.getLong(2)});
                    }
                    return rows;
                });
        long[] times = new long[2];
        for (int path = 0; path < 2; path++) {
            long[] rounds = new long[ROUNDS];
            for (int round = -WARMUPS; round < ROUNDS; round++) {
                long start = System.nanoTime();
                if (path == 0) {
                    database.tags().related("big", 10);
                } else {
                    firstColumn("SELECT other.tag_id FROM article_tag b JOIN article_tag other"
                            + " ON other.article_id = b.article_id WHERE b.tag_id = ? AND other.tag_id <> ?"
                            + " GROUP BY other.tag_id ORDER BY COUNT(*) DESC, other.tag_id LIMIT 10", big, big);
                }
                if (round >= 0) {
                    rounds[round] = System.nanoTime() - start;
                }
            }
            times[path] = median(rounds);
        }
        double worstError = 0;
        StringBuilder shares = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            int id = (Integer) exact.get(i)[0];
            double whole = 100.0 * (Long) exact.get(i)[1] / (articles / 10);
            double sample = 100.0 * sampled.stream().filter(t -> t.id() == id).mapToLong(TagCount::articles)
                    .findFirst().orElse(0) / 2_000;
            worstError = Math.max(worstError, Math.abs(sample - whole));
            shares.append(String.format(Locale.ROOT, " tag %d: %.1f %% of the sample, %.1f %% of all;", id, sample,
                    whole));
        }
        double libraryMs = times[0] / 1e6;
        worstMs = Math.max(worstMs, libraryMs);
        lines.add(String.format(Locale.ROOT, "%-80s %8.1f ms / %8.1f ms exact hand SQL; top tags the same: %s;%s"
                        + " worst error %.1f points", "tags().related of the big tag, 10 (sampled)",
                libraryMs, times[1] / 1e6, sampled.get(0).id() == (Integer) exact.get(0)[0]
                        && sampled.get(1).id() == (Integer) exact.get(1)[0], shares, worstError));
    }

    /** The library's bulk calls: 1,000 articles tagged with two tags, then untagged; their links counted. */
    private List<Integer> bulkCycle() {
        List<Integer> bulk = IntStream.rangeClosed(articles / 2 + 1, articles / 2 + 1000).boxed().toList();
        int added = database.articles().tagAll(bulk, List.of("bulk1", "bulk2"));
        int removed = database.articles().untagAll(bulk, List.of("bulk1", "bulk2"));
        return List.of(added, removed);
    }

    /** One article's five tags replaced by five others, then put back. */
    private List<Integer> replaceCycle() {
        Article article = database.articles().findWithTags(REPLACED).orElseThrow();
        List<String> before = article.getTags().stream().map(Tag::getName).sorted().toList();
        database.articles().replaceTags(REPLACED, List.of("tag1", "tag2", "tag3", "tag4", "tag5"));
        return List.of(database.articles().replaceTags(REPLACED, before).getTags().size());
    }

    /** The article replaceCycle works on (carries none of tag1..tag5: checked by the answers' equality). */
    private static final int REPLACED = 9_871;

    /** Deletes the 990,000 tags no article carries: the last step, since completion is measured among them. */
    private void cleanup() {
        long start = System.nanoTime();
        int deleted = database.tags().deleteUnused();
        double seconds = (System.nanoTime() - start) / 1e9;
        lines.add(String.format(Locale.ROOT, "%-80s %8.1f s for %,d tags (%.2f ms per batch of 1,000)",
                "tags().deleteUnused()", seconds, deleted, seconds * 1e3 / Math.max(1, deleted / 1000)));
    }

    // ---- the hand-written SQL: what a web page would send, mapped to the same answer -------------------------

    private List<Integer> handCombined(int big, int any1, int any2, int none) {
        String branch = "(SELECT l.article_id FROM article_tag l JOIN article_tag b ON b.article_id = l.article_id"
                + " AND b.tag_id = ? WHERE l.tag_id = ? AND NOT EXISTS (SELECT 1 FROM article_tag x"
                + " WHERE x.article_id = l.article_id AND x.tag_id = ?) ORDER BY l.article_id LIMIT 100)";
        return articleIds("SELECT a.id, t.id, t.name FROM (SELECT article_id FROM (" + branch + " UNION " + branch
                + ") u ORDER BY article_id LIMIT 100) p JOIN article a ON a.id = p.article_id"
                + " LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id ORDER BY a.id",
                big, any1, none, big, any2, none);
    }

    private List<Integer> handBigWithout(int big, int none, int after) {
        return articleIds("SELECT a.id, t.id, t.name FROM (SELECT article_id FROM article_tag b WHERE b.tag_id = ?"
                + " AND b.article_id > ? AND NOT EXISTS (SELECT 1 FROM article_tag x WHERE x.article_id = b.article_id"
                + " AND x.tag_id = ?) ORDER BY article_id LIMIT 100) p JOIN article a ON a.id = p.article_id"
                + " LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id ORDER BY a.id",
                big, after, none);
    }

    private List<Integer> handCountWithout(int big, int none, int atMost) {
        return firstColumn("SELECT COUNT(*) FROM (SELECT article_id FROM article_tag b WHERE b.tag_id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM article_tag x WHERE x.article_id = b.article_id AND x.tag_id = ?)"
                + " LIMIT ?) c", big, none, atMost);
    }

    /** What tagAll and untagAll do, by hand: counts first, the links, the counts put back; one transaction each. */
    private List<Integer> handBulkCycle(int first, int second) {
        StringBuilder in = new StringBuilder();
        for (int id = articles / 2 + 1; id <= articles / 2 + 1000; id++) {
            in.append(in.isEmpty() ? "" : ", ").append(id);
        }
        int added = 0;
        int removed = 0;
        try (Connection connection = jdbc.getConnection()) {
            try (PreparedStatement count = connection.prepareStatement(
                    "UPDATE tag SET article_count = article_count + ? WHERE id IN (?, ?)");
                 PreparedStatement link = connection.prepareStatement("INSERT INTO article_tag (article_id, tag_id)"
                         + " SELECT a.id, ? FROM article a WHERE a.id IN (" + in + ") AND NOT EXISTS"
                         + " (SELECT 1 FROM article_tag l WHERE l.article_id = a.id AND l.tag_id = ?)");
                 PreparedStatement unlink = connection.prepareStatement(
                         "DELETE FROM article_tag WHERE tag_id = ? AND article_id IN (" + in + ")")) {
                count.setInt(1, 1000);
                count.setInt(2, first);
                count.setInt(3, second);
                count.executeUpdate();
                for (int tag : new int[] {first, second}) {
                    link.setInt(1, tag);
                    link.setInt(2, tag);
                    added += link.executeUpdate();
                }
                connection.commit();
                count.setInt(1, -1000);
                count.executeUpdate();
                for (int tag : new int[] {first, second}) {
                    unlink.setInt(1, tag);
                    removed += unlink.executeUpdate();
                }
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return List.of(added, removed);
    }

    /** replaceTags by hand: lock the article, read its tags, write the difference and the counts; twice. */
    private List<Integer> handReplaceCycle() {
        try (Connection connection = jdbc.getConnection()) {
            List<Integer> before = replaceByHand(connection, List.of("tag1", "tag2", "tag3", "tag4", "tag5"));
            List<Integer> restored = replaceByHand(connection, before.stream().map(id -> nameOf(connection, id)).toList());
            return List.of(restored.size());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces REPLACED's tags with the (existing) tags of these names; returns the tag ids it had. */
    private static List<Integer> replaceByHand(Connection connection, List<String> names) throws SQLException {
        List<Integer> current = new ArrayList<>();
        List<Integer> wanted = new ArrayList<>();
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM article WHERE id = ? FOR UPDATE");
             PreparedStatement tags = connection.prepareStatement("SELECT tag_id FROM article_tag WHERE article_id = ?");
             PreparedStatement find = connection.prepareStatement("SELECT id FROM tag WHERE name_key IN (?, ?, ?, ?, ?)")) {
            lock.setInt(1, REPLACED);
            lock.executeQuery().close();
            tags.setInt(1, REPLACED);
            try (ResultSet result = tags.executeQuery()) {
                while (result.next()) {
                    current.add(result.getInt(1));
                }
            }
            for (int i = 0; i < 5; i++) {
                find.setString(i + 1, Tag.keyOf(names.get(i)));
            }
            try (ResultSet result = find.executeQuery()) {
                while (result.next()) {
                    wanted.add(result.getInt(1));
                }
            }
        }
        List<Integer> added = new ArrayList<>(wanted);
        added.removeAll(current);
        List<Integer> removed = new ArrayList<>(current);
        removed.removeAll(wanted);
        try (PreparedStatement count = connection.prepareStatement("UPDATE tag SET article_count = article_count"
                + " + CASE WHEN id IN (?, ?, ?, ?, ?) THEN 1 ELSE -1 END WHERE id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement link = connection.prepareStatement(
                     "INSERT INTO article_tag (article_id, tag_id) VALUES (?, ?)");
             PreparedStatement unlink = connection.prepareStatement(
                     "DELETE FROM article_tag WHERE article_id = ? AND tag_id = ?")) {
            for (int i = 0; i < 5; i++) {
                count.setInt(i + 1, added.get(i));
                count.setInt(i + 6, added.get(i));
                count.setInt(i + 11, removed.get(i));
            }
            count.executeUpdate();
            for (int tag : added) {
                link.setInt(1, REPLACED);
                link.setInt(2, tag);
                link.addBatch();
            }
            link.executeBatch();
            for (int tag : removed) {
                unlink.setInt(1, REPLACED);
                unlink.setInt(2, tag);
                unlink.addBatch();
            }
            unlink.executeBatch();
        }
        connection.commit();
        return current;
    }

    private static String nameOf(Connection connection, int tagId) {
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM tag WHERE id = ?")) {
            select.setInt(1, tagId);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Integer> handPage(int after) {
        return articleIds("SELECT a.id, t.id, t.name FROM (SELECT id, title FROM article WHERE id > ? ORDER BY id"
                + " LIMIT 100) a LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id"
                + " ORDER BY a.id", after);
    }

    private List<Integer> handTagged(int tagId, int after) {
        return articleIds("SELECT a.id, t.id, t.name FROM (SELECT article_id FROM article_tag WHERE tag_id = ?"
                + " AND article_id > ? ORDER BY article_id LIMIT 100) p JOIN article a ON a.id = p.article_id"
                + " LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id ORDER BY a.id",
                tagId, after);
    }

    private List<Integer> handArticlesOf(int tagId) {
        return firstColumn("SELECT a.id, a.title FROM (SELECT article_id FROM article_tag WHERE tag_id = ?"
                + " ORDER BY article_id LIMIT 100) p JOIN article a ON a.id = p.article_id ORDER BY a.id", tagId);
    }

    private List<Integer> handAny(int first, int second) {
        return articleIds("SELECT a.id, t.id, t.name FROM (SELECT article_id FROM ("
                + "(SELECT article_id FROM article_tag WHERE tag_id = ? ORDER BY article_id LIMIT 100) UNION"
                + " (SELECT article_id FROM article_tag WHERE tag_id = ? ORDER BY article_id LIMIT 100)) u"
                + " ORDER BY article_id LIMIT 100) p JOIN article a ON a.id = p.article_id"
                + " LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id ORDER BY a.id",
                first, second);
    }

    private List<Integer> handAll(int rare, int common) {
        return articleIds("SELECT a.id, t.id, t.name FROM (SELECT r.article_id FROM article_tag r"
                + " JOIN article_tag c ON c.article_id = r.article_id AND c.tag_id = ? WHERE r.tag_id = ?"
                + " ORDER BY r.article_id LIMIT 100) p JOIN article a ON a.id = p.article_id"
                + " LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id ORDER BY a.id",
                common, rare);
    }

    /** The related articles by hand: the article's tags, then the same sample per tag, with the titles. */
    private List<Integer> handRelated(int articleId) {
        Object[] sample = sampledRanking("article_tag", "article_id", articleId);
        return firstColumn("SELECT r.owner_id, a.title FROM (" + sample[0] + ") r JOIN article a ON a.id = r.owner_id"
                + " ORDER BY r.shared DESC, r.owner_id", (Object[]) sample[1]);
    }

    /**
     * The ranking of the 10 owners sharing most tags with {@code id}, counted over each tag's 2,000 newest other
     * owners, as hand SQL writes it once the owner's tags are read: the text and its parameters.
     */
    private Object[] sampledRanking(String links, String owner, int id) {
        List<Integer> tags = firstColumn("SELECT tag_id FROM " + links + " WHERE " + owner + " = ?", id);
        List<String> samples = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (int tag : tags) {
            samples.add("(SELECT " + owner + " AS owner_id FROM " + links + " WHERE tag_id = ? AND " + owner + " <> ?"
                    + " ORDER BY " + owner + " DESC LIMIT 2000)");
            parameters.add(tag);
            parameters.add(id);
        }
        return new Object[] {"SELECT owner_id, COUNT(*) AS shared FROM (" + String.join(" UNION ALL ", samples)
                + ") s GROUP BY owner_id ORDER BY shared DESC, owner_id LIMIT 10", parameters.toArray()};
    }

    /** The first page of untagged articles by hand: the same walk of 5,000, then where it stopped. */
    private List<Integer> handUntagged() {
        List<Integer> answer = new ArrayList<>(firstColumn("SELECT a.id FROM (SELECT id FROM article ORDER BY id"
                + " LIMIT 5000) a WHERE NOT EXISTS (SELECT 1 FROM article_tag l WHERE l.article_id = a.id)"
                + " ORDER BY a.id LIMIT 101"));
        if (answer.size() <= 100) {
            List<Integer> stop = firstColumn("SELECT id FROM article ORDER BY id LIMIT 2 OFFSET 4999");
            answer.add(stop.size() == 2 ? stop.get(0) : -1);
        } else {
            answer.set(100, answer.get(99));
        }
        return answer;
    }

    /** A page's ids, then its next cursor as a number (-1 for none). */
    private static List<Integer> pageAndNext(Page<Article> page) {
        List<Integer> answer = new ArrayList<>(ids(page));
        answer.add(page.next() == null ? -1 : Integer.parseInt(page.next()));
        return answer;
    }

    private static String cursor(int afterId) {
        return String.valueOf(afterId);
    }

    private List<Integer> handMostUsed() {
        return firstColumn("SELECT id FROM tag ORDER BY article_count DESC, id DESC LIMIT 100");
    }

    private List<Integer> handSuggest(String pattern) {
        return firstColumn("SELECT id FROM tag FORCE INDEX (uk_tag_name_key) WHERE name_key LIKE ?"
                + " ORDER BY article_count DESC, id DESC LIMIT 10", pattern);
    }

    private List<Integer> handByName(String name) {
        return firstColumn("SELECT id FROM tag WHERE name_key = ?", Tag.keyOf(name));
    }

    /** Articles read as (id, tag id, tag name) rows, each tag into an object as the entities hold it. */
    private List<Integer> articleIds(String sql, Object... parameters) {
        return query(sql, parameters, result -> {
            List<Integer> ids = new ArrayList<>();
            List<Object[]> tags = new ArrayList<>(); // the mapping work a caller does, kept alive to the end
            while (result.next()) {
                int id = result.getInt(1);
                if (ids.isEmpty() || ids.get(ids.size() - 1) != id) {
                    ids.add(id);
                }
                tags.add(new Object[] {result.getInt(2), result.getString(3)});
            }
            return tags.isEmpty() ? List.of() : ids;
        });
    }

    private List<Integer> firstColumn(String sql, Object... parameters) {
        return query(sql, parameters, result -> {
            List<Integer> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getInt(1));
            }
            return values;
        });
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet result) throws SQLException;
    }

    private <T> T query(String sql, Object[] parameters, Rows<T> rows) {
        try (Connection connection = jdbc.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            T answer;
            try (ResultSet result = statement.executeQuery()) {
                answer = rows.read(result);
            }
            connection.commit();
            return answer;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- data ---------------------------------------------------------------------------------------------

    /** 990,000 tags no article carries, with random six-letter names: completion must find its way among them. */
    private void insertExtraTags() throws SQLException {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        try (Connection connection = jdbc.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT IGNORE INTO tag (name, name_key) VALUES (?, ?)")) {
            for (int i = 0; i < EXTRA_TAGS; i++) {
                StringBuilder name = new StringBuilder();
                for (int c = 0; c < 6; c++) {
                    name.append((char) ('a' + random.nextInt(26)));
                }
                name.append(i);
                insert.setString(1, name.toString());
                insert.setString(2, name.toString());
                insert.addBatch();
                if (i % 10_000 == 9_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        lines.add(String.format(Locale.ROOT, "%,d more tags inserted: %.1f s", EXTRA_TAGS,
                (System.nanoTime() - start) / 1e9));
    }

    private void analyze() throws SQLException {
        try (Connection connection = jdbc.getConnection(); var statement = connection.createStatement()) {
            statement.execute("ANALYZE TABLE article, tag, article_tag");
            connection.commit();
        }
    }

    private int tagId(String name) {
        return handByName(name).get(0);
    }

    /** The most used tag but "big" (about 490 articles): the partner of "big" in the all-of query. */
    private String mostLinkedOtherTag() {
        return query("SELECT name FROM tag WHERE name LIKE 'tag%' ORDER BY article_count DESC LIMIT 1",
                new Object[0], result -> {
                    result.next();
                    return result.getString(1);
                });
    }
}
