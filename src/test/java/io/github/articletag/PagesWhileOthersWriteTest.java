package io.github.articletag;

import io.github.articletag.testing.CountingDataSource;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page is one moment's truth while other clients write: it is short only at the end, its cursor continues
 * where it stopped, and each article it returns carries the tags that picked it. Another client's delete and
 * untag are run between the statements of each call (before each one in turn, deterministically), and then by a
 * thread writing throughout whole walks.
 *
 * <p>Data: articles 1 to 100 carry "java"; the even ones also "jpa", every fifth also "draft".
 */
@ExtendWith(TestDatabaseExtension.class)
class PagesWhileOthersWriteTest {

    private static final int ARTICLES = 100;
    private static final int SIZE = 5;

    private TestDatabase db;
    /** The other client. */
    private Database other;

    @BeforeEach
    void importArticles(TestDatabase db, Database database) {
        this.db = db;
        this.other = database;
        database.articles().importArticles(IntStream.rangeClosed(1, ARTICLES).mapToObj(PagesWhileOthersWriteTest::article).toList());
    }

    private static NewArticle article(int i) {
        List<String> names = new ArrayList<>(List.of("java"));
        if (i % 2 == 0) names.add("jpa");
        if (i % 5 == 0) names.add("draft");
        return new NewArticle("article " + i, names);
    }

    /** A paged call of the library, and what each article it returns must carry. */
    private record Listing(String name, Function<String, Page<Article>> page, Predicate<Set<String>> picks) {
    }

    private List<Listing> listings(Database library) {
        ArticleRepository articles = library.articles();
        return List.of(
                new Listing("findTagged", after -> articles.findTagged("java", after, SIZE), tags -> tags.contains("java")),
                new Listing("find(all java, jpa)", after -> articles.find(TagQuery.withAll("java", "jpa"), after, SIZE),
                        tags -> tags.containsAll(List.of("java", "jpa"))),
                new Listing("find(all java, none draft)",
                        after -> articles.find(TagQuery.withAll("java").andNone("draft"), after, SIZE),
                        tags -> tags.contains("java") && !tags.contains("draft")),
                new Listing("findTaggedWithAny", after -> articles.findTaggedWithAny(List.of("java", "jpa"), after, SIZE),
                        tags -> tags.contains("java") || tags.contains("jpa")),
                new Listing("findPage", after -> articles.findPage(after, SIZE), tags -> true));
    }

    @Test
    void anotherClientsDeleteAndUntagBetweenTheStatementsOfAPageChangeNothingInIt() {
        CountingDataSource counter = db.counter();
        for (Listing listing : listings(db.countedDatabase())) {
            counter.reset();
            listing.page().apply(null);
            long statements = counter.statements();
            for (int k = 1; k <= statements; k++) {
                List<Integer> first = firstPage(listing);
                int deleted = first.get(1);
                int untagged = first.get(2);
                counter.beforeStatement(k, () -> {
                    assertTrue(other.articles().delete(deleted));
                    assertTrue(other.articles().untag(untagged, "java"));
                });
                Page<Article> page = listing.page().apply(null);
                String where = listing.name() + ", the other client writing before statement " + k + " of " + statements;
                assertEquals(SIZE, page.items().size(), where + ": a page is short only at the end");
                assertNotNull(page.next(), where);
                assertEquals(String.valueOf(page.items().get(SIZE - 1).getId()), page.next(), where);
                page.items().forEach(article -> assertTrue(listing.picks().test(names(article)),
                        where + ": " + article + " carries " + names(article)));
                Page<Article> next = listing.page().apply(page.next());
                assertTrue(next.items().get(0).getId() > page.items().get(SIZE - 1).getId(), where);
                // Restored for the next round: the untagged article is tagged again.
                other.articles().tag(untagged, "java");
            }
        }
    }

    @Test
    void aTagRenamedOrDeletedAfterTheLookupChoseThePlanIsReadAsThePageFindsIt() {
        CountingDataSource counter = db.counter();
        ArticleRepository articles = db.countedDatabase().articles();
        TagQuery query = TagQuery.withAll("java", "jpa").andNone("draft");
        counter.reset();
        assertEquals(List.of(2, 4, 6, 8, 12), ids(articles.find(query, null, SIZE)));
        assertEquals(2, counter.statements(), "the tags' lookup, then the page");

        // Renamed between the two: at the page's moment no tag is called "draft", so nothing is left out for it.
        int draft = other.tags().findByName("draft").orElseThrow().getId();
        counter.beforeStatement(2, () -> other.tags().rename(draft, "final"));
        Page<Article> page = articles.find(query, null, SIZE);
        assertEquals(List.of(2, 4, 6, 8, 10), ids(page));
        assertTrue(names(page.items().get(4)).contains("final"), "article 10 as the page read it");

        // Deleted between the two: at the page's moment no article carries "jpa".
        int jpa = other.tags().findByName("jpa").orElseThrow().getId();
        counter.beforeStatement(2, () -> assertTrue(other.tags().delete(jpa)));
        assertEquals(List.of(), ids(articles.find(TagQuery.withAll("java", "jpa").andNone("final"), null, SIZE)));
    }

    private static List<Integer> ids(Page<Article> page) {
        return page.items().stream().map(Article::getId).toList();
    }

    @Test
    void aTagsFirstArticlesComeFromOneSnapshot() {
        CountingDataSource counter = db.counter();
        TagRepository tags = db.countedDatabase().tags();
        int java = other.tags().findByName("java").orElseThrow().getId();
        counter.reset();
        tags.findWithArticles(java, SIZE);
        long statements = counter.statements();
        for (int k = 1; k <= statements; k++) {
            List<Article> before = other.tags().findWithArticles(java, SIZE).orElseThrow().getArticles();
            int deleted = before.get(1).getId();
            counter.beforeStatement(k, () -> assertTrue(other.articles().delete(deleted)));
            Tag tag = tags.findWithArticles(java, SIZE).orElseThrow();
            assertEquals(SIZE, tag.getArticles().size(), "the other client deleting before statement " + k);
        }
        // Deleted (its links with it) once the tag is read, before its links are: they are still in its snapshot.
        counter.beforeStatement((int) statements - 1, () -> assertTrue(other.tags().delete(java)));
        assertEquals(SIZE, tags.findWithArticles(java, SIZE).orElseThrow().getArticles().size(),
                "a tag deleted after it was read still has its articles in the same snapshot");
    }

    @Test
    void walksWhileAnotherThreadDeletesInsertsAndUntagsReturnEveryStableArticleExactlyOnce() throws Exception {
        // Articles 1 to 50 are never touched; the writer deletes and re-creates, untags and tags again the others.
        Set<Integer> stable = new HashSet<>(IntStream.rangeClosed(1, 50).boxed().toList());
        List<Integer> churn = new ArrayList<>(IntStream.rangeClosed(51, ARTICLES).boxed().toList());
        AtomicBoolean walking = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> writer = threads.submit(() -> {
                int writes = 0;
                while (walking.get()) {
                    int i = ThreadLocalRandom.current().nextInt(churn.size());
                    int id = churn.get(i);
                    switch (writes % 3) {
                        case 0 -> {
                            other.articles().delete(id);
                            churn.set(i, other.articles().importArticles(List.of(article(id))).get(0));
                        }
                        case 1 -> other.articles().untag(id, "java");
                        default -> other.articles().tag(id, "java");
                    }
                    writes++;
                }
                return writes;
            });
            Future<Integer> walks = threads.submit(() -> {
                try {
                    int pages = 0;
                    for (int round = 0; round < 4; round++) {
                        for (Listing listing : listings(db.database())) {
                            pages += walk(listing, stable);
                        }
                    }
                    return pages;
                } finally {
                    walking.set(false);
                }
            });
            int pages = walks.get(5, TimeUnit.MINUTES);
            int writes = writer.get(1, TimeUnit.MINUTES);
            System.out.println("[pages while others write] " + pages + " pages walked during " + writes + " writes");
            assertTrue(writes > 10, "the writer wrote during the walks: " + writes);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(List.of(), db.wrongCounts(), "kept counts exact after the writes");
    }

    /** Walks every page of the listing; returns how many pages it read. */
    private static int walk(Listing listing, Set<Integer> stable) {
        List<Integer> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page<Article> page = listing.page().apply(after);
            pages++;
            for (Article article : page.items()) {
                assertTrue(seen.isEmpty() || article.getId() > seen.get(seen.size() - 1),
                        listing.name() + ": ids in order, none twice: " + article.getId() + " after " + seen);
                assertTrue(listing.picks().test(names(article)), listing.name() + ": " + article + " carries "
                        + names(article));
                seen.add(article.getId());
            }
            assertFalse(page.next() != null && page.items().size() < SIZE, listing.name() + ": a short page ends it");
            after = page.next();
        } while (after != null);
        for (int id : stable) {
            boolean picked = listing.picks().test(tagsOfStable(id));
            assertEquals(picked, seen.contains(id), listing.name() + ": stable article " + id);
        }
        return pages;
    }

    /** The tags a stable article always carries. */
    private static Set<String> tagsOfStable(int id) {
        return Set.copyOf(article(id).tagNames());
    }

    private List<Integer> firstPage(Listing listing) {
        return listing.page().apply(null).items().stream().map(Article::getId).toList();
    }

    private static Set<String> names(Article article) {
        Set<String> names = new HashSet<>();
        article.getTags().forEach(tag -> names.add(tag.getName()));
        return names;
    }
}
