package io.github.articletag;

import io.github.articletag.own.OwnSchema;
import io.github.articletag.own.Post;
import io.github.articletag.own.Product;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counts' changes not folded yet ({@code tag_count_delta}): writers of one tag add them on stripes of their
 * own, every read adds them to the kept counts, so listings and counts are exact before the fold and after it; the
 * fold, the recount and the cleanup fold them in. Unfolded states are made by hand here (links and their changes
 * written in SQL), so that what is checked does not depend on when the background fold runs.
 */
@ExtendWith(TestDatabaseExtension.class)
class CountChangesTest {

    private static final int WRITERS = 4;
    private static final int ARTICLES_PER_WRITER = 150;

    @Test
    void writersOfOneTagCountExactlyWithoutDeadlockWhileTheFoldRuns(TestDatabase db) throws Exception {
        Database database = db.database();
        List<Integer> ids = database.articles().importArticles(IntStream.range(0, WRITERS * ARTICLES_PER_WRITER)
                .mapToObj(i -> new NewArticle("fresh " + i, List.of())).toList());
        // The tags exist: creating one new name from four threads at once is a race of its own (retried, see
        // ContendedTagsTest), not the one of counting.
        database.tags().findOrCreate("hot");
        database.tags().findOrCreate("warm");
        long deadlocksBefore = database.statistics().retries().get(RetryCause.DEADLOCK); // the database is shared
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<Integer> own = ids.subList(w * ARTICLES_PER_WRITER, (w + 1) * ARTICLES_PER_WRITER);
            done.add(pool.submit(() -> {
                for (int i = 0; i < own.size(); i++) {
                    database.articles().tag(own.get(i), "hot", "warm");
                    if (i % 3 == 0) {
                        database.articles().untag(own.get(i), "warm");
                    }
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(List.of(), db.wrongCounts());
        assertEquals(List.of("hot=600", "warm=400"), names(database.tags().mostUsed(2)));
        assertEquals(deadlocksBefore, database.statistics().retries().get(RetryCause.DEADLOCK), "writers deadlocked");
        waitUntilFolded(db);
        assertEquals(List.of(List.of(600, 400)), db.query("SELECT"
                + " (SELECT article_count FROM tag WHERE name = 'hot'), (SELECT article_count FROM tag WHERE name = 'warm')"));
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void listingsByCountAddTheChangesNotFoldedYet(TestDatabase db) throws SQLException {
        Database database = db.database();
        database.articles().importArticles(IntStream.range(0, 5).mapToObj(i -> new NewArticle("a" + i,
                i < 3 ? List.of("three", "five") : List.of("five"))).toList());
        // "rare" is on no article by its kept count; four links and their changes arrive unfolded.
        int rare = database.tags().findOrCreate("rare").getId();
        db.execute("INSERT INTO article_tag (article_id, tag_id) SELECT id, " + rare + " FROM article WHERE id <= 4");
        db.execute("INSERT INTO tag_count_delta (tag_id, counted, stripe, delta) VALUES (" + rare
                + ", 'article_tag', 1, 3), (" + rare + ", 'article_tag', 7, 1)");

        assertEquals(List.of(), db.wrongCounts());
        assertEquals(List.of("five=5", "rare=4", "three=3"), names(database.tags().mostUsed(10)));
        Page<TagCount> first = database.tags().counts(null, 1);
        Page<TagCount> second = database.tags().counts(first.next(), 1);
        assertEquals(List.of("five=5", "rare=4"), List.of(names(first.items()).get(0), names(second.items()).get(0)));
        assertEquals(List.of("rare=4"), names(database.tags().suggest("ra", 5)));
        assertEquals(4, database.articles().count(TagQuery.withAll("rare"), 100));
        assertEquals(4, database.tags().usage("rare").orElseThrow().total());

        assertEquals(0, database.tags().recount(), "the changes are part of the count: nothing is wrong");
        assertEquals(List.of(List.of(4)), db.query("SELECT article_count FROM tag WHERE id = ?", rare));
        assertEquals(0, db.count("tag_count_delta"));
    }

    @Test
    void aTypesListingAddsItsChangesAndTheCleanupKeepsTheirTags(TestDatabase db) throws SQLException {
        try (Database own = OwnSchema.open(db.settings())) {
            OwnSchema.recreate(own);
            try {
                db.execute("INSERT INTO post (title, body, author, version) VALUES ('one', 'b', 'ana', 0),"
                        + " ('two', 'b', 'ana', 0)");
                int tag = own.tags().findOrCreate("only posts").getId();
                // Two links and their changes, unfolded: the type's count table has no row for the tag yet.
                db.execute("INSERT INTO post_tag (post_id, tag_id) VALUES (1, " + tag + "), (2, " + tag + ")");
                db.execute("INSERT INTO tag_count_delta (tag_id, counted, stripe, delta) VALUES (" + tag
                        + ", 'post_tag', 3, 2)");

                TaggedRepository<Post> posts = own.tagged(Post.class);
                assertEquals(List.of("only posts=2"), names(posts.tagCounts(null, 10).items()));
                assertEquals(List.of("only posts=2"), names(posts.suggest("only", 10)));
                assertEquals(List.of(), own.tagged(Product.class).tagCounts(null, 10).items());
                assertEquals(0, own.tags().deleteUnused(), "a tag the posts carry stays");
                assertEquals(List.of(), db.wrongCounts("post_tag"));
                assertEquals(List.of(List.of(2)), db.query("SELECT tagged FROM post_tag_count WHERE tag_id = ?", tag));
            } finally {
                OwnSchema.drop(own);
            }
        }
    }

    /** The background fold runs a second after a write: waits for it to leave no change. */
    private static void waitUntilFolded(TestDatabase db) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (db.count("tag_count_delta") > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the changes were not folded within 20 s");
            Thread.sleep(100);
        }
    }

    private static List<String> names(List<TagCount> counts) {
        return counts.stream().map(tag -> tag.name() + "=" + tag.articles()).toList();
    }
}
