package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threads that share articles, tags and links: merge, rename and delete of tags while others tag articles with
 * the same names, concurrent untag of one link, concurrent imports sharing new names, two users saving one
 * article. Each loop is bounded in count; every exception a thread meets fails the test unless it is the
 * documented answer to that race. At the end, every acknowledged change must be in the tables.
 */
@ExtendWith(TestDatabaseExtension.class)
class ContendedTagsTest {

    private static final int TAGGERS = 3;
    private static final int ROUNDS = 40;

    @Test
    void mergingATagWhileOthersTagWithItsNameLosesNoLink(TestDatabase db) throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> work = taggers(db, "old", acknowledged);
        Tag into = db.database().tags().findOrCreate("new");
        work.add(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                // Once merged, "old" is an alias: it finds the kept tag, and tagging by it links to that tag.
                db.database().tags().findByName("old").filter(old -> !old.getId().equals(into.getId())).ifPresent(old -> {
                    try {
                        db.database().tags().merge(old.getId(), into.getId());
                    } catch (java.util.NoSuchElementException goneMeanwhile) {
                        // documented: a tag another call merged first no longer exists
                    }
                });
            }
            return null;
        });

        runAll(work);

        // Every article tagged "old" carries "old" (tagged before any merge, none happened) or "new" (merged, or
        // tagged by the alias since).
        assertEachCarriesOneOf(db, acknowledged, "old", "new");
        assertEquals(TAGGERS * ROUNDS, acknowledged.size());
        assertNoDanglingLinks(db);
    }

    @Test
    void renamingATagWhileOthersTagWithItsNameLosesNoLink(TestDatabase db) throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> work = taggers(db, "r1", acknowledged);
        work.add(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                String from = i % 2 == 0 ? "r1" : "r2";
                String to = i % 2 == 0 ? "r2" : "r1";
                db.database().tags().findByName(from).ifPresent(tag -> {
                    try {
                        db.database().tags().rename(tag.getId(), to);
                    } catch (IllegalArgumentException nameTaken) {
                        // documented: "r1" was created again by a tagger meanwhile
                    } catch (java.util.NoSuchElementException goneMeanwhile) {
                        // documented: the tag no longer exists
                    }
                });
            }
            return null;
        });

        runAll(work);

        assertEachCarriesOneOf(db, acknowledged, "r1", "r2");
        assertNoDanglingLinks(db);
    }

    @Test
    void deletingATagWhileOthersTagWithItsNameNeverFailsTheTagging(TestDatabase db) throws Exception {
        List<Integer> articles = articles(db, TAGGERS * ROUNDS);
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < TAGGERS; t++) {
            int thread = t;
            work.add(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    Article tagged = db.database().articles().tag(articles.get(thread * ROUNDS + i), "doomed");
                    assertTrue(tagged.getTags().stream().anyMatch(tag -> tag.getName().equals("doomed")));
                }
                return null;
            });
        }
        work.add(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                db.database().tags().findByName("doomed").ifPresent(tag -> db.database().tags().delete(tag.getId()));
            }
            return null;
        });

        runAll(work); // a tag deleted between finding and linking it is found or created again, not an error

        assertTrue(db.count("tag") <= 1);
        assertNoDanglingLinks(db);
    }

    @Test
    void ofEightConcurrentUntagsOfOneLinkExactlyOneReportsIt(TestDatabase db) throws Exception {
        for (int round = 0; round < 5; round++) {
            int article = db.database().articles().save(new Article("untag " + round)).getId();
            db.database().articles().tag(article, "once");
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(() -> {
                    start.await();
                    return db.database().articles().untag(article, "once");
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                work.forEach(task -> results.add(pool.submit(task)));
                start.countDown();
                int reported = 0;
                for (Future<Boolean> result : results) {
                    reported += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, reported, "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void concurrentImportsSharingNewNamesAllSucceedWithTheirOwnIds(TestDatabase db) throws Exception {
        int perImport = 300;
        List<Callable<List<Integer>>> work = new ArrayList<>();
        List<List<NewArticle>> inputs = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            List<NewArticle> input = new ArrayList<>();
            for (int i = 0; i < perImport; i++) {
                // Names shared by all three imports, met in a different order by each.
                input.add(new NewArticle("import " + t + "/" + i,
                        List.of("s" + ((i + 7 * t) % 50), "s" + ((i * 3 + t) % 50), "own" + t)));
            }
            inputs.add(input);
            work.add(() -> db.database().articles().importArticles(input));
        }

        List<List<Integer>> ids = runAll(work);

        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < perImport; i += 37) {
                assertEquals(List.of(List.of(inputs.get(t).get(i).title())),
                        db.query("SELECT title FROM article WHERE id = ?", ids.get(t).get(i)));
            }
        }
        assertEquals(50L + 3, db.count("tag"));
        assertEquals(3L * perImport, db.count("article"));
        assertNoDanglingLinks(db);
    }

    @Test
    void twoUsersSavingTheSameArticleAtOnceBothLand(TestDatabase db) throws Exception {
        for (int round = 0; round < 10; round++) {
            int id = db.database().articles().save(new Article("shared " + round)).getId();
            List<Callable<Void>> work = new ArrayList<>();
            for (int user = 0; user < 4; user++) {
                String name = "user" + user;
                work.add(() -> {
                    Article article = db.database().articles().findWithTags(id).orElseThrow();
                    article.addTag(new Tag(name));
                    article.addTag(new Tag("everyone"));
                    db.database().articles().save(article);
                    return null;
                });
            }

            runAll(work);

            assertEquals(Set.of("everyone", "user0", "user1", "user2", "user3"),
                    WorkingWithLoadedArticlesTest.names(db.database().articles().findWithTags(id).orElseThrow()));
        }
    }

    /**
     * {@value #TAGGERS} tasks, each tagging {@value #ROUNDS} articles of its own with {@code name}; each
     * acknowledged article goes into {@code acknowledged}.
     */
    private static List<Callable<Void>> taggers(TestDatabase db, String name, Set<Integer> acknowledged) {
        List<Integer> articles = articles(db, TAGGERS * ROUNDS);
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < TAGGERS; t++) {
            List<Integer> own = articles.subList(t * ROUNDS, (t + 1) * ROUNDS);
            work.add(() -> {
                for (int article : own) {
                    db.database().articles().tag(article, name);
                    acknowledged.add(article);
                }
                return null;
            });
        }
        return work;
    }

    private static List<Integer> articles(TestDatabase db, int count) {
        List<NewArticle> input = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            input.add(new NewArticle("contended " + i, List.of()));
        }
        return db.database().articles().importArticles(input);
    }

    /** Runs the tasks at once and returns their results; any task's exception fails the test. */
    private static <T> List<T> runAll(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            work.forEach(task -> futures.add(pool.submit(task)));
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private static Map<Integer, Set<String>> tagsByArticle(TestDatabase db) throws SQLException {
        return db.query("SELECT l.article_id, t.name FROM article_tag l JOIN tag t ON t.id = l.tag_id").stream()
                .collect(Collectors.groupingBy(row -> (Integer) row.get(0),
                        Collectors.mapping(row -> (String) row.get(1), Collectors.toCollection(HashSet::new))));
    }

    private static void assertEachCarriesOneOf(TestDatabase db, Set<Integer> articles, String one, String other)
            throws SQLException {
        Map<Integer, Set<String>> tags = tagsByArticle(db);
        for (int article : articles) {
            Set<String> names = tags.getOrDefault(article, Set.of());
            assertTrue(names.contains(one) || names.contains(other), "article " + article + " lost its link: " + names);
        }
    }

    /** No link to a missing article or tag, and every tag's kept count equal to its links. */
    private static void assertNoDanglingLinks(TestDatabase db) throws SQLException {
        assertEquals(List.of(List.of(0L)), db.query("SELECT COUNT(*) FROM article_tag l "
                + "LEFT JOIN article a ON a.id = l.article_id LEFT JOIN tag t ON t.id = l.tag_id "
                + "WHERE a.id IS NULL OR t.id IS NULL"));
        assertEquals(List.of(), db.wrongCounts(), "tags whose kept count is not their number of links");
    }
}
