package io.github.articletag;

import io.github.articletag.testing.TcpProxy;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.hibernate.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.transaction.Synchronization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real server that stops, hangs or drops the connection during a commit, seen through a proxy in front of
 * it: every call fails within its timeouts with a message that says what happened, and the same Database works
 * again once the server answers, without being reopened.
 */
@ExtendWith(TestDatabaseExtension.class)
class ServerDownTest {

    /** Short waits, so that the test stays quick; the bounds asserted below follow from them. */
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3),
            Duration.ofSeconds(2));
    /** Generous: the waits above add up to a few seconds, the old behaviour took 150 s. */
    private static final long BOUND_MILLIS = 15_000;

    @Test
    void aStoppedServerFailsEachCallInSecondsAndIsUsedAgainWhenItIsBack(TestDatabase db) throws Exception {
        SampleData.persist(db.database());
        try (TcpProxy proxy = db.proxy(); Database database = Database.open(db.through(proxy), SHORT, Map.of())) {
            assertTrue(database.articles().findWithTags(1).isPresent());
            proxy.stop();

            for (Runnable call : new Runnable[] {
                () -> database.articles().findWithTags(1),
                () -> database.articles().save(new Article("while down")),
                () -> database.articles().tag(1, "while down"),
                () -> database.tags().merge(1, 2)}) {
                DatabaseUnavailableException failure = failsWithin(call);
                assertTrue(failure.getMessage().startsWith("cannot reach the database server at jdbc:mysql://127.0.0.1:"
                        + proxy.port() + "/"), failure.getMessage());
                assertTrue(failure.getMessage().endsWith("; nothing was written"), failure.getMessage());
                assertFalse(failure.isOutcomeUnknown());
            }

            proxy.start();
            assertEquals("back", whenBack(() -> database.articles().save(new Article("back"))).getTitle());
            assertEquals(3, database.articles().findPage(null, 1000).items().size(), "nothing written while the server was down");
        }
    }

    @Test
    void aSilentServerCannotHangOpenOrACall(TestDatabase db) throws Exception {
        try (TcpProxy proxy = db.proxy()) {
            proxy.silence();
            failsWithin(() -> Database.open(db.through(proxy), SHORT, Map.of()).close());

            proxy.start();
            try (Database database = Database.open(db.through(proxy), SHORT, Map.of())) {
                database.articles().findPage(null, 1000).items();
                proxy.silence();
                DatabaseUnavailableException failure = failsWithin(() -> database.articles().findPage(null, 1000).items());
                assertTrue(failure.getMessage().startsWith("cannot reach the database server at "), failure.getMessage());
                proxy.start();
                assertEquals(0, whenBack(() -> database.articles().findPage(null, 1000).items()).size());
            }
        }
    }

    @Test
    void aConnectionLostDuringTheCommitSaysTheOutcomeIsUnknown(TestDatabase db) throws Exception {
        try (TcpProxy proxy = db.proxy(); Database database = Database.open(db.through(proxy), SHORT, Map.of())) {
            DatabaseUnavailableException failure = assertThrows(DatabaseUnavailableException.class,
                    () -> database.inTransaction(session -> {
                        session.persist(new Article("maybe"));
                        Transaction transaction = session.getTransaction();
                        transaction.registerSynchronization(new Synchronization() {
                            @Override
                            public void beforeCompletion() {
                                try {
                                    proxy.stop(); // the COMMIT goes out on a connection that is gone
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }

                            @Override
                            public void afterCompletion(int status) {
                            }
                        });
                    }));

            assertTrue(failure.isOutcomeUnknown());
            assertTrue(failure.getMessage().contains("during the commit: the outcome is unknown"), failure.getMessage());
            assertEquals(1, database.statistics().outcomeUnknown(), "counted for the application's metrics");
            proxy.start();
            // Here the commit never reached the server; in general the caller has to look, as the message says.
            assertEquals(0, whenBack(() -> database.articles().findPage(null, 1000).items()).size());
        }
    }

    /**
     * The call's result once the server answers again. HikariCP's connection creator backs off between failed
     * attempts (up to 5 s), so the first calls after a restart may still time out: the README says so.
     */
    private static <T> T whenBack(java.util.function.Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND_MILLIS * 1_000_000;
        while (true) {
            try {
                return call.get();
            } catch (DatabaseUnavailableException stillDown) {
                if (System.nanoTime() > deadline) {
                    throw stillDown;
                }
                Thread.sleep(200);
            }
        }
    }

    private static DatabaseUnavailableException failsWithin(Runnable call) {
        long start = System.nanoTime();
        DatabaseUnavailableException failure = assertThrows(DatabaseUnavailableException.class, call::run);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < BOUND_MILLIS, "took " + millis + " ms: " + failure.getMessage());
        return failure;
    }
}
