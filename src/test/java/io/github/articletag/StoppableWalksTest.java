package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long walks over the tags, {@code recount} and {@code deleteUnused}: each batch committed on its own and
 * reported, a walk stopped after a batch leaves that batch's work done and the rest as it was, and resumed where it
 * stopped it finishes the job.
 */
@ExtendWith(TestDatabaseExtension.class)
class StoppableWalksTest {

    @Test
    void deleteUnusedStopsAfterABatchAndResumesWhereItStopped(TestDatabase db, ArticleRepository articles,
            TagRepository tags) throws SQLException {
        articles.tag(articles.save(new Article("kept")).getId(), "used");
        db.addUnusedTags("unused", 2_500);
        long total = db.count("tag");

        List<long[]> reports = new ArrayList<>();
        Walked first = tags.deleteUnused(null, (done, of) -> {
            reports.add(new long[] {done, of});
            return false;
        });
        assertFalse(first.finished());
        assertEquals(1, reports.size(), "stopped after the first batch");
        assertEquals(first.changed(), total - db.count("tag"), "that batch's deletions are committed");
        assertTrue(first.changed() > 0 && first.changed() <= 1_000, "one batch of at most 1,000: " + first.changed());
        assertTrue(reports.get(0)[0] < reports.get(0)[1], "done before total: " + reports.get(0)[0]);

        Walked rest = tags.deleteUnused(first.resumeAfter(), (done, of) -> {
            reports.add(new long[] {done, of});
            return true;
        });
        assertTrue(rest.finished());
        assertNull(rest.resumeAfter());
        assertEquals(2_500, first.changed() + rest.changed());
        assertEquals(List.of(List.of("used")), db.query("SELECT name FROM tag"));
        long[] last = reports.get(reports.size() - 1);
        assertEquals(last[1], last[0], "the last report is the whole walk");
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] >= reports.get(i - 1)[0], "progress never goes back");
        }
    }

    @Test
    void recountStopsAfterABatchAndResumesWhereItStopped(TestDatabase db, ArticleRepository articles,
            TagRepository tags) throws SQLException {
        db.addUnusedTags("filler", 1_500);
        int article = articles.save(new Article("counted")).getId();
        articles.tag(article, "low", "high"); // ids after the fillers: the second batch
        db.execute("UPDATE tag SET article_count = 7");

        long inFirstBatch = ((Number) db.query("SELECT COUNT(*) FROM tag WHERE id <= 1000").get(0).get(0)).longValue();
        long wrong = db.count("tag"); // every count is wrong now

        Walked first = tags.recount(null, (done, total) -> false);
        assertEquals("1000", first.resumeAfter());
        assertEquals(inFirstBatch, first.changed(), "the first batch's tags repaired");
        assertEquals(wrong - inFirstBatch, db.wrongCounts().size(), "the rest as it was");

        List<Long> done = new ArrayList<>();
        Walked rest = tags.recount(first.resumeAfter(), (walked, total) -> done.add(walked));
        assertTrue(rest.finished());
        assertEquals(wrong - inFirstBatch, rest.changed());
        assertEquals(List.of(), db.wrongCounts());
        long maxId = ((Number) db.query("SELECT MAX(id) FROM tag").get(0).get(0)).longValue();
        assertEquals(maxId, done.get(done.size() - 1), "the last report is the highest id");
        assertTrue(done.get(0) > 1_000, "resumed after the first batch: " + done);
    }

    @Test
    void aWalkResumedFromAnotherListingsCursorIsRefused(TagRepository tags) {
        assertEquals("not a cursor of this listing: '3:7'",
                assertThrows(IllegalArgumentException.class, () -> tags.recount("3:7", Progress.NONE)).getMessage());
        assertEquals("progress must not be null",
                assertThrows(IllegalArgumentException.class, () -> tags.deleteUnused(null, null)).getMessage());
    }
}
