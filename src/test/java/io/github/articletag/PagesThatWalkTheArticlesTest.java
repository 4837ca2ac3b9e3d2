package io.github.articletag;

import io.github.articletag.internal.TaggedArticles;
import io.github.articletag.testing.HandlerReads;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A query that names no tag an article must carry (untagged, none of some) walks the articles themselves, at most
 * {@value TaggedArticles#WALK} per page, so a page costs the same when almost nothing matches: it may then hold
 * fewer articles, or none, with a cursor to go on. Data: 12,000 articles, all tagged "t" but for 7000 and 11500,
 * every fourth also "even".
 */
@ExtendWith(TestDatabaseExtension.class)
class PagesThatWalkTheArticlesTest {

    private static final int ARTICLES = 12_000;
    private static final List<Integer> UNTAGGED = List.of(7000, 11_500);

    private HandlerReads server;
    private ArticleRepository articles;

    @BeforeEach
    void importArticles(TestDatabase db) {
        db.database().articles().importArticles(IntStream.rangeClosed(1, ARTICLES).mapToObj(i -> new NewArticle(
                "article " + i, UNTAGGED.contains(i) ? List.of() : i % 4 == 0 ? List.of("t", "even") : List.of("t")))
                .toList());
        server = new HandlerReads(db.settings());
        articles = server.database().articles();
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void untaggedArticlesArePagedByBoundedWalks() {
        List<Page<Article>> pages = new ArrayList<>();
        String after = null;
        do {
            String from = after;
            long reads = server.of(() -> pages.add(articles.find(TagQuery.untagged(), from, 20)));
            System.out.println("[reads] untagged, a page after " + from + ": " + reads);
            // Per article walked: its key, the lookup of its links; the walk's derived table written and read back.
            assertTrue(reads <= 6L * TaggedArticles.WALK, "an untagged page read " + reads + " rows");
            after = pages.get(pages.size() - 1).next();
        } while (after != null);
        assertEquals(List.of("[] then 5000", "[7000] then 10000", "[11500] then null"), pages.stream()
                .map(page -> page.items().stream().map(Article::getId).toList() + " then " + page.next()).toList());
        assertEquals(2, articles.count(TagQuery.untagged(), 1000), "a count walks until it has them all");
    }

    @Test
    void aPageOfArticlesWithoutATagThatMostCarryWalksAsFar() {
        Page<ArticleSummary> first = articles.summarize(TagQuery.withNone("t"), null, 1);
        assertEquals(List.of(), first.items());
        assertEquals("5000", first.next());
        Page<ArticleSummary> second = articles.summarize(TagQuery.withNone("t"), first.next(), 1);
        assertEquals(List.of(7000), second.items().stream().map(ArticleSummary::id).toList());
        assertEquals("10000", second.next(), "no second match in the walk: the cursor is where it stopped");
        Page<ArticleSummary> both = articles.summarize(TagQuery.withNone("t"), "6999", 1);
        assertEquals("7000", both.next(), "a second match in the walk: the cursor is the page's last article");
        assertEquals(20, articles.find(TagQuery.withNone("even"), "100", 20).items().size(),
                "when most articles match, a page is full");
        assertEquals(ARTICLES * 3 / 4 + UNTAGGED.size(), articles.count(TagQuery.withNone("even"), ARTICLES),
                "every article without \"even\", the two untagged among them");
    }
}
