package io.github.articletag;

import io.github.articletag.internal.Completion;
import io.github.articletag.testing.HandlerReads;
import io.github.articletag.testing.ReadBounds;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every paged read costs the server about what it returns, at any depth: the rows it reads, counted by the
 * server itself (Handler_read_*), stay far below the tables' size on the first page and on the last, so a query
 * that regresses to a scan or a sort of a whole tag fails here. Data: 3,000 articles; "big" on every one, "mid" on
 * every third, "rare" on every hundredth, and one of 50 tags "t0".."t49" each.
 */
@ExtendWith(TestDatabaseExtension.class)
class BoundedReadsTest {

    private static final int ARTICLES = 3000;
    private static final int PAGE = 20;
    /** Reads a page of {@value #PAGE} may cost: its rows, their links and tags, the index entries that find them. */
    private static final long BOUND = 400;

    private HandlerReads server;
    private ReadBounds bounded;
    private ArticleRepository articles;
    private TagRepository tags;

    @BeforeEach
    void importArticles(TestDatabase db) {
        db.database().articles().importArticles(IntStream.rangeClosed(1, ARTICLES).mapToObj(i -> {
            List<String> names = new ArrayList<>(List.of("big", "t" + i % 50));
            if (i % 3 == 0) {
                names.add("mid");
            }
            if (i % 100 == 0) {
                names.add("rare");
            }
            return new NewArticle("article " + i, names);
        }).toList());
        server = new HandlerReads(db.settings());
        bounded = new ReadBounds(server, BOUND, "a page of " + PAGE + ", " + ARTICLES + " articles");
        articles = server.database().articles();
        tags = server.database().tags();
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void pagesOfAllArticles() {
        bounded.atAnyDepth("findPage", after -> articles.findPage(after, PAGE), "2900");
        bounded.atAnyDepth("summarizePage", after -> articles.summarizePage(after, PAGE), "2900");
    }

    @Test
    void pagesOfOneTagsArticles() {
        bounded.atAnyDepth("findTagged", after -> articles.findTagged("mid", after, PAGE), "2700");
        bounded.atAnyDepth("summarizeTagged", after -> articles.summarizeTagged("MID", after, PAGE), "2700");
        bounded.atAnyDepth("findTagged of the tag on every article",
                after -> articles.findTagged("big", after, PAGE), "2900");
    }

    @Test
    void pagesOfArticlesWithAllOrAnyOfSeveralTags() {
        // The rare tag drives, whichever is named first; the big one is looked up per article.
        bounded.atAnyDepth("findTaggedWithAll",
                after -> articles.findTaggedWithAll(List.of("big", "rare"), after, PAGE), "2000");
        bounded.atAnyDepth("findTaggedWithAny",
                after -> articles.findTaggedWithAny(List.of("rare", "mid"), after, PAGE), "2700");
        bounded.atAnyDepth("summarizeTaggedWithAll",
                after -> articles.summarizeTaggedWithAll(List.of("big", "rare"), after, PAGE), "2000");
        bounded.atAnyDepth("summarizeTaggedWithAny",
                after -> articles.summarizeTaggedWithAny(List.of("rare", "mid"), after, PAGE), "2700");
    }

    @Test
    void pagesOfCombinedQueriesAndTheirCounts() {
        // "rare" and "mid" carry fewer articles than "big": their pages drive, "big" and "t1" are looked up.
        // Two ranges drive, a page each: twice the bound (MariaDB 11.4 read 515 rows on the first page, MySQL 345).
        TagQuery combined = TagQuery.withAll("big").andAny("rare", "mid").andNone("t1");
        bounded.atAnyDepth("find, combined", after -> articles.find(combined, after, PAGE), "2000", 2 * BOUND);
        bounded.atAnyDepth("summarize, all and none",
                after -> articles.summarize(TagQuery.withAll("mid", "big").andNone("rare"), after, PAGE), "2000");
        bounded.atAnyDepth("find, none of one tag",
                after -> articles.find(TagQuery.withNone("rare"), after, PAGE), "2000");
        bounded.of("count up to a page", () -> articles.count(TagQuery.withAll("big", "mid"), PAGE));
    }

    @Test
    void relatedTagsCountASampleOfAPopularTag() {
        bounded.of("related, rare tag", () -> tags.related("rare", 10));
        // Per sampled article about 7 reads: its index entry, the lookup of its 3.3 links, the derived table's row
        // written and read back. The sample's 2,000 read about 13,500; all of "big"'s 3,000 would be 22,000.
        long reads = server.of(() -> tags.related("big", 10));
        System.out.println("[reads] related, tag on every article: " + reads);
        assertTrue(reads <= 16_000, "related read " + reads + " rows: not a sample?");
    }

    @Test
    void relatedArticlesCountASampleOfEachPopularTag() {
        // Article 3000 carries big, t0, mid and rare; so do 300, 600, ..., 2700. Of big's other articles only the
        // newest 2,000 (1000 to 2999) count it: 1200 and later share 4 tags in the sample, 300 to 900 share 3.
        long reads = server.of(() -> articles.findRelated(3000, 3));
        System.out.println("[reads] findRelated, an article carrying the tag on every article: " + reads);
        assertEquals(List.of("1200=4", "1500=4", "1800=4"), articles.findRelated(3000, 3).stream()
                .map(related -> related.id() + "=" + related.sharedTags()).toList());
    }

    @Test
    void aTagWithTheFirstPageOfItsArticles() {
        int big = tags.findByName("big").orElseThrow().getId();
        bounded.of("findWithArticles", () -> tags.findWithArticles(big, PAGE));
    }

    @Test
    void theMostUsedTagsAndCompletion() {
        bounded.of("mostUsed", () -> tags.mostUsed(PAGE));
        Page<TagCount> first = tags.counts(null, PAGE);
        bounded.of("counts, next page", () -> tags.counts(first.next(), PAGE));
        bounded.of("suggest", () -> tags.suggest("T1", 10));
        assertEquals(List.of("t1", "t10", "t11", "t12", "t13", "t14", "t15", "t16", "t17", "t18", "t19"),
                tags.suggest("T1", 20).stream().map(TagCount::name).sorted().toList());
    }

    @Test
    void completionOfAPrefixTensOfThousandsOfNamesShare(TestDatabase db) throws SQLException {
        // 60,000 unused names start with "w" before the used ones in key order: their range is 120,000 reads.
        db.addUnusedTags("w", 60_000);
        db.database().articles().importArticles(List.of(new NewArticle("one", List.of("wy", "wz")),
                new NewArticle("two", List.of("wz"))));
        long reads = server.of(() -> tags.suggest("w", 2));
        System.out.println("[reads] suggest, a prefix 60,002 names share: " + reads);
        // Both statements read the range's first names, the second also the most used tags; per name or tag: its
        // index entry, its row, its count, the derived tables' rows written and read back (MySQL 9.7 read 19,900
        // for articles and 24,000 for posts, MariaDB 10.11 31,800 and 28,000). The whole range: over 120,000.
        assertTrue(reads <= 10L * (Completion.NAMES + Completion.MOST_USED), "suggest read " + reads
                + " rows: the prefix's whole range?");
        assertEquals(List.of("wz=2", "wy=1"), tags.suggest("W", 2).stream()
                .map(tag -> tag.name() + "=" + tag.articles()).toList());
        assertEquals(List.of("w00009", "w00008", "w00007"), tags.suggest("w0000", 3).stream().map(TagCount::name)
                .toList(), "a prefix of at most " + Completion.NAMES + " names: all of them, the newest first among equals");
    }
}
