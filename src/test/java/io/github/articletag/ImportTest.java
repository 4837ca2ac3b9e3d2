package io.github.articletag;

import io.github.articletag.internal.ArticleImporter;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bulk import: the ids it reports are the rows' ids, tags are shared, bad input changes nothing. */
@ExtendWith(TestDatabaseExtension.class)
class ImportTest {

    @Test
    void reportedIdsAreTheIdsInTheDatabaseAcrossSeveralBatches(TestDatabase db) throws SQLException {
        SampleData.persist(db.database()); // ids do not start at 1
        List<NewArticle> articles = new ArrayList<>();
        int count = ArticleImporter.BATCH * 2 + 17;
        for (int i = 0; i < count; i++) {
            articles.add(new NewArticle("imported " + i, List.of("t" + (i % 7), "tag1", "t" + (i % 3))));
        }

        List<Integer> ids = db.database().articles().importArticles(articles);

        assertEquals(count, ids.size());
        for (int i = 0; i < count; i += 97) {
            assertEquals(List.of(List.of("imported " + i)), db.query("SELECT title FROM article WHERE id = ?", ids.get(i)));
        }
        assertEquals(List.of(List.of((long) count)), db.query(
                "SELECT COUNT(*) FROM article WHERE id BETWEEN ? AND ?", ids.get(0), ids.get(count - 1)));
        // t0..t6 are new, tag1 existed (article 0 has t0, tag1 and t0 again: two links).
        assertEquals(2L + 7, db.count("tag"));
        long links = 0;
        for (int i = 0; i < count; i++) {
            links += (i % 7 == i % 3) ? 2 : 3;
        }
        assertEquals(4 + links, db.count("article_tag"));
    }

    @Test
    void namesDifferingInCaseAreOneTagAndOneLink(TestDatabase db) throws SQLException {
        db.database().tags().findOrCreate("Java");

        List<Integer> ids = db.database().articles().importArticles(List.of(
                new NewArticle("a", List.of("java", "JAVA ", "Kotlin", "kotlin"))));

        assertEquals(List.of(List.of("Java"), List.of("Kotlin")), db.query("SELECT name FROM tag ORDER BY id"));
        assertEquals(2L, db.count("article_tag"));
        assertEquals(1, ids.size());
    }

    @Test
    void aStreamIsImportedChunkByChunkWithProgress(TestDatabase db) throws SQLException {
        int count = ArticleImporter.BATCH * 2 + 500;
        List<Long> progress = new ArrayList<>();

        long imported = db.database().articles().importArticles(
                IntStream.range(0, count).mapToObj(i -> new NewArticle("streamed " + i, List.of("s" + i % 10, "Both",
                        i % 2 == 0 ? "both" : "BOTH"))), progress::add);

        assertEquals(count, imported);
        assertEquals(List.of(1000L, 2000L, (long) count), progress);
        assertEquals((long) count, db.count("article"));
        assertEquals(11L, db.count("tag"), "s0..s9 and one 'Both'");
        assertEquals(2L * count, db.count("article_tag"));
        assertEquals(List.of(List.of("streamed 1999", "s9")), db.query("SELECT a.title, t.name FROM article a "
                + "JOIN article_tag l ON l.article_id = a.id JOIN tag t ON t.id = l.tag_id "
                + "WHERE a.title = 'streamed 1999' AND t.name LIKE 's%'"));
    }

    @Test
    void aBadArticleLateInAStreamImportsNothing(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        List<List<Object>> before = db.everything();

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> db.database().articles().importArticles(IntStream.range(0, 2500).mapToObj(
                        i -> new NewArticle(i == 1500 ? " " : "fine " + i, List.of("new" + i % 3))), done -> { }));

        assertEquals("article 1500 of the import: Article title must not be blank", failure.getMessage());
        assertEquals(before, db.everything(), "the first chunk and its new tags were rolled back");
    }

    @Test
    void anInvalidArticleFailsTheWholeImportBeforeAnySql(TestDatabase db) throws SQLException {
        db.counter().reset();

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> db.countedDatabase().articles().importArticles(List.of(
                        new NewArticle("fine", List.of("ok")), new NewArticle("also fine", List.of("x".repeat(51))))));

        assertEquals("article 1 of the import: Tag name must be at most 50 characters, was 51", failure.getMessage());
        assertEquals(0, db.counter().statements(), "SQL ran for invalid input");
        assertEquals(0L, db.count("article"));
    }

    @Test
    void anImportInBatchesCommitsEachBatchAndStopsAndResumesWhereTold(TestDatabase db) throws SQLException {
        int count = ArticleImporter.TRANSACTION * 2 + 500;
        List<NewArticle> input = IntStream.range(0, count)
                .mapToObj(i -> new NewArticle("batched " + i, List.of("b" + (i % 5), "all"))).toList();
        List<String> reported = new ArrayList<>();
        List<Long> seenByOthers = new ArrayList<>();
        long importedBefore = db.database().statistics().articlesImported();

        long first = db.database().articles().importInBatches(input.stream(), (done, total) -> {
            reported.add(done + " of " + total);
            try {
                seenByOthers.add(db.count("article")); // another connection: the batch is committed
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return done < ArticleImporter.TRANSACTION; // stop after the first batch
        });
        assertEquals(ArticleImporter.TRANSACTION, first);
        assertEquals(List.of(ArticleImporter.TRANSACTION + " of -1"), reported);
        assertEquals(List.of((long) ArticleImporter.TRANSACTION), seenByOthers);
        assertEquals(List.of(), db.wrongCounts());

        long rest = db.database().articles().importInBatches(input.stream().skip(first), Progress.NONE);
        assertEquals(count - first, rest);
        assertEquals(input.stream().map(NewArticle::title).map(List::<Object>of).toList(),
                db.query("SELECT title FROM article ORDER BY id"), "every article once, in input order");
        assertEquals(List.of(List.of("all", count)), db.query(
                "SELECT name, article_count FROM tag WHERE name = 'all'"));
        assertEquals(List.of(), db.wrongCounts());
        assertEquals(count, db.database().statistics().articlesImported() - importedBefore);
    }

    @Test
    void aBadArticleStopsAnImportInBatchesAfterTheBatchesBeforeItsOwn(TestDatabase db) throws SQLException {
        int bad = ArticleImporter.TRANSACTION + 7;
        List<NewArticle> input = IntStream.range(0, ArticleImporter.TRANSACTION * 2)
                .mapToObj(i -> new NewArticle(i == bad ? " " : "article " + i, List.of("t"))).toList();

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> db.database().articles().importInBatches(input.stream(), Progress.NONE));
        assertEquals("article " + bad + " of the import: Article title must not be blank; the "
                + ArticleImporter.TRANSACTION + " articles before its batch are imported: import the rest by skipping them",
                failure.getMessage());
        assertEquals((long) ArticleImporter.TRANSACTION, db.count("article"));
        assertEquals(List.of(), db.wrongCounts());
    }
}
