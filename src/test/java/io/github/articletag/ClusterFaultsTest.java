package io.github.articletag;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A primary failover on a real Group Replication group behind MySQL Router (src/test/docker/cluster.sh): under a
 * bounded load of tag, untag, import and reads from several threads, the primary's process is killed. The same
 * Database must keep working, every acknowledged write must be on the new primary, writes whose outcome is
 * unknown must say so, and nothing else may fail. Runs when ARTICLETAG_TEST_CLUSTER_WRITE_URL is set (CI sets
 * it), and is skipped otherwise.
 */
class ClusterFailoverTest {

    private static final int THREADS = 4;
    private static final int NAMES_PER_THREAD = 3;
    private static final int ARTICLES_PER_THREAD = 5;
    private static final long LOAD_BEFORE_KILL_MILLIS = 3_000;
    private static final long LOAD_AFTER_KILL_MILLIS = 20_000;
    private static final int MAX_OPERATIONS_PER_THREAD = 3_000;

    /** What one thread did: links known to be there (true) or not (false), imports acknowledged, counts. */
    private static final class Outcome {
        final Map<String, Boolean> links = new HashMap<>();
        final Set<String> uncertainLinks = new HashSet<>();
        final Map<Integer, String> imported = new HashMap<>();
        long acknowledged;
        long unknown;
        final List<Throwable> failed = new ArrayList<>();
    }

    @Test
    void killingThePrimaryLosesNoAcknowledgedWrite() throws Exception {
        String writeUrl = System.getenv("ARTICLETAG_TEST_CLUSTER_WRITE_URL");
        assumeTrue(writeUrl != null && !writeUrl.isBlank(), "no cluster given (ARTICLETAG_TEST_CLUSTER_WRITE_URL)");
        String user = System.getenv("ARTICLETAG_TEST_CLUSTER_USER");
        String password = System.getenv("ARTICLETAG_TEST_CLUSTER_PASSWORD");
        ConnectionSettings primary = new ConnectionSettings(writeUrl, user, password);
        ConnectionSettings replicas = new ConnectionSettings(
                System.getenv("ARTICLETAG_TEST_CLUSTER_READ_URL"), user, password);
        String kill = System.getenv("ARTICLETAG_TEST_CLUSTER_KILL");

        try (Database db = Database.openCluster(primary, replicas, new Timeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(60), Duration.ofSeconds(5)))) {
            db.recreateSchema();
            List<List<Integer>> owned = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<NewArticle> articles = new ArrayList<>();
                for (int i = 0; i < ARTICLES_PER_THREAD; i++) {
                    articles.add(new NewArticle("t" + t + "-a" + i, List.of()));
                }
                owned.add(db.articles().importArticles(articles));
            }
            String killedPrimary = primaryHost(db);

            long start = System.currentTimeMillis();
            long killAt = start + LOAD_BEFORE_KILL_MILLIS;
            long stopAt = killAt + LOAD_AFTER_KILL_MILLIS;
            AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong firstWriteAfterKill = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> load(db, thread, owned.get(thread), stopAt, killedAt, firstWriteAfterKill)));
            }
            Thread.sleep(Math.max(0, killAt - System.currentTimeMillis()));
            run(kill);
            long killed = System.currentTimeMillis(); // the process is gone: writes after this went elsewhere
            killedAt.set(killed);
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(120, TimeUnit.SECONDS));
            }
            pool.shutdown();

            long acknowledged = outcomes.stream().mapToLong(o -> o.acknowledged).sum();
            long unknown = outcomes.stream().mapToLong(o -> o.unknown).sum();
            List<Throwable> failed = outcomes.stream().flatMap(o -> o.failed.stream()).toList();
            String newPrimary = primaryHost(db);
            long recovery = firstWriteAfterKill.get() == 0 ? -1 : firstWriteAfterKill.get() - killed;
            double seconds = (LOAD_BEFORE_KILL_MILLIS + LOAD_AFTER_KILL_MILLIS) / 1e3;
            System.out.printf(java.util.Locale.ROOT, "[failover] killed %s, new primary %s, first write acknowledged"
                    + " %d ms after the kill; writes acknowledged %d (%.0f a second over the %.0f s of load, %.0f a"
                    + " second outside the failover), outcome unknown %d, failed %d%n", killedPrimary, newPrimary,
                    recovery, acknowledged, acknowledged / seconds, seconds,
                    acknowledged / Math.max(1, seconds - recovery / 1e3), unknown, failed.size());
            DatabaseStatistics statistics = db.statistics();
            System.out.println("[failover] retries by cause " + statistics.retries());

            assertEquals(unknown, statistics.outcomeUnknown(), "every unknown outcome counted for the metrics");
            assertTrue(failed.isEmpty(), "operations failed: " + failed);
            assertTrue(!newPrimary.equals(killedPrimary), "no new primary was elected");
            assertTrue(recovery > 0, "no write was acknowledged after the kill");
            // Every acknowledged write is on the new primary.
            try (Connection connection = DriverManager.getConnection(primary.url(), user, password)) {
                for (Outcome outcome : outcomes) {
                    outcome.links.forEach((link, present) -> {
                        if (!outcome.uncertainLinks.contains(link)) {
                            assertEquals(present, linked(connection, link), link);
                        }
                    });
                    outcome.imported.forEach((id, title) -> assertEquals(title, title(connection, id), "article " + id));
                }
            }
        }
    }

    /**
     * Random operations on this thread's own articles and names until {@code stopAt}. The time to recover is
     * measured from the kill to the first write that started after it and was acknowledged.
     */
    private static Outcome load(Database db, int thread, List<Integer> articles, long stopAt, AtomicLong killedAt,
                                AtomicLong firstWriteAfterKill) {
        Random random = new Random(thread);
        Outcome outcome = new Outcome();
        for (int done = 0; done < MAX_OPERATIONS_PER_THREAD && System.currentTimeMillis() < stopAt; done++) {
            int article = articles.get(random.nextInt(articles.size()));
            String name = "t" + thread + "-n" + random.nextInt(NAMES_PER_THREAD);
            String link = article + "/" + name;
            int kind = random.nextInt(10);
            long started = System.currentTimeMillis();
            try {
                if (kind < 5) {
                    db.articles().tag(article, name);
                    outcome.links.put(link, true);
                    // Read-your-writes on a secondary, through Group Replication's BEFORE consistency.
                    boolean seen = db.replicas(true).articles().findWithTags(article).orElseThrow().getTags().stream()
                            .map(Tag::getName).anyMatch(name::equals);
                    if (!seen && !outcome.uncertainLinks.contains(link)) {
                        outcome.failed.add(new AssertionError("a replica did not see " + link + " just written"));
                    }
                } else if (kind < 7) {
                    db.articles().untag(article, name);
                    outcome.links.put(link, false);
                } else if (kind < 8) {
                    String title = "t" + thread + "-import" + done;
                    int id = db.articles().importArticles(List.of(new NewArticle(title, List.of(name)))).get(0);
                    outcome.imported.put(id, title);
                } else if (kind < 9) {
                    db.articles().findTagged(name, null, 1000).items();
                } else {
                    db.replicas(false).articles().findTagged(name, null, 1000).items();
                }
                outcome.acknowledged += kind < 8 ? 1 : 0;
                if (kind < 8 && started > killedAt.get()) {
                    firstWriteAfterKill.compareAndSet(0, System.currentTimeMillis());
                }
            } catch (DatabaseUnavailableException e) {
                if (e.isOutcomeUnknown()) {
                    outcome.unknown++;
                    outcome.uncertainLinks.add(link);
                } else {
                    outcome.failed.add(e);
                }
            } catch (RuntimeException e) {
                outcome.failed.add(e);
            }
        }
        return outcome;
    }

    private static String primaryHost(Database db) {
        return db.fromTransaction(session -> (String) session
                .createNativeQuery("SELECT @@hostname", Object.class).getSingleResult());
    }

    private static boolean linked(Connection connection, String link) {
        String[] parts = link.split("/", 2);
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM article_tag l "
                + "JOIN tag t ON t.id = l.tag_id WHERE l.article_id = ? AND t.name = ?")) {
            statement.setInt(1, Integer.parseInt(parts[0]));
            statement.setString(2, parts[1]);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(Connection connection, int id) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT title FROM article WHERE id = ?")) {
            statement.setInt(1, id);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command.split(" ")).inheritIO().start();
        assertEquals(0, process.waitFor(), command);
    }
}
