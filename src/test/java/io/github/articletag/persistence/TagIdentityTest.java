package io.github.articletag.persistence;

import io.github.articletag.domain.Tag;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One tag per name: the unique key, its case rule, and find-or-create under concurrency. */
@ExtendWith(TestDatabaseExtension.class)
class TagIdentityTest {

    @Test
    void namesDifferingOnlyInCaseOrSurroundingSpaceAreOneTag(TestDatabase db) throws Exception {
        Tag java = db.database().tags().findOrCreate("Java");

        assertEquals(java.getId(), db.database().tags().findOrCreate("  java ").getId());
        assertEquals(java.getId(), db.database().tags().findByName("JAVA").orElseThrow().getId());
        assertEquals("Java", db.database().tags().findByName("java").orElseThrow().getName());
        assertEquals(1L, TaggingLifecycleTest.count(db, "tag"));
    }

    @Test
    void theUniqueKeyRejectsADuplicateNameWrittenAroundTheLibrary(TestDatabase db) {
        db.database().tags().findOrCreate("java");

        assertThrows(ConstraintViolationException.class,
                () -> db.database().inTransaction(session -> session.persist(new Tag("JAVA"))));
    }

    @Test
    void concurrentFindOrCreateOfOneNewNameYieldsOneTag(TestDatabase db) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                String name = "hot-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> ids = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    ids.add(pool.submit(() -> {
                        start.await();
                        return db.database().tags().findOrCreate(name).getId();
                    }));
                }
                start.countDown();
                Set<Integer> distinct = new HashSet<>();
                for (Future<Integer> id : ids) {
                    distinct.add(id.get(30, TimeUnit.SECONDS)); // rethrows any caller's exception
                }
                assertEquals(1, distinct.size(), "callers for " + name + " got " + distinct);
                assertEquals(List.of(List.of(1L)), db.query("SELECT COUNT(*) FROM tag WHERE name = ?", name));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
