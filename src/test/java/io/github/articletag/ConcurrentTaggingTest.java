package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several threads tag and untag the same articles at once, for a bounded time. Each thread owns its own tag
 * names, so the final state is known exactly from the operations that completed: a lost or duplicated link
 * shows as a difference. Deadlocks and lock timeouts are retried inside the library; none may escape.
 */
@ExtendWith(TestDatabaseExtension.class)
class ConcurrentTaggingTest {

    private static final int THREADS = 4;
    private static final int ARTICLES = 5;
    private static final int TAGS_PER_THREAD = 3;
    private static final long MILLIS = 4_000;
    private static final int MAX_OPERATIONS_PER_THREAD = 400;

    @Test
    void concurrentTaggingLosesAndDuplicatesNothing(TestDatabase db) throws Exception {
        List<Integer> articleIds = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            articleIds.add(db.database().articles().save(new Article("shared" + i)).getId());
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        long deadline = System.currentTimeMillis() + MILLIS;
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            outcomes.add(pool.submit(() -> run(db, thread, articleIds, deadline)));
        }
        Set<String> expected = new HashSet<>();
        int operations = 0;
        for (Future<Outcome> future : outcomes) {
            Outcome outcome = future.get(60, TimeUnit.SECONDS); // rethrows any operation's failure
            expected.addAll(outcome.links());
            operations += outcome.operations();
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

        Set<String> actual = new HashSet<>();
        for (List<Object> row : db.query("SELECT a.title, t.name FROM article_tag l "
                + "JOIN article a ON a.id = l.article_id JOIN tag t ON t.id = l.tag_id")) {
            actual.add(row.get(0) + "/" + row.get(1));
        }
        assertEquals(expected, actual);
        assertEquals((long) actual.size(), db.count("article_tag"));
        // Enough work overlapped for the test to mean something (each operation is a few milliseconds).
        assertTrue(operations >= THREADS * 20, "only " + operations + " operations completed");
    }

    private record Outcome(Set<String> links, int operations) {
    }

    /** Random tag/untag operations on this thread's tags until the deadline; returns the links it left. */
    private static Outcome run(TestDatabase db, int thread, List<Integer> articleIds, long deadline) {
        Random random = new Random(thread);
        Set<String> links = new HashSet<>();
        int done = 0;
        for (; done < MAX_OPERATIONS_PER_THREAD && System.currentTimeMillis() < deadline; done++) {
            int index = random.nextInt(articleIds.size());
            String tag = "t" + thread + "-" + random.nextInt(TAGS_PER_THREAD);
            String link = "shared" + index + "/" + tag;
            if (random.nextInt(3) < 2) {
                db.database().articles().tag(articleIds.get(index), tag);
                links.add(link);
            } else {
                db.database().articles().untag(articleIds.get(index), tag);
                links.remove(link);
            }
        }
        return new Outcome(links, done);
    }
}
