package io.github.articletag.persistence;

import io.github.articletag.domain.Article;
import io.github.articletag.domain.Tag;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tagging, untagging and deleting, checked row by row in the tables. */
@ExtendWith(TestDatabaseExtension.class)
class TaggingLifecycleTest {

    @Test
    void removingATagDeletesExactlyThatOneLink(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        assertTrue(db.database().articles().untag(1, "tag2"));

        assertEquals(List.of(List.of(1, 1), List.of(2, 1), List.of(2, 2)), links(db));
        assertEquals(2L, count(db, "tag"));
    }

    @Test
    void removingATagTheArticleDoesNotHaveChangesNothing(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        db.database().tags().findOrCreate("unused");

        assertFalse(db.database().articles().untag(1, "unused"));
        assertFalse(db.database().articles().untag(1, "no such tag"));

        assertEquals(4L, count(db, "article_tag"));
    }

    @Test
    void deletingAnArticleDeletesItsLinksAndKeepsTheTags(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        assertTrue(db.database().articles().delete(1));

        assertEquals(List.of(List.of(2, 1), List.of(2, 2)), links(db));
        assertEquals(List.of(List.of("tag1"), List.of("tag2")), db.query("SELECT name FROM tag ORDER BY id"));
        assertFalse(db.database().articles().delete(1));
    }

    @Test
    void deletingATagStillInUseDeletesItsLinksAndKeepsTheArticles(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        assertTrue(db.database().tags().delete(1));

        assertEquals(List.of(List.of(1, 2), List.of(2, 2)), links(db));
        assertEquals(2L, count(db, "article"));
    }

    @Test
    void deletingATagThroughHibernateDirectlyAlsoWorks(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        // What a user of the plain Session would write: on a naive mapping this is a foreign-key violation.
        db.database().inTransaction(session -> session.remove(session.find(Tag.class, 2)));

        assertEquals(List.of(List.of(1, 1), List.of(2, 1)), links(db));
    }

    @Test
    void taggingTwiceWithTheSameTagIsANoOp(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        db.database().articles().tag(1, "tag1");
        db.database().articles().tag(1, "tag1", " TAG1 ");

        assertEquals(4L, count(db, "article_tag"));
        assertEquals(2L, count(db, "tag"));
    }

    @Test
    void taggingCreatesMissingTagsAndReusesExistingOnes(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        Article article = db.database().articles().tag(2, "tag1", "new");

        assertEquals(Set.of("tag1", "tag2", "new"),
                article.getTags().stream().map(Tag::getName).collect(Collectors.toSet()));
        assertEquals(3L, count(db, "tag"));
        assertEquals(List.of(List.of(1, 1), List.of(1, 2), List.of(2, 1), List.of(2, 2), List.of(2, 3)), links(db));
    }

    @Test
    void taggingAnArticleThatDoesNotExistFailsClearly(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        db.database().articles().delete(2);

        NoSuchElementException failure = assertThrows(NoSuchElementException.class,
                () -> db.database().articles().tag(2, "brand new"));

        assertEquals("article 2 does not exist", failure.getMessage());
        assertEquals(2L, count(db, "tag"), "no tag may be created for a missing article");
    }

    @Test
    void renamingATagKeepsItsLinks(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        Tag renamed = db.database().tags().rename(1, "  renamed ");

        assertEquals("renamed", renamed.getName());
        assertEquals(List.of(List.of(1, "renamed"), List.of(2, "tag2")), db.query("SELECT id, name FROM tag ORDER BY id"));
        assertEquals(4L, count(db, "article_tag"));
    }

    @Test
    void renamingToAnotherTagsNameFailsAndChangesNothing(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> db.database().tags().rename(1, "TAG2"));

        assertEquals("tag name 'TAG2' is already used by tag 2", failure.getMessage());
        assertEquals(List.of(List.of("tag1"), List.of("tag2")), db.query("SELECT name FROM tag ORDER BY id"));
    }

    @Test
    void mergingATagMovesEveryArticleOnceAndRemovesIt(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        Article third = db.database().articles().save(new Article("article3"));
        db.database().articles().tag(third.getId(), "tag1");
        // article1 and article2 already carry both tags; article3 carries only tag1.

        Tag into = db.database().tags().merge(1, 2);

        assertEquals("tag2", into.getName());
        assertEquals(List.of(List.of(1, 2), List.of(2, 2), List.of(3, 2)), links(db));
        assertEquals(List.of(List.of("tag2")), db.query("SELECT name FROM tag"));
    }

    @Test
    void mergingIntoAMissingTagFailsAndChangesNothing(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        assertThrows(NoSuchElementException.class, () -> db.database().tags().merge(1, 99));
        assertThrows(IllegalArgumentException.class, () -> db.database().tags().merge(1, 1));

        assertEquals(4L, count(db, "article_tag"));
        assertEquals(2L, count(db, "tag"));
    }

    static List<List<Object>> links(TestDatabase db) throws SQLException {
        return db.query("SELECT article_id, tag_id FROM article_tag ORDER BY article_id, tag_id");
    }

    static long count(TestDatabase db, String table) throws SQLException {
        return ((Number) db.query("SELECT COUNT(*) FROM " + table).get(0).get(0)).longValue();
    }
}
