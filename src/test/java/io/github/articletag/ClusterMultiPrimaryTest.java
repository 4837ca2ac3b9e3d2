package io.github.articletag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the README states about multi-primary mode, on a real group in that mode with
 * {@code group_replication_enforce_update_everywhere_checks=ON} (src/test/docker/cluster.sh with
 * CLUSTER_MODE=multi-primary): the schema can be created and read, and the importer's path for an
 * auto_increment_increment above 1 gives the right ids; tagging, creating tags and deleting are refused because
 * of the cascading foreign keys, and the error says so. Runs when ARTICLETAG_TEST_CLUSTER_MODE is multi-primary.
 */
class ClusterMultiPrimaryTest {

    @Test
    void aMultiPrimaryGroupRefusesTheLibrarysWritesWithAClearError() {
        assumeTrue("multi-primary".equals(System.getenv("ARTICLETAG_TEST_CLUSTER_MODE")), "no multi-primary group");
        ConnectionSettings member = new ConnectionSettings(System.getenv("ARTICLETAG_TEST_CLUSTER_MEMBER_URL"),
                System.getenv("ARTICLETAG_TEST_CLUSTER_USER"), System.getenv("ARTICLETAG_TEST_CLUSTER_PASSWORD"));
        try (Database db = Database.open(member)) {
            db.recreateSchema();
            assertEquals(List.of(), db.validateSchema());

            // The importer's row-by-row path: the group sets auto_increment_increment to 7, so one multi-row INSERT
            // would not get consecutive ids. Articles without tags touch no cascading key and go in.
            List<Integer> ids = db.articles().importArticles(List.of(
                    new NewArticle("first", List.of()), new NewArticle("second", List.of()), new NewArticle("third", List.of())));
            assertEquals(List.of("first", "second", "third"), ids.stream()
                    .map(id -> db.articles().findWithTags(id).orElseThrow().getTitle()).toList());
            assertEquals(7, ids.get(1) - ids.get(0), "ids " + ids);

            // Tagging, creating tags and deleting all write to tables with cascading foreign keys: refused.
            for (Runnable write : new Runnable[] {
                () -> SampleData.persist(db),
                () -> db.articles().tag(ids.get(0), "multi"),
                () -> db.tags().findOrCreate("multi"),
                () -> db.articles().importArticles(List.of(new NewArticle("tagged", List.of("x")))),
                () -> db.articles().delete(ids.get(0))}) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, write::run);
                assertTrue(refused.getMessage().contains("run the group in single-primary mode"), refused.getMessage());
            }
            assertEquals(3, db.articles().findPage(null, 1000).items().size(), "nothing but the three imported articles");
        }
    }
}
