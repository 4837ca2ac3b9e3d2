package io.github.articletag.persistence;

import io.github.articletag.domain.Article;
import io.github.articletag.domain.Tag;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's moves on the objects the repositories hand out (detached, with some collections loaded), as the
 * tutorial's session allows them: tag a loaded article with loaded, found or new tags, then save; save a new
 * article with existing tags; change a title. The README's examples of {@code save} are these tests.
 */
@ExtendWith(TestDatabaseExtension.class)
class WorkingWithLoadedArticlesTest {

    @Test
    void aLoadedArticleTakesAFoundTagAndSaveWritesTheLink(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        ArticleRepository articles = db.database().articles();

        Article article = articles.findWithTags(1).orElseThrow();
        Tag x = db.database().tags().findOrCreate("x");
        assertTrue(article.addTag(x));
        assertTrue(article.getTags().contains(x));
        articles.save(article);

        assertEquals(Set.of("tag1", "tag2", "x"), names(articles.findWithTags(1).orElseThrow()));
        assertFalse(article.hasUnsavedChanges());
    }

    @Test
    void aNewArticleTakesExistingTagsByEntityAndByName(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        Tag tag1 = db.database().tags().findByName("tag1").orElseThrow();
        Article article = new Article("third");
        article.addTag(tag1);
        Tag sameNameAsTag2 = new Tag("TAG2");
        article.addTag(sameNameAsTag2);
        article.addTag(new Tag("brand new"));

        Article saved = db.database().articles().save(article);

        assertSame(article, saved);
        assertNotNull(article.getId());
        assertEquals(2, sameNameAsTag2.getId(), "the new Tag object is the existing tag2");
        assertEquals(3L, TaggingLifecycleTest.count(db, "tag"));
        assertEquals(Set.of("tag1", "tag2", "brand new"),
                names(db.database().articles().findWithTags(article.getId()).orElseThrow()));
    }

    @Test
    void aNewTagEqualToOneTheArticleHasEndsUpOnceInItsSet(TestDatabase db) {
        SampleData.persist(db.database());
        Article article = db.database().articles().findWithTags(1).orElseThrow();
        article.addTag(new Tag("Tag1"));

        db.database().articles().save(article);

        assertEquals(2, article.getTags().size());
        assertEquals(Set.of(1, 2), article.getTags().stream().map(Tag::getId).collect(Collectors.toSet()));
    }

    @Test
    void untagAndRetitleALoadedArticle(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        Article article = db.database().articles().findWithTags(2).orElseThrow();
        Tag tag1 = article.getTags().stream().filter(t -> t.getName().equals("tag1")).findFirst().orElseThrow();

        article.removeTag(tag1);
        article.setTitle("article two");
        db.database().articles().save(article);

        Article reloaded = db.database().articles().findWithTags(2).orElseThrow();
        assertEquals("article two", reloaded.getTitle());
        assertEquals(Set.of("tag2"), names(reloaded));
        assertEquals(List.of(List.of(1, 1), List.of(1, 2), List.of(2, 2)), TaggingLifecycleTest.links(db));
    }

    @Test
    void anArticleReachedThroughATagIsTaggedWithoutLoadingItsTags(TestDatabase db) {
        SampleData.persist(db.database());
        Tag tag1 = db.database().tags().findWithArticles(1).orElseThrow();
        Article article = tag1.getArticles().get(0);
        assertFalse(article.areTagsLoaded());

        article.addTag(new Tag("via tag1"));
        db.database().articles().save(article);

        assertEquals(Set.of("tag1", "tag2", "via tag1"),
                names(db.database().articles().findWithTags(article.getId()).orElseThrow()));
    }

    @Test
    void aFoundTagsArticlesAreNotLoadedToTagAnArticle(TestDatabase db) {
        SampleData.persist(db.database());
        Tag found = db.database().tags().findByName("tag1").orElseThrow();
        Article article = new Article("new");

        article.addTag(found); // the tag's articles were never loaded: nothing is loaded for them, nothing fails

        assertFalse(found.areArticlesLoaded());
        assertEquals(Set.of(found), article.getTags());
    }

    @Test
    void aLoadedTagSeesAnArticleTaggedWithItAtOnce(TestDatabase db) {
        SampleData.persist(db.database());
        Tag tag1 = db.database().tags().findWithArticles(1).orElseThrow();
        Article article = new Article("third");

        article.addTag(tag1);

        assertEquals(3, tag1.getArticles().size());
        assertTrue(tag1.getArticles().contains(article));
    }

    @Test
    void twoUsersTaggingTheSameArticleBothKeepTheirTags(TestDatabase db) {
        SampleData.persist(db.database());
        ArticleRepository articles = db.database().articles();
        Article alice = articles.findWithTags(1).orElseThrow();
        Article bob = articles.findWithTags(1).orElseThrow();

        alice.addTag(new Tag("alice"));
        bob.addTag(new Tag("bob"));
        bob.removeTag(bob.getTags().stream().filter(t -> t.getName().equals("tag1")).findFirst().orElseThrow());
        articles.save(alice);
        articles.save(bob); // a stale set would have dropped "alice"

        assertEquals(Set.of("tag2", "alice", "bob"), names(articles.findWithTags(1).orElseThrow()));
    }

    @Test
    void theLaterOfTwoTitleChangesIsRefusedAndChangesNothing(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        ArticleRepository articles = db.database().articles();
        Article alice = articles.findWithTags(1).orElseThrow();
        Article bob = articles.findWithTags(1).orElseThrow();
        alice.setTitle("by alice");
        bob.setTitle("by bob");
        bob.addTag(new Tag("bob's tag"));
        articles.save(alice);

        OptimisticLockException failure = assertThrows(OptimisticLockException.class, () -> articles.save(bob));

        assertTrue(failure.getMessage().contains("retitled 'by alice'"), failure.getMessage());
        assertEquals("by alice", articles.findWithTags(1).orElseThrow().getTitle());
        assertEquals(2L, TaggingLifecycleTest.count(db, "tag"), "bob's tag must not be created either");
        assertTrue(bob.hasUnsavedChanges(), "bob's changes are still his to apply again");
    }

    @Test
    void aTitleChangeOnlyInLetterCaseCountsAsAChange(TestDatabase db) {
        SampleData.persist(db.database());
        ArticleRepository articles = db.database().articles();
        Article alice = articles.findWithTags(1).orElseThrow();
        Article bob = articles.findWithTags(1).orElseThrow();
        alice.setTitle("ARTICLE1");
        bob.setTitle("bob");
        articles.save(alice);

        assertThrows(OptimisticLockException.class, () -> articles.save(bob));
    }

    @Test
    void aFailedSaveLeavesTheObjectsUsableAndASecondSaveWorks(TestDatabase db) throws SQLException {
        Tag doomed = db.database().tags().findOrCreate("doomed");
        db.database().tags().delete(doomed.getId());
        Article article = new Article("retry me");
        Tag fresh = new Tag("fresh");
        article.addTag(fresh);
        article.addTag(doomed);

        NoSuchElementException failure = assertThrows(NoSuchElementException.class,
                () -> db.database().articles().save(article));

        assertTrue(failure.getMessage().contains("tag " + doomed.getId() + " ('doomed') does not exist"),
                failure.getMessage());
        assertNull(article.getId());
        assertNull(fresh.getId());
        article.removeTag(doomed);
        db.database().articles().save(article);
        assertEquals(Set.of("fresh"), names(db.database().articles().findWithTags(article.getId()).orElseThrow()));
        assertEquals(1L, TaggingLifecycleTest.count(db, "article"));
    }

    @Test
    void savingAnArticleDeletedMeanwhileSaysSo(TestDatabase db) {
        SampleData.persist(db.database());
        Article article = db.database().articles().findWithTags(1).orElseThrow();
        db.database().articles().delete(1);
        article.addTag(new Tag("late"));

        NoSuchElementException failure = assertThrows(NoSuchElementException.class,
                () -> db.database().articles().save(article));

        assertEquals("article 1 does not exist", failure.getMessage());
    }

    @Test
    void savingAnUnchangedArticleWritesNothing(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        Article article = db.database().articles().findWithTags(1).orElseThrow();
        List<List<Object>> before = BadInputTest.everything(db);

        db.database().articles().save(article);
        db.database().articles().save(article);

        assertEquals(before, BadInputTest.everything(db));
    }

    @Test
    void pagesAreRightWhateverRanBeforeOnTheSameDatabase(TestDatabase db) {
        List<NewArticle> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(new NewArticle("a" + i, List.of("t" + i % 4, "u" + i % 3)));
        }
        List<Integer> ids = db.database().articles().importArticles(many);
        ArticleRepository articles = db.database().articles();

        // Every order of the unpaged and the paged finders, twice over.
        for (int round = 0; round < 2; round++) {
            assertEquals(30, articles.findAllWithTags().size());
            assertEquals(ids.subList(0, 7), ids(articles.findPage(0, 7)));
            assertEquals(ids.subList(7, 14), ids(articles.findPage(7, 7)));
            assertEquals(List.of(), ids(articles.findPage(500, 10)));
            assertEquals(30, articles.findAllWithTags().size());
            assertEquals(ids.subList(28, 30), ids(articles.findPage(28, 10)));
        }
        assertEquals(Set.of("t1", "u1"), names(articles.findPage(1, 1).get(0)));
    }

    static Set<String> names(Article article) {
        return article.getTags().stream().map(Tag::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Integer> ids(List<Article> articles) {
        return articles.stream().map(Article::getId).toList();
    }
}
