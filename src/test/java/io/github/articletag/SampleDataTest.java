package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tutorial's scenario, its rows, and navigation both ways after a reload. */
@ExtendWith(TestDatabaseExtension.class)
class SampleDataTest {

    @Test
    void producesTheTutorialsRows(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());

        assertEquals(List.of(List.of(1, "article1"), List.of(2, "article2")),
                db.query("SELECT id, title FROM article ORDER BY id"));
        assertEquals(List.of(List.of(1, "tag1"), List.of(2, "tag2")),
                db.query("SELECT id, name FROM tag ORDER BY id"));
        assertEquals(List.of(List.of(1, 1), List.of(1, 2), List.of(2, 1), List.of(2, 2)),
                db.query("SELECT article_id, tag_id FROM article_tag ORDER BY article_id, tag_id"));
    }

    @Test
    void theTutorialsSampleTakesSqlAlchemysFiveStatementsAndOneCountPerArticle(TestDatabase db)
            throws SQLException {
        db.counter().reset();

        SampleData.persist(db.countedDatabase());

        // 4 single-row INSERTs (IDENTITY ids) and one batch for the 4 links, as SQLAlchemy sends them, and before
        // each article's links the UPDATE of its tags' kept counts; counted at the DataSource.
        assertEquals(7, db.counter().statements());
        assertEquals(List.of(), db.wrongCounts());
        assertEquals(4L, db.count("article_tag"));
    }

    @Test
    void savedArticlesKnowTheirIdsAndKeepTheirSetsIntact(TestDatabase db) {
        List<Article> articles = SampleData.persist(db.database());

        Article article1 = articles.get(0);
        assertEquals(1, article1.getId());
        // The Set was filled before persist assigned ids: it must still find its elements afterwards.
        for (Tag tag : article1.getTags()) {
            assertTrue(article1.getTags().contains(tag));
            assertTrue(tag.getArticles().contains(article1));
        }
    }

    @Test
    void articleSeesItsTagsAfterReload(TestDatabase db) {
        SampleData.persist(db.database());

        Article article = db.database().articles().findWithTags(1).orElseThrow();

        assertEquals("article1", article.getTitle());
        assertEquals(Set.of("tag1", "tag2"), names(article.getTags()));
    }

    @Test
    void tagSeesItsArticlesAfterReloadLikeTheBackref(TestDatabase db) {
        SampleData.persist(db.database());

        Tag tag = db.database().tags().findWithArticles(2, 1000).orElseThrow();

        assertEquals("tag2", tag.getName());
        assertEquals(Set.of("article1", "article2"),
                tag.getArticles().stream().map(Article::getTitle).collect(Collectors.toSet()));
    }

    @Test
    void allArticlesComeWithTheirTags(TestDatabase db) {
        SampleData.persist(db.database());

        List<Article> articles = db.database().articles().findPage(null, 1000).items();

        assertEquals(List.of("article1", "article2"), articles.stream().map(Article::getTitle).toList());
        articles.forEach(article -> assertEquals(Set.of("tag1", "tag2"), names(article.getTags())));
    }

    @Test
    void aMissingIdFindsNothing(TestDatabase db) {
        assertTrue(db.database().articles().findWithTags(42).isEmpty());
        assertTrue(db.database().tags().findWithArticles(42, 1000).isEmpty());
    }

    private static Set<String> names(Set<Tag> tags) {
        return tags.stream().map(Tag::getName).collect(Collectors.toSet());
    }
}
