package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting the tags no article uses: all of them, in batches, and none that a concurrent call is linking. */
@ExtendWith(TestDatabaseExtension.class)
class UnusedTagsTest {

    @Test
    void deletesEveryUnusedTagInBatchesAndKeepsTheUsedOnes(TestDatabase db, Database database) throws SQLException {
        List<NewArticle> input = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            input.add(new NewArticle("article " + i, List.of("tag" + i)));
        }
        List<Integer> ids = database.articles().importArticles(input);
        for (int i = 0; i < 2400; i++) {
            database.articles().untag(ids.get(i), "tag" + i);
        }
        database.tags().findOrCreate("never used");

        assertEquals(2401, database.tags().deleteUnused());

        assertEquals(100L, db.count("tag"));
        assertEquals(0, database.tags().deleteUnused());
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void aTagWithLinksWrittenBehindTheLibrarysBackIsKeptWhateverItsCount(TestDatabase db, Database database)
            throws SQLException {
        int article = database.articles().save(new Article("a")).getId();
        int tag = database.tags().findOrCreate("linked by hand").getId();
        db.execute("INSERT INTO article_tag (article_id, tag_id) VALUES (" + article + ", " + tag + ")");

        assertEquals(0, database.tags().deleteUnused());
        assertEquals(List.of(List.of(article, tag)), db.links());
    }

    /**
     * Threads tag articles with tags that are unused a moment before, while the cleanup runs over and over: no
     * call fails, no link is lost, the counts stay exact.
     */
    @Test
    void taggingWhileTheCleanupRunsLosesNoLink(TestDatabase db, Database database) throws Exception {
        List<NewArticle> input = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            input.add(new NewArticle("article " + i, List.of()));
        }
        List<Integer> ids = database.articles().importArticles(input);
        for (int i = 0; i < 120; i++) {
            database.tags().findOrCreate("fresh" + i % 40);
        }
        Set<List<Integer>> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                List<Integer> own = ids.subList(t * 40, (t + 1) * 40);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < own.size(); i++) {
                        Article tagged = database.articles().tag(own.get(i), "fresh" + i);
                        acknowledged.add(List.of(own.get(i), tagged.getTags().iterator().next().getId()));
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                for (int round = 0; round < 30; round++) {
                    database.tags().deleteUnused();
                }
                return null;
            }));
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(120, acknowledged.size());
        for (List<Integer> link : acknowledged) {
            assertTrue(db.links().contains(link), "lost " + link);
        }
        assertEquals(List.of(), db.wrongCounts());
    }
}
