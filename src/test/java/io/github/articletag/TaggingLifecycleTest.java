package io.github.articletag;

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
    void removingATagDeletesExactlyThatOneLink(TestDatabase db, ArticleRepository articles,
            Database database) throws SQLException {
        SampleData.persist(database);

        assertTrue(articles.untag(1, "tag2"));

        assertEquals(List.of(List.of(1, 1), List.of(2, 1), List.of(2, 2)), db.links());
        assertEquals(2L, db.count("tag"));
    }

    @Test
    void removingATagTheArticleDoesNotHaveChangesNothing(TestDatabase db, ArticleRepository articles,
            TagRepository tags, Database database) throws SQLException {
        SampleData.persist(database);
        tags.findOrCreate("unused");

        assertFalse(articles.untag(1, "unused"));
        assertFalse(articles.untag(1, "no such tag"));

        assertEquals(4L, db.count("article_tag"));
    }

    @Test
    void deletingAnArticleDeletesItsLinksAndKeepsTheTags(TestDatabase db, ArticleRepository articles,
            Database database) throws SQLException {
        SampleData.persist(database);

        assertTrue(articles.delete(1));

        assertEquals(List.of(List.of(2, 1), List.of(2, 2)), db.links());
        assertEquals(List.of(List.of("tag1"), List.of("tag2")), db.query("SELECT name FROM tag ORDER BY id"));
        assertFalse(articles.delete(1));
    }

    @Test
    void deletingATagStillInUseDeletesItsLinksAndKeepsTheArticles(TestDatabase db, TagRepository tags,
            Database database) throws SQLException {
        SampleData.persist(database);

        assertTrue(tags.delete(1));

        assertEquals(List.of(List.of(1, 2), List.of(2, 2)), db.links());
        assertEquals(2L, db.count("article"));
    }

    @Test
    void deletingATagThroughHibernateDirectlyAlsoWorks(TestDatabase db, Database database) throws SQLException {
        SampleData.persist(database);

        // What a user of the plain Session would write: on a naive mapping this is a foreign-key violation.
        database.inTransaction(session -> session.remove(session.find(Tag.class, 2)));

        assertEquals(List.of(List.of(1, 1), List.of(2, 1)), db.links());
    }

    @Test
    void taggingTwiceWithTheSameTagIsANoOp(TestDatabase db, ArticleRepository articles,
            Database database) throws SQLException {
        SampleData.persist(database);

        articles.tag(1, "tag1");
        articles.tag(1, "tag1", " TAG1 ");

        assertEquals(4L, db.count("article_tag"));
        assertEquals(2L, db.count("tag"));
    }

    @Test
    void taggingCreatesMissingTagsAndReusesExistingOnes(TestDatabase db, ArticleRepository articles,
            Database database) throws SQLException {
        SampleData.persist(database);

        Article article = articles.tag(2, "tag1", "new");

        assertEquals(Set.of("tag1", "tag2", "new"),
                article.getTags().stream().map(Tag::getName).collect(Collectors.toSet()));
        assertEquals(3L, db.count("tag"));
        assertEquals(List.of(List.of(1, 1), List.of(1, 2), List.of(2, 1), List.of(2, 2), List.of(2, 3)), db.links());
    }

    @Test
    void taggingAnArticleThatDoesNotExistFailsClearly(TestDatabase db, ArticleRepository articles,
            Database database) throws SQLException {
        SampleData.persist(database);
        articles.delete(2);

        NoSuchElementException failure = assertThrows(NoSuchElementException.class,
                () -> articles.tag(2, "brand new"));

        assertEquals("article 2 does not exist", failure.getMessage());
        assertEquals(2L, db.count("tag"), "no tag may be created for a missing article");
    }

    @Test
    void renamingATagKeepsItsLinks(TestDatabase db, TagRepository tags, Database database) throws SQLException {
        SampleData.persist(database);

        Tag renamed = tags.rename(1, "  renamed ");

        assertEquals("renamed", renamed.getName());
        assertEquals(List.of(List.of(1, "renamed"), List.of(2, "tag2")), db.query("SELECT id, name FROM tag ORDER BY id"));
        assertEquals(4L, db.count("article_tag"));
    }

    @Test
    void renamingToAnotherTagsNameFailsAndChangesNothing(TestDatabase db, TagRepository tags,
            Database database) throws SQLException {
        SampleData.persist(database);

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> tags.rename(1, "TAG2"));

        assertEquals("tag name 'TAG2' is already used by tag 2", failure.getMessage());
        assertEquals(List.of(List.of("tag1"), List.of("tag2")), db.query("SELECT name FROM tag ORDER BY id"));
    }

    @Test
    void mergingATagMovesEveryArticleOnceAndRemovesIt(TestDatabase db, ArticleRepository articles, TagRepository tags,
            Database database) throws SQLException {
        SampleData.persist(database);
        Article third = articles.save(new Article("article3"));
        articles.tag(third.getId(), "tag1");
        // article1 and article2 already carry both tags; article3 carries only tag1.

        Tag into = tags.merge(1, 2);

        assertEquals("tag2", into.getName());
        assertEquals(List.of(List.of(1, 2), List.of(2, 2), List.of(3, 2)), db.links());
        assertEquals(List.of(List.of("tag2")), db.query("SELECT name FROM tag"));
    }

    @Test
    void mergingIntoAMissingTagFailsAndChangesNothing(TestDatabase db, TagRepository tags,
            Database database) throws SQLException {
        SampleData.persist(database);

        assertThrows(NoSuchElementException.class, () -> tags.merge(1, 99));
        assertThrows(IllegalArgumentException.class, () -> tags.merge(1, 1));

        assertEquals(4L, db.count("article_tag"));
        assertEquals(2L, db.count("tag"));
    }


}
