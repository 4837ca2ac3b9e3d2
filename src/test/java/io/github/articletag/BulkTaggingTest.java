package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tagging and untagging thousands of articles in one call, and replacing one article's whole tag set. */
@ExtendWith(TestDatabaseExtension.class)
class BulkTaggingTest {

    private static List<Integer> articles(Database database, int count, List<String> tags) {
        return database.articles().importArticles(IntStream.range(0, count)
                .mapToObj(i -> new NewArticle("article " + i, tags)).toList());
    }

    @Test
    void tagsAndUntagsThousandsOfArticlesCountingOnlyWhatChanged(TestDatabase db, Database database)
            throws SQLException {
        List<Integer> ids = articles(database, 2500, List.of());
        ArticleRepository articles = database.articles();
        articles.tag(ids.get(0), "archived");

        assertEquals(2 * 2500 - 1, articles.tagAll(ids, List.of("Archived", "bulk", "ARCHIVED")));
        assertEquals(0, articles.tagAll(ids.subList(0, 10), List.of("bulk")), "already there");
        assertEquals(2500L, articles.count(TagQuery.withAll("archived", "bulk"), 10_000));
        assertEquals(List.of(), db.wrongCounts());

        assertEquals(1500, articles.untagAll(ids.subList(1000, 2500), List.of("bulk", "no such tag")));
        assertEquals(0, articles.untagAll(ids.subList(1000, 2500), List.of("bulk")));
        assertEquals(1000L, articles.count(TagQuery.withAll("bulk"), 10_000));
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void aMissingArticleChangesNothing(TestDatabase db, Database database) throws SQLException {
        List<Integer> ids = new ArrayList<>(articles(database, 5, List.of("kept")));
        List<List<Object>> before = db.everything();
        ids.add(999_999);

        NoSuchElementException missing = assertThrows(NoSuchElementException.class,
                () -> database.articles().tagAll(ids, List.of("new tag")));
        assertEquals("1 of the articles do not exist, the first: [999999]; nothing was changed", missing.getMessage());
        assertThrows(NoSuchElementException.class, () -> database.articles().untagAll(ids, List.of("kept")));
        assertEquals(before, db.everything());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnySql(TestDatabase db, Database database) throws SQLException {
        ArticleRepository articles = database.articles();
        List<List<Object>> before = db.everything();
        assertEquals("a bulk call takes 1 to 10000 articles, was given 10001", assertThrows(IllegalArgumentException.class,
                () -> articles.tagAll(IntStream.rangeClosed(1, 10_001).boxed().toList(), List.of("a"))).getMessage());
        assertEquals("a bulk call takes 1 to 10 tag names, was given 11", assertThrows(IllegalArgumentException.class,
                () -> articles.tagAll(List.of(1), IntStream.range(0, 11).mapToObj(i -> "t" + i).toList())).getMessage());
        assertEquals("an article id must not be null", assertThrows(IllegalArgumentException.class,
                () -> articles.untagAll(Collections.singletonList(null), List.of("a"))).getMessage());
        assertEquals("Tag name must not be blank", assertThrows(IllegalArgumentException.class,
                () -> articles.tagAll(List.of(1), List.of(" "))).getMessage());
        assertEquals(before, db.everything());
    }

    @Test
    void replacingTheTagsAddsWhatIsMissingAndRemovesTheRest(TestDatabase db, Database database) throws SQLException {
        int id = articles(database, 1, List.of("a", "b", "c")).get(0);

        Article replaced = database.articles().replaceTags(id, List.of("B", "c", "d", "é"));

        assertEquals(Set.of("b", "c", "d", "é"), names(replaced));
        assertEquals(names(replaced), names(database.articles().findWithTags(id).orElseThrow()));
        assertEquals(Set.of(), names(database.articles().replaceTags(id, List.of())));
        assertEquals(List.of(), db.wrongCounts());
        assertThrows(NoSuchElementException.class, () -> database.articles().replaceTags(999_999, List.of("a")));
    }

    /** What a user types, beyond the BMP and with quotes, through parse, replace, query and format. */
    @Test
    void aTypedTagListWithTextBeyondTheBmpRoundTripsThroughTheDatabase(TestDatabase db, Database database)
            throws SQLException {
        int id = articles(database, 1, List.of()).get(0);
        List<String> typed = TagList.parse("𠀀, \"🍕 pizza, hot\", ねこ , ネコ, \"say \"\"hi\"\"\", 𠀀");

        Article article = database.articles().replaceTags(id, typed);

        assertEquals(Set.of("𠀀", "🍕 pizza, hot", "ねこ", "ネコ", "say \"hi\""), names(article));
        assertEquals(List.of(id), database.articles().find(TagQuery.withAll("𠀀", "🍕 PIZZA, HOT").andNone("𠀁"),
                null, 10).items().stream().map(Article::getId).toList());
        assertEquals(List.of(), database.articles().find(TagQuery.withAll("𠀁"), null, 10).items(),
                "𠀁 is another tag than 𠀀");
        String formatted = TagList.format(names(database.articles().findWithTags(id).orElseThrow()).stream()
                .sorted().toList());
        assertEquals(names(article), Set.copyOf(TagList.parse(formatted)));
        assertEquals(List.of(), db.wrongCounts());
    }

    /** Concurrent replacements of one article's tags apply one after the other: the last one's set wins whole. */
    @Test
    void concurrentReplacementsLeaveOneOfTheSetsWhole(TestDatabase db, Database database) throws Exception {
        int id = articles(database, 1, List.of("start")).get(0);
        List<Set<String>> sets = List.of(Set.of("x1", "x2", "shared"), Set.of("y1", "shared"), Set.of("z1", "z2", "z3"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 10; round++) {
                List<Future<?>> work = new ArrayList<>();
                for (Set<String> set : sets) {
                    work.add(pool.submit(() -> database.articles().replaceTags(id, set)));
                }
                for (Future<?> future : work) {
                    future.get(60, TimeUnit.SECONDS);
                }
                Set<String> result = names(database.articles().findWithTags(id).orElseThrow());
                assertEquals(true, sets.contains(result), "round " + round + ": " + result);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), db.wrongCounts());
    }

    /** Two bulk calls over overlapping articles and tags at once: every link there once, counts exact. */
    @Test
    void overlappingBulkCallsAtOnceLeaveEveryLinkOnce(TestDatabase db, Database database) throws Exception {
        List<Integer> ids = articles(database, 3000, List.of());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> work = List.of(
                    pool.submit(() -> database.articles().tagAll(ids.subList(0, 2000), List.of("p", "q"))),
                    pool.submit(() -> database.articles().tagAll(ids.subList(1000, 3000), List.of("q", "r"))),
                    pool.submit(() -> database.articles().tagAll(ids, List.of("p"))));
            int added = 0;
            for (Future<Integer> future : work) {
                added += future.get(120, TimeUnit.SECONDS);
            }
            assertEquals(3000 + 3000 + 2000, added, "each link counted by the one call that added it");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(List.of(8000L)), db.query("SELECT COUNT(*) FROM article_tag"));
        assertEquals(List.of(), db.wrongCounts());
    }

    private static Set<String> names(Article article) {
        return article.getTags().stream().map(Tag::getName).collect(Collectors.toSet());
    }
}
