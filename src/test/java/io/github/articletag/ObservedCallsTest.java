package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each public call as one Micrometer observation: a timer per repository, call and outcome through Micrometer's
 * meter handler, and the context a tracer would make its span from.
 */
@ExtendWith(TestDatabaseExtension.class)
class ObservedCallsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Queue<Observation.Context> stopped = new ConcurrentLinkedQueue<>();
    private Database database;

    @BeforeEach
    void observe(TestDatabase db) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new ObservationHandler<>() {
                    @Override
                    public void onStop(Observation.Context context) {
                        stopped.add(context);
                    }

                    @Override
                    public boolean supportsContext(Observation.Context context) {
                        return true;
                    }
                });
        database = Database.open(db.settings()).observeCalls(registry);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void eachCallIsOneTimerByRepositoryCallAndOutcome() {
        Article saved = database.articles().save(new Article("observed"));
        database.articles().tag(saved.getId(), "java");
        database.articles().findPage(null, 10);
        database.articles().findPage(null, 10);
        database.tags().suggest("ja", 5);

        assertEquals(1, timer("articles", "save", "success").count());
        assertEquals(1, timer("articles", "tag", "success").count());
        assertEquals(2, timer("articles", "findPage", "success").count());
        assertEquals(1, timer("tags", "suggest", "success").count());
        assertEquals("articles.findPage", stopped.stream().filter(c -> "findPage".equals(call(c))).findFirst()
                .orElseThrow().getContextualName(), "the span's name");
    }

    @Test
    void aCallMadeInsideAnotherIsPartOfIt() {
        database.articles().save(new Article("nested")).getId();
        stopped.clear();
        database.articles().findTagged("java", null, 10); // runs find

        assertEquals(List.of("findTagged"), stopped.stream().map(ObservedCallsTest::call).toList());
        assertNull(meters.find("articletag.call").tag("articletag.call", "find").timer());
    }

    @Test
    void aRefusedCallIsTimedWithItsOutcomeAndItsError() {
        assertThrows(IllegalArgumentException.class, () -> database.articles().findPage(null, 0));
        assertThrows(java.util.NoSuchElementException.class, () -> database.tags().rename(Integer.MAX_VALUE, "x"));

        Timer refused = timer("articles", "findPage", "refused");
        assertEquals(1, refused.count());
        assertEquals("IllegalArgumentException", refused.getId().getTag("error"));
        assertEquals(1, timer("tags", "rename", "refused").count());
        assertNull(meters.find("articletag.call").tag("outcome", "success").timer(), "nothing succeeded");
    }

    /** The duplicate-link conflict of RetriedConflictsTest: the call's one retry is an event of its observation. */
    @Test
    void aRetryIsCountedOnTheCallThatRanAgain(TestDatabase db) throws Exception {
        int article = database.articles().save(new Article("contended")).getId();
        int tag = database.tags().findOrCreate("dup").getId();
        try (Connection other = db.connect()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.executeUpdate("UPDATE tag SET article_count = article_count + 1 WHERE id = " + tag);
                statement.executeUpdate("INSERT INTO article_tag (article_id, tag_id) VALUES (" + article + ", " + tag + ")");
            }
            CompletableFuture<Article> call = CompletableFuture.supplyAsync(() -> database.articles().tag(article, "dup"));
            Thread.sleep(500); // the call now waits for the other connection's locks
            other.commit();
            call.get(30, TimeUnit.SECONDS);
        }

        Counter retries = meters.find("articletag.call.retry").tag("articletag.call", "tag").counter();
        assertNotNull(retries, "the retry event's counter");
        assertEquals(1.0, retries.count());
        assertEquals(1, timer("articles", "tag", "success").count(), "one call, however many attempts");
        Observation.Context tagged = stopped.stream().filter(c -> "tag".equals(call(c))).findFirst().orElseThrow();
        assertEquals("1", tagged.getHighCardinalityKeyValue("articletag.retries").getValue());
    }

    @Test
    void theNoopRegistryStopsObserving() {
        database.observeCalls(ObservationRegistry.NOOP);
        database.articles().findPage(null, 10);

        assertEquals(List.of(), meters.getMeters());
        assertEquals(List.of(), List.copyOf(stopped));
    }

    private Timer timer(String repository, String call, String outcome) {
        Timer timer = meters.find("articletag.call").tag("articletag.repository", repository)
                .tag("articletag.call", call).tag("outcome", outcome).timer();
        assertNotNull(timer, repository + "." + call + " " + outcome + " among " + meters.getMeters().stream()
                .map(meter -> meter.getId().toString()).toList());
        return timer;
    }

    private static String call(Observation.Context context) {
        return context.getLowCardinalityKeyValue("articletag.call").getValue();
    }
}
