package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write that fails part way changes nothing; a lost connection costs at most the transaction it was in. */
@ExtendWith(TestDatabaseExtension.class)
class FaultsTest {

    @Test
    void aWriteThatFailsPartWayLeavesTheDatabaseAsBefore(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        Tag deleted = db.database().tags().findOrCreate("deleted meanwhile");
        db.database().tags().delete(deleted.getId());
        List<List<Object>> before = db.everything();
        Article article = new Article("six tags");
        List<Tag> tags = new java.util.ArrayList<>();
        for (String name : List.of("new1", "new2", "new3")) {
            tags.add(new Tag(name));
        }
        tags.add(deleted); // the fourth no longer exists: the first three were already created when it fails
        tags.add(new Tag("new5"));
        tags.forEach(article::addTag);

        assertThrows(NoSuchElementException.class, () -> db.database().articles().save(article));

        assertEquals(before, db.everything());
        assertEquals(null, article.getId());
        assertEquals(null, tags.get(0).getId());
    }

    @Test
    void aFourthInvalidNameOfSixChangesNothing(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        List<List<Object>> before = db.everything();

        assertThrows(IllegalArgumentException.class,
                () -> db.database().articles().tag(1, "n1", "n2", "n3", "", "n5", "n6"));

        assertEquals(before, db.everything());
    }

    @Test
    void theNextOperationSucceedsAfterTheServerKilledThePoolsConnections(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        killConnectionsOf(db, db.settings().user());

        // The pool still holds the dead connections: a query is simply run again on a fresh one...
        assertEquals(2, db.database().articles().findPage(null, 1000).items().size());
        db.database().articles().tag(1, "after the kill");
        assertEquals(3L, db.count("tag"));

        // ...and a write that must not run twice pings first, replacing a dead connection before it starts.
        killConnectionsOf(db, db.settings().user());
        db.database().articles().save(new Article("saved after the kill"));
        killConnectionsOf(db, db.settings().user());
        assertEquals(List.of(List.of("saved after the kill")),
                db.query("SELECT title FROM article WHERE title LIKE 'saved%'"));
        assertEquals(1, db.database().articles().importArticles(List.of(new NewArticle("imported", List.of("x"))))
                .size());
    }

    @Test
    void aConnectionLostMidTransactionRollsBackAndSaysSo(TestDatabase db) throws SQLException {
        DatabaseUnavailableException failure = assertThrows(DatabaseUnavailableException.class,
                () -> db.database().inTransaction(session -> {
                    session.persist(new Article("first"));
                    session.flush();
                    long id = ((Number) session.createNativeQuery("SELECT CONNECTION_ID()", Object.class)
                            .getSingleResult()).longValue();
                    kill(db, id);
                    session.persist(new Article("second"));
                    session.flush();
                }));

        assertTrue(failure.getMessage().startsWith("lost the connection to the database server at "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(" before the commit: the server rolls the transaction back, nothing"
                + " was written"), failure.getMessage());
        assertFalse(failure.isOutcomeUnknown());
        assertEquals(0L, db.count("article"), "the first insert must have been rolled back");
        assertEquals("after", db.database().articles().save(new Article("after")).getTitle());
    }

    private static void killConnectionsOf(TestDatabase db, String user) throws SQLException {
        for (List<Object> row : db.query(
                "SELECT ID FROM INFORMATION_SCHEMA.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()", user)) {
            kill(db, ((Number) row.get(0)).longValue());
        }
    }

    /** KILL needs no privilege for one's own connections, which these are. */
    private static void kill(TestDatabase db, long connectionId) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("KILL " + connectionId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
