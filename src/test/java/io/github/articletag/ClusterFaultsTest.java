package io.github.articletag;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The faults that break real clusters, in the style of Jepsen's nemeses, on a real Group Replication group behind
 * MySQL Router (src/test/docker/cluster.sh, which injects them): under a bounded mixed load (tag, untag, save,
 * import, reads on the primary, on the secondaries, and read-your-writes on the secondaries) from several
 * threads sharing one Database, the primary is partitioned away, isolated from Router too, frozen, crashed and
 * restarted, or Router is restarted; then the fault is healed and the group made whole. Every acknowledged write
 * must then be on every member, writes whose outcome is unknown must say so, nothing else may fail, no call may
 * wait longer than 15 s, and the same Database works throughout. Which faults run: ARTICLETAG_TEST_CLUSTER_FAULTS
 * (comma-separated: partition, isolate, pause, crash, router, sequence); skipped without a cluster.
 */
class ClusterFaultsTest {

    private static final int THREADS = 4;
    private static final int NAMES_PER_THREAD = 3;
    private static final int ARTICLES_PER_THREAD = 5;
    private static final long LOAD_BEFORE_FAULT_MILLIS = 3_000;
    private static final long LOAD_AFTER_HEAL_MILLIS = 6_000;
    private static final long LONGEST_CALL_MILLIS = 15_000;
    /**
     * The longest the group itself may refuse new writers for the strict promises to hold: one read timeout. The
     * group's failovers took 6 to 9 s here; a crash once kept Router from reaching any primary for about 20 s, and
     * no bounded client can then answer within 15 s.
     */
    private static final long GROUP_OUTAGE_MILLIS = 10_000;
    private static final int MAX_OPERATIONS_PER_THREAD = 20_000;
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(12));

    /** A fault: what breaks the primary ({@code %s}), how long it lasts, and what heals it. */
    private record Fault(String name, String inject, long holdMillis, String heal) {
    }

    private static final Map<String, List<Fault>> FAULTS = new LinkedHashMap<>();

    static {
        // Longer than the group takes to expel a silent member (5 s of suspicion with expel timeout 0) and than
        // the minority's 5 s before it gives up (group_replication_unreachable_majority_timeout).
        FAULTS.put("partition", List.of(new Fault("partition", "partition %s", 12_000, "heal %s")));
        FAULTS.put("isolate", List.of(new Fault("isolate", "isolate %s", 12_000, "heal %s")));
        FAULTS.put("pause", List.of(new Fault("pause", "pause %s", 15_000, "resume %s")));
        FAULTS.put("crash", List.of(new Fault("crash", "crash %s", 5_000, "restart %s")));
        FAULTS.put("router", List.of(new Fault("router", "restart-router", 0, null)));
        List<Fault> sequence = new ArrayList<>();
        for (String name : List.of("partition", "pause", "router", "crash", "isolate")) {
            sequence.addAll(FAULTS.get(name));
        }
        FAULTS.put("sequence", sequence);
    }

    /** What one thread did: links known to be there (true) or not (false), articles acknowledged, counts. */
    private static final class Outcome {
        final Map<String, Boolean> links = new HashMap<>();
        final Set<String> uncertainLinks = new HashSet<>();
        final Map<Integer, String> articles = new HashMap<>();
        long acknowledged;
        long unknown;
        long readYourWrites;
        long longestCallMillis;
        String longestCall = "";
        final List<Throwable> failed = new ArrayList<>();
    }

    @TestFactory
    Stream<DynamicTest> faults() {
        String writeUrl = System.getenv("ARTICLETAG_TEST_CLUSTER_WRITE_URL");
        assumeTrue(writeUrl != null && !writeUrl.isBlank(), "no cluster given (ARTICLETAG_TEST_CLUSTER_WRITE_URL)");
        String chosen = System.getenv().getOrDefault("ARTICLETAG_TEST_CLUSTER_FAULTS", "crash");
        return Arrays.stream(chosen.split(",")).map(String::trim).map(name -> DynamicTest.dynamicTest(name, () -> {
            List<Fault> faults = FAULTS.get(name);
            assertTrue(faults != null, "no fault called " + name + ": " + FAULTS.keySet());
            survive(name, faults);
        }));
    }

    private static void survive(String name, List<Fault> faults) throws Exception {
        String user = System.getenv("ARTICLETAG_TEST_CLUSTER_USER");
        String password = System.getenv("ARTICLETAG_TEST_CLUSTER_PASSWORD");
        ConnectionSettings primary = new ConnectionSettings(System.getenv("ARTICLETAG_TEST_CLUSTER_WRITE_URL"), user,
                password);
        ConnectionSettings replicas = new ConnectionSettings(System.getenv("ARTICLETAG_TEST_CLUSTER_READ_URL"), user,
                password);
        try (Database db = Database.openCluster(primary, replicas, TIMEOUTS)) {
            db.recreateSchema();
            List<List<Integer>> owned = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<NewArticle> articles = new ArrayList<>();
                for (int i = 0; i < ARTICLES_PER_THREAD; i++) {
                    articles.add(new NewArticle("t" + t + "-a" + i, List.of()));
                }
                owned.add(db.articles().importArticles(articles));
            }
            long retriesBefore = db.retries();
            AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong faultAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong firstWriteAfterFault = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1); // the load, and the group's probe
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> load(db, thread, owned.get(thread), stopAt, faultAt, firstWriteAfterFault)));
            }
            Future<Long> outage = pool.submit(() -> groupOutage(primary, stopAt, faultAt));
            long started = System.currentTimeMillis();
            Thread.sleep(LOAD_BEFORE_FAULT_MILLIS);
            List<String> timeline = new ArrayList<>();
            long firstFault = 0;
            List<Outcome> outcomes = new ArrayList<>();
            long groupOutageMillis = -1;
            try {
                for (Fault fault : faults) {
                    String victim = script("primary").trim();
                    script(String.format(fault.inject(), victim));
                    long at = System.currentTimeMillis(); // the fault is in place: writes from now on met it
                    firstFault = firstFault == 0 ? at : firstFault;
                    faultAt.compareAndSet(Long.MAX_VALUE, at);
                    Thread.sleep(fault.holdMillis());
                    if (fault.heal() != null) {
                        script(String.format(fault.heal(), victim));
                    }
                    timeline.add(String.format(Locale.ROOT, "%s at %.1f s, healed at %.1f s", String.format(fault.inject(), victim),
                            (at - started) / 1e3, (System.currentTimeMillis() - started) / 1e3));
                }
                Thread.sleep(LOAD_AFTER_HEAL_MILLIS);
            } finally {
                // Whatever failed, the load stops and the group is whole again for the next fault.
                stopAt.set(System.currentTimeMillis());
                for (Future<Outcome> future : futures) {
                    outcomes.add(future.get(120, TimeUnit.SECONDS));
                }
                groupOutageMillis = outage.get(30, TimeUnit.SECONDS);
                pool.shutdown();
                script("whole");
            }

            long acknowledged = outcomes.stream().mapToLong(o -> o.acknowledged).sum();
            long unknown = outcomes.stream().mapToLong(o -> o.unknown).sum();
            long readYourWrites = outcomes.stream().mapToLong(o -> o.readYourWrites).sum();
            Outcome slowest = outcomes.stream().max((a, b) -> Long.compare(a.longestCallMillis, b.longestCallMillis))
                    .orElseThrow();
            List<Throwable> failed = outcomes.stream().flatMap(o -> o.failed.stream()).toList();
            long recovery = firstWriteAfterFault.get() == 0 ? -1 : firstWriteAfterFault.get() - firstFault;
            double seconds = (stopAt.get() - started) / 1e3;
            System.out.printf(Locale.ROOT, "[fault %s] %s; the group took no new writer for %d ms; first write"
                            + " acknowledged %d ms after the fault; writes"
                            + " acknowledged %d (%.0f a second over %.0f s), read-your-writes checked %d, outcome"
                            + " unknown %d, failed %d, longest call %d ms (%s), retries %d %s%n", name,
                    String.join("; ", timeline), groupOutageMillis, recovery, acknowledged, acknowledged / seconds, seconds,
                    readYourWrites, unknown, failed.size(), slowest.longestCallMillis, slowest.longestCall,
                    db.retries() - retriesBefore, db.statistics().retries());

            if (groupOutageMillis <= GROUP_OUTAGE_MILLIS) {
                assertTrue(failed.isEmpty(), "operations failed: " + failed);
                assertTrue(slowest.longestCallMillis <= LONGEST_CALL_MILLIS,
                        "a call waited " + slowest.longestCallMillis + " ms: " + slowest.longestCall);
            } else {
                // The group itself took no new writer for longer than a call may wait: a call may then end in
                // the bounded wait's answer, DatabaseUnavailableException saying that nothing was written, and in
                // nothing else; no call waits longer than a read and an acquire.
                for (Throwable failure : failed) {
                    assertTrue(failure instanceof DatabaseUnavailableException unavailable
                            && !unavailable.isOutcomeUnknown(), "operations failed: " + failed);
                }
                long bound = TIMEOUTS.read().toMillis() + TIMEOUTS.acquire().toMillis() + 2_000;
                assertTrue(slowest.longestCallMillis <= bound,
                        "a call waited " + slowest.longestCallMillis + " ms: " + slowest.longestCall);
            }
            assertTrue(recovery > 0, "no write was acknowledged after the fault");
            assertEquals(unknown, db.statistics().outcomeUnknown(), "every unknown outcome counted for the metrics");
            // Every acknowledged write on every member of the whole group: none was acknowledged by a member the
            // group had left behind (it could not have rejoined with writes the group lacks).
            for (String member : System.getenv("ARTICLETAG_TEST_CLUSTER_MEMBER_URLS").split(",")) {
                try (Connection connection = DriverManager.getConnection(member, user, password)) {
                    awaitApplied(connection, primary, user, password);
                    for (Outcome outcome : outcomes) {
                        outcome.links.forEach((link, present) -> {
                            if (!outcome.uncertainLinks.contains(link)) {
                                assertEquals(present, linked(connection, link), link + " on " + member);
                            }
                        });
                        outcome.articles.forEach((id, title) -> assertEquals(title, title(connection, id),
                                "article " + id + " on " + member));
                    }
                }
            }
        }
    }

    /**
     * Random operations on this thread's own articles and names until {@code stopAt}. The time to recover is
     * measured from the fault to the first write that started after it and was acknowledged.
     */
    private static Outcome load(Database db, int thread, List<Integer> articles, AtomicLong stopAt, AtomicLong faultAt,
                                AtomicLong firstWriteAfterFault) {
        Random random = new Random(thread);
        Outcome outcome = new Outcome();
        for (int done = 0; done < MAX_OPERATIONS_PER_THREAD && System.currentTimeMillis() < stopAt.get(); done++) {
            int article = articles.get(random.nextInt(articles.size()));
            String name = "t" + thread + "-n" + random.nextInt(NAMES_PER_THREAD);
            String link = article + "/" + name;
            int kind = random.nextInt(10);
            long started = System.currentTimeMillis();
            String call = "";
            try {
                if (kind < 4) {
                    call = "tag " + link;
                    db.articles().tag(article, name);
                    outcome.links.put(link, true);
                    acknowledged(outcome, started, faultAt, firstWriteAfterFault);
                    timed(outcome, call, started); // each call on its own: the read below is another
                    started = System.currentTimeMillis();
                    call = "read-your-writes of " + link + " on a secondary";
                    // Read-your-writes on a secondary, through Group Replication's BEFORE consistency.
                    boolean seen = db.replicas(true).articles().findWithTags(article).orElseThrow().getTags().stream()
                            .anyMatch(tag -> tag.getName().equals(name));
                    outcome.readYourWrites++;
                    if (!seen) {
                        outcome.failed.add(new AssertionError("a replica did not see " + link + " just written"));
                    }
                } else if (kind < 6) {
                    call = "untag " + link;
                    db.articles().untag(article, name);
                    outcome.links.put(link, false);
                } else if (kind < 7) {
                    String title = "t" + thread + "-save" + done;
                    call = "save " + title;
                    Article saved = new Article(title);
                    saved.addTag(new Tag(name));
                    outcome.articles.put(db.articles().save(saved).getId(), title);
                } else if (kind < 8) {
                    String title = "t" + thread + "-import" + done;
                    call = "import " + title;
                    int id = db.articles().importArticles(List.of(new NewArticle(title, List.of(name)))).get(0);
                    outcome.articles.put(id, title);
                } else if (kind < 9) {
                    call = "findTagged " + name + " on the primary";
                    db.articles().findTagged(name, null, 1000).items();
                } else {
                    call = "findTagged " + name + " on a secondary";
                    db.replicas(false).articles().findTagged(name, null, 1000).items();
                }
                if (kind >= 4 && kind < 8) {
                    acknowledged(outcome, started, faultAt, firstWriteAfterFault);
                }
            } catch (DatabaseUnavailableException e) {
                if (e.isOutcomeUnknown()) {
                    outcome.unknown++;
                    if (kind < 6) { // a tag or untag: that link may be either way; a save or import is not checked
                        outcome.uncertainLinks.add(link);
                    }
                } else {
                    outcome.failed.add(e);
                }
            } catch (RuntimeException e) {
                outcome.failed.add(e);
            }
            timed(outcome, call, started);
        }
        return outcome;
    }

    /** Keeps the longest call: one call of the library, from {@code started} until now. */
    private static void timed(Outcome outcome, String call, long started) {
        long took = System.currentTimeMillis() - started;
        if (took > outcome.longestCallMillis) {
            outcome.longestCallMillis = took;
            outcome.longestCall = call;
        }
    }

    /**
     * The longest time after the fault during which no new connection through Router reached a writable primary,
     * measured by plain JDBC every 200 ms (a new connection each time, 1 s to connect, 2 s to answer): the group's
     * own outage, independent of the library's pool and retries.
     */
    private static long groupOutage(ConnectionSettings primary, AtomicLong stopAt, AtomicLong faultAt)
            throws InterruptedException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", primary.user());
        properties.setProperty("password", primary.password());
        properties.setProperty("connectTimeout", "1000");
        properties.setProperty("socketTimeout", "2000");
        long lastWritable = 0;
        long longest = 0;
        while (System.currentTimeMillis() < stopAt.get()) {
            boolean writable;
            try (Connection connection = DriverManager.getConnection(primary.url(), properties);
                 var statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT @@super_read_only")) {
                writable = result.next() && result.getInt(1) == 0;
            } catch (SQLException e) {
                writable = false;
            }
            long now = System.currentTimeMillis();
            if (writable) {
                if (lastWritable > 0 && now > faultAt.get()) {
                    longest = Math.max(longest, now - Math.max(lastWritable, faultAt.get()));
                }
                lastWritable = now;
            }
            Thread.sleep(200);
        }
        if (faultAt.get() != Long.MAX_VALUE) { // an outage still going on when the load stopped
            longest = Math.max(longest, System.currentTimeMillis() - Math.max(lastWritable, faultAt.get()));
        }
        return longest;
    }

    private static void acknowledged(Outcome outcome, long started, AtomicLong faultAt, AtomicLong firstWriteAfterFault) {
        outcome.acknowledged++;
        if (started > faultAt.get()) {
            firstWriteAfterFault.compareAndSet(0, System.currentTimeMillis());
        }
    }

    /** Waits until the member has applied everything the primary committed (its GTID set includes the primary's). */
    private static void awaitApplied(Connection member, ConnectionSettings primary, String user, String password)
            throws SQLException, InterruptedException {
        String executed;
        try (Connection onPrimary = DriverManager.getConnection(primary.url(), user, password);
             var statement = onPrimary.createStatement(); var result = statement.executeQuery("SELECT @@gtid_executed")) {
            result.next();
            executed = result.getString(1);
        }
        try (PreparedStatement wait = member.prepareStatement("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 30)")) {
            wait.setString(1, executed);
            try (ResultSet result = wait.executeQuery()) {
                result.next();
                assertEquals(0, result.getInt(1), "the member applied the primary's transactions within 30 s");
            }
        }
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

    /** Runs cluster.sh with these arguments; returns what it printed. */
    private static String script(String arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", System.getenv().getOrDefault(
                "ARTICLETAG_TEST_CLUSTER_SCRIPT", "src/test/docker/cluster.sh")));
        command.addAll(List.of(arguments.split(" ")));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), "cluster.sh " + arguments + ": " + output);
        return output;
    }
}
