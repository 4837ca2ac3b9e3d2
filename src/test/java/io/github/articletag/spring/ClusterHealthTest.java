package io.github.articletag.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.Database;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The health indicator on a Group Replication group behind MySQL Router (CI's cluster, see .ci/run): Router's
 * write endpoint reaches the primary, and a secondary behind the read endpoint is reported DOWN as a write
 * endpoint would be.
 */
class ClusterHealthTest {

    @Test
    void healthNamesTheMemberBehindEachRouterEndpointAndItsRole() {
        String writeUrl = System.getenv("ARTICLETAG_TEST_CLUSTER_WRITE_URL");
        assumeTrue(writeUrl != null && !writeUrl.isBlank(), "no cluster given (ARTICLETAG_TEST_CLUSTER_WRITE_URL)");
        try (HikariDataSource writes = pool(writeUrl); HikariDataSource reads = pool(System.getenv("ARTICLETAG_TEST_CLUSTER_READ_URL"));
             Database primary = Database.open(writes); Database secondary = Database.open(reads)) {
            primary.createSchema();
            Health onPrimary = new DatabaseHealthIndicator(primary).health();
            assertEquals(Status.UP, onPrimary.getStatus(), onPrimary.toString());
            assertEquals(Map.of("role", "PRIMARY", "state", "ONLINE"), onPrimary.getDetails().get("member"));

            Health onRead = waitForSchema(secondary);
            assertEquals(Status.DOWN, onRead.getStatus(), onRead.toString());
            assertEquals(true, onRead.getDetails().get("readOnly"));
            assertEquals(Map.of("role", "SECONDARY", "state", "ONLINE"), onRead.getDetails().get("member"));
            assertTrue(onRead.getDetails().get("reason").toString().contains("not a primary"), onRead.toString());
            assertNotEquals(onPrimary.getDetails().get("endpoint"), onRead.getDetails().get("endpoint"));
            System.out.println("[cluster health] write endpoint " + onPrimary.getDetails() + "; read endpoint "
                    + onRead.getStatus() + " " + onRead.getDetails());
        }
    }

    /** The secondary applies the schema asynchronously: its health, once the schema is there. */
    private static Health waitForSchema(Database secondary) {
        Health health = new DatabaseHealthIndicator(secondary).health();
        for (int i = 0; i < 50 && !"valid".equals(health.getDetails().get("schema")); i++) {
            sleep();
            health = new DatabaseHealthIndicator(secondary).health();
        }
        assertEquals("valid", health.getDetails().get("schema"), health.toString());
        return health;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(System.getenv("ARTICLETAG_TEST_CLUSTER_USER"));
        pool.setPassword(System.getenv("ARTICLETAG_TEST_CLUSTER_PASSWORD"));
        return pool;
    }
}
