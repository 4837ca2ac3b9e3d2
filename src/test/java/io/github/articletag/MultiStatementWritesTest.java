package io.github.articletag;

import io.github.articletag.internal.Sql;
import io.github.articletag.testing.RoundTripCounter;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writes the library's own pool sends as one text of several statements ({@code Sql.updates}): each
 * statement's row count comes back, and a statement that fails after others ran fails the transaction, which
 * rolls back what the text's earlier statements wrote.
 */
@ExtendWith(TestDatabaseExtension.class)
class MultiStatementWritesTest {

    private static final String ARTICLE = "INSERT INTO article (title) VALUES (?)";
    private static final String TAG = "INSERT INTO tag (name, name_key) VALUES (?, ?)";

    @Test
    void severalWritesGoInOneRoundTripAndEachReturnsItsRowCount(TestDatabase db) {
        try (Database database = Database.open(db.settings(), RoundTripCounter.DRIVER_PROPERTY)) {
            int[][] counts = new int[1][];
            long sent = RoundTripCounter.count(() -> database.inTransaction(session -> counts[0] = Sql.on(session,
                    sql -> sql.updates(List.of(new Sql.Update(ARTICLE, List.of("one text")),
                            new Sql.Update("UPDATE article SET title = CONCAT(title, '!') WHERE title = ?",
                                    List.of("one text")),
                            new Sql.Update(TAG, List.of("múlti 𠮷", "múlti 𠮷")))))));
            assertArrayEquals(new int[] {1, 1, 1}, counts[0]);
            assertEquals(2, sent, "the three statements in one text, then the commit");
            assertTrue(database.articles().findPage(null, 10).items().stream()
                    .anyMatch(article -> article.getTitle().equals("one text!")));
        }
    }

    @Test
    void aStatementThatFailsAfterOthersRanRollsThemBack(TestDatabase db) {
        Database database = db.database();
        database.tags().findOrCreate("taken");
        RuntimeException failed = assertThrows(RuntimeException.class, () -> database.inTransaction(session ->
                Sql.on(session, sql -> sql.updates(List.of(new Sql.Update(ARTICLE, List.of("rolled back")),
                        new Sql.Update(TAG, List.of("taken", "taken")))))));
        assertEquals(1062, errorCode(failed), "the second statement's duplicate key, not a syntax error");
        assertTrue(database.articles().findPage(null, 10).items().stream()
                .noneMatch(article -> article.getTitle().equals("rolled back")));
    }

    private static int errorCode(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getErrorCode();
            }
        }
        return -1;
    }
}
