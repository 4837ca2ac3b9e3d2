package io.github.articletag;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.articletag.testing.LogCapture;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conflict the library resolves is logged at DEBUG and counted; what reaches the caller is Hibernate's to log. */
@ExtendWith(TestDatabaseExtension.class)
class RetriedConflictsTest {

    /**
     * Another connection inserts the very link a {@code tag} call is about to insert and commits while the call
     * waits on it: the call's insert meets a duplicate key, and its second attempt finds the link there.
     */
    @Test
    void aDuplicateLinkThatIsRetriedIsNoWarning(TestDatabase db, Database database) throws Exception {
        int article = database.articles().save(new Article("contended")).getId();
        int tag = database.tags().findOrCreate("dup").getId();
        long retriesBefore = database.retries();
        long duplicatesBefore = database.statistics().retries().get(RetryCause.DUPLICATE_KEY);
        Logger retries = (Logger) LoggerFactory.getLogger("io.github.articletag.retries");
        Level level = retries.getLevel();
        retries.setLevel(Level.DEBUG);
        String logged;
        try (Connection other = db.connect()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.executeUpdate("UPDATE tag SET article_count = article_count + 1 WHERE id = " + tag);
                statement.executeUpdate("INSERT INTO article_tag (article_id, tag_id) VALUES (" + article + ", " + tag + ")");
            }
            logged = LogCapture.during(() -> {
                CompletableFuture<Article> call = CompletableFuture.supplyAsync(
                        () -> database.articles().tag(article, "DUP"));
                Thread.sleep(500); // the call now waits for the other connection's locks
                other.commit();
                assertEquals(List.of("dup"), call.get(30, TimeUnit.SECONDS).getTags().stream().map(Tag::getName).toList());
            });
        } finally {
            retries.setLevel(level);
        }

        assertEquals(List.of(), LogCapture.warnings(logged), "a resolved conflict was logged as a warning");
        assertTrue(logged.contains("DEBUG io.github.articletag.retries"), "nor at DEBUG: " + logged);
        assertEquals(1, database.retries() - retriesBefore);
        assertEquals(1, database.statistics().retries().get(RetryCause.DUPLICATE_KEY) - duplicatesBefore, "by cause");
        assertEquals(List.of(List.of(article, tag)), db.links());
        assertEquals(List.of(), db.wrongCounts());
    }

    /** The application's own failing statement, outside the library's retries, is still Hibernate's warning. */
    @Test
    void aConflictOutsideTheLibrarysRetriesIsStillWarnedOf(Database database) throws Exception {
        database.tags().findOrCreate("taken");
        String logged = LogCapture.during(() -> assertThrows(RuntimeException.class, () -> database.inTransaction(
                session -> session.createNativeMutationQuery(
                        "INSERT INTO tag (name, name_key) VALUES ('taken', 'taken')").executeUpdate())));

        assertTrue(LogCapture.warnings(logged).stream().anyMatch(line -> line.contains("Duplicate entry")), logged);
    }
}
