package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Articles by all, any and none of their tags, paged and counted, checked against the same selection made in
 * Java. Data: 120 articles; article i carries "mod2" if i is even, "mod3" if divisible by 3, "mod5" if by 5,
 * "draft" if i % 7 == 0; "unused" carries nothing.
 */
@ExtendWith(TestDatabaseExtension.class)
class TagQueryTest {

    private static final int ARTICLES = 120;

    private TestDatabase db;
    private ArticleRepository articles;

    @BeforeEach
    void importArticles(TestDatabase db, Database database) {
        this.db = db;
        this.articles = database.articles();
        articles.importArticles(IntStream.rangeClosed(1, ARTICLES).mapToObj(i -> {
            List<String> names = new ArrayList<>();
            if (i % 2 == 0) names.add("mod2");
            if (i % 3 == 0) names.add("mod3");
            if (i % 5 == 0) names.add("mod5");
            if (i % 7 == 0) names.add("draft");
            return new NewArticle("article " + i, names);
        }).toList());
        database.tags().findOrCreate("unused");
    }

    @Test
    void allAnyAndNoneCombinedPickWhatTheirDefinitionPicks() {
        assertPicks(TagQuery.withAll("mod2", "mod3").andAny("mod5", "draft").andNone("unused"),
                i -> i % 6 == 0 && (i % 5 == 0 || i % 7 == 0));
        assertPicks(TagQuery.withAll("mod2").andNone("mod3", "draft"), i -> i % 2 == 0 && i % 3 != 0 && i % 7 != 0);
        assertPicks(TagQuery.withAny("mod5", "draft").andNone("mod2"), i -> (i % 5 == 0 || i % 7 == 0) && i % 2 != 0);
        assertPicks(TagQuery.withAny("MOD5", "mod3", "mod5 "), i -> i % 3 == 0 || i % 5 == 0);
        assertPicks(TagQuery.withNone("mod2", "mod3"), i -> i % 2 != 0 && i % 3 != 0);
        assertPicks(TagQuery.withAll("mod2"), i -> i % 2 == 0);
        assertPicks(TagQuery.withAll("mod2").andAny("mod3"), i -> i % 6 == 0);
        // any-of drives when its tags are rarer than all-of's rarest: same answer either way
        assertPicks(TagQuery.withAll("mod2", "mod3").andAny("draft"), i -> i % 42 == 0);
        assertPicks(TagQuery.withAll("mod2").andNone("mod2"), i -> false);
    }

    @Test
    void exactlyTheseTagsAndNoTagAtAll() {
        assertPicks(TagQuery.withAll("mod2", "MOD3").andNoOthers(), i -> i % 6 == 0 && i % 5 != 0 && i % 7 != 0);
        assertPicks(TagQuery.withAny("mod2", "mod3").andNoOthers(),
                i -> (i % 2 == 0 || i % 3 == 0) && i % 5 != 0 && i % 7 != 0);
        assertPicks(TagQuery.untagged(), i -> i % 2 != 0 && i % 3 != 0 && i % 5 != 0 && i % 7 != 0);
        assertPicks(TagQuery.withAll("draft", "no such tag").andNoOthers(), i -> false);
    }

    @Test
    void aNameNoTagHasMatchesNothingInAllOfAndAddsNothingElsewhere() {
        assertPicks(TagQuery.withAll("mod2", "no such tag"), i -> false);
        assertPicks(TagQuery.withAny("no such tag"), i -> false);
        assertPicks(TagQuery.withAny("mod5", "no such tag"), i -> i % 5 == 0);
        assertPicks(TagQuery.withAll("mod5").andNone("no such tag"), i -> i % 5 == 0);
        assertPicks(TagQuery.withNone("no such tag"), i -> true);
        assertPicks(TagQuery.withAll("unused"), i -> false);
    }

    @Test
    void countsStopAtTheLimitGiven() {
        assertEquals(60L, (long) counted(1, repository -> repository.count(TagQuery.withAll("mod2"), 1000)), "the kept count");
        assertEquals(10, articles.count(TagQuery.withAll("MOD2"), 10));
        TagQuery query = TagQuery.withAll("mod2").andNone("mod3");
        assertEquals(40L, (long) counted(2, repository -> repository.count(query, 1000)), "the tags, then the count");
        assertEquals(25, articles.count(query, 25));
        assertEquals(ARTICLES - 60 - 40 + 20, articles.count(TagQuery.withNone("mod2", "mod3"), 1000));
        assertEquals(0, articles.count(TagQuery.withAll("no such tag"), 1000));
        assertEquals(56L, (long) counted(1, repository -> repository.count(TagQuery.withAny("mod3", "mod5"), 1000)));
    }

    @Test
    void eachQueryTakesAFixedNumberOfStatements() {
        // One tag alone, or any of some: the page, its articles and their tags in one statement.
        counted(1, repository -> repository.find(TagQuery.withAll("mod2"), null, 7));
        counted(1, repository -> repository.find(TagQuery.withAny("mod2", "mod3", "mod5"), null, 7));
        // Otherwise the tags' counts choose the plan first: the tags, then the page, which finds them by name itself.
        counted(2, repository -> repository.find(TagQuery.withAll("mod2", "mod3").andNone("draft"), "30", 7));
        counted(2, repository -> repository.summarize(TagQuery.withAll("mod2", "mod3").andNone("draft"), "30", 7));
        counted(1, repository -> repository.summarize(TagQuery.withAny("mod3", "mod5"), null, 7));
    }

    @Test
    void summariesHoldWhatTheEntitiesHold() {
        TagQuery query = TagQuery.withAll("mod3").andAny("mod2", "mod5").andNone("draft");
        List<ArticleSummary> summaries = articles.summarize(query, "10", 1000).items();
        assertEquals(articles.find(query, "10", 1000).items().stream().map(a -> new ArticleSummary(a.getId(),
                a.getTitle(), a.getTags().stream().map(Tag::getName).sorted().toList())).toList(), summaries);
        assertTrue(summaries.size() > 5);
    }

    @Test
    void badQueriesAreRefusedByName() {
        assertEquals("a tag query needs at least one tag name",
                assertThrows(IllegalArgumentException.class, () -> TagQuery.withAll()).getMessage());
        assertEquals("tag query, noneOf: Tag name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> TagQuery.withAll("a").andNone(" ")).getMessage());
        assertEquals("tag query must not be null",
                assertThrows(IllegalArgumentException.class, () -> articles.find(null, null, 10)).getMessage());
        assertEquals("atMost must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> articles.count(TagQuery.withAll("a"), 0)).getMessage());
        assertEquals(List.of("Java"), TagQuery.withAll("Java", " java ").allOf());
    }

    /** Pages through the query, 7 at a time, entities and summaries, and compares with the selection in Java. */
    private void assertPicks(TagQuery query, IntPredicate expected) {
        List<Integer> wanted = IntStream.rangeClosed(1, ARTICLES).filter(expected).boxed().toList();
        assertEquals(wanted, everyPage(after -> articles.find(query, after, 7), Article::getId), query.toString());
        assertEquals(wanted, everyPage(after -> articles.summarize(query, after, 7), ArticleSummary::id),
                query.toString());
        assertEquals(wanted.size(), articles.count(query, 1000), query.toString());
        for (Article article : articles.find(query, null, 1000).items()) {
            assertEquals(Set.copyOf(articles.findWithTags(article.getId()).orElseThrow().getTags()),
                    Set.copyOf(article.getTags()), "each article comes with all its tags");
        }
    }

    private static <T> List<Integer> everyPage(Function<String, Page<T>> page, Function<T, Integer> id) {
        List<Integer> ids = new ArrayList<>();
        String after = null;
        do {
            Page<T> next = page.apply(after);
            next.items().forEach(item -> ids.add(id.apply(item)));
            after = next.next();
        } while (after != null);
        return ids;
    }

    /** Runs the call on a Database whose pool counts every statement at the DataSource. */
    private <T> T counted(int expected, Function<ArticleRepository, T> call) {
        ArticleRepository counted = db.countedDatabase().articles();
        db.counter().reset();
        T result = call.apply(counted);
        assertEquals(expected, db.counter().statements(), "SQL statements sent");
        return result;
    }
}
