package io.github.articletag;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool whose every connection is in use for a caller's whole wait is busy, not unreachable: the caller hears
 * so, with the pool's figures, and the pool keeps its connections.
 */
@ExtendWith(TestDatabaseExtension.class)
class BusyPoolTest {

    private static final int POOL = 2;
    private static final int CALLERS = 20;
    private static final Timeouts QUICK = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofMillis(250));

    @Test
    void callersFindingEveryConnectionInUseHearThePoolIsBusyAndThePoolKeepsItsConnections(TestDatabase db,
                                                                                           Database database)
            throws Exception {
        int id = database.articles().save(new Article("locked")).getId();
        try (Database small = Database.open(db.settings(), QUICK,
                     Map.of("hibernate.hikari.maximumPoolSize", String.valueOf(POOL)));
             Connection locker = db.connect()) {
            HikariPoolMXBean pool = poolOf(small);
            // HikariCP opens its connections in the background, up to its minimum (here the whole pool).
            for (int i = 0; i < 100 && pool.getTotalConnections() < POOL; i++) {
                Thread.sleep(50);
            }
            assertEquals(POOL, pool.getTotalConnections());
            Set<Long> before = connectionsOf(db, locker);

            // Another client locks the article: the first callers hold the pool's connections while they wait.
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.executeQuery("SELECT id FROM article WHERE id = " + id + " FOR UPDATE").close();
            }
            ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
            List<Future<Object>> calls = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            try {
                for (int i = 0; i < CALLERS; i++) {
                    calls.add(threads.submit(() -> {
                        start.await();
                        try {
                            return small.articles().replaceTags(id, List.of("busy"));
                        } catch (RuntimeException e) {
                            return e;
                        }
                    }));
                }
                start.countDown();
                Thread.sleep(1_500); // well past the 250 ms that the others wait for a connection
                locker.commit();
                List<DatabaseBusyException> busy = new ArrayList<>();
                int done = 0;
                for (Future<Object> call : calls) {
                    Object outcome = call.get(1, TimeUnit.MINUTES);
                    if (outcome instanceof Article) {
                        done++;
                    } else {
                        busy.add(assertInstanceOf(DatabaseBusyException.class, outcome, String.valueOf(outcome)));
                    }
                }
                assertTrue(done >= POOL, "the callers holding the connections went on: " + done);
                assertFalse(busy.isEmpty(), "the others heard the pool was busy");
                for (DatabaseBusyException failure : busy) {
                    String message = failure.getMessage();
                    assertTrue(message.contains("is busy: all 2 of its connections were in use"), message);
                    assertFalse(message.contains("cannot reach"), message);
                    assertEquals(POOL, failure.poolSize().orElseThrow(), message);
                    assertTrue(failure.waitingCallers().orElseThrow() >= 0, message);
                    assertTrue(failure.waited().orElseThrow().toMillis() >= 250, message);
                    assertFalse(failure.isOutcomeUnknown());
                }
                System.out.println("[busy pool] " + done + " calls done, " + busy.size() + " busy, e.g. "
                        + busy.get(0).getMessage());
            } finally {
                threads.shutdownNow();
            }

            assertEquals(POOL, pool.getTotalConnections(), "the pool's connections");
            assertTrue(connectionsOf(db, locker).containsAll(before), "no connection closed or replaced");
            assertEquals(List.of("busy"), small.articles().findWithTags(id).orElseThrow().getTags().stream()
                    .map(Tag::getName).toList(), "the next call succeeds");
        }
    }

    private static HikariPoolMXBean poolOf(Database database) {
        return database.sessionFactory().unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .requireService(ConnectionProvider.class).unwrap(HikariDataSource.class).getHikariPoolMXBean();
    }

    /** The server's ids of the test user's connections to the test database, but for {@code own}'s. */
    private static Set<Long> connectionsOf(TestDatabase db, Connection own) throws SQLException {
        Set<Long> ids = new HashSet<>();
        db.query("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()")
                .forEach(row -> ids.add(((Number) row.get(0)).longValue()));
        try (Statement statement = own.createStatement();
             var result = statement.executeQuery("SELECT CONNECTION_ID()")) {
            result.next();
            ids.remove(result.getLong(1));
        }
        return ids;
    }
}
