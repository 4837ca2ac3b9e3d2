package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.LazyInitializationException;
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
    void aLoadedArticleTakesAFoundTagAndSaveWritesTheLink(ArticleRepository articles, TagRepository tags,
            Database database) throws SQLException {
        SampleData.persist(database);

        Article article = articles.findWithTags(1).orElseThrow();
        Tag x = tags.findOrCreate("x");
        assertTrue(article.addTag(x));
        assertTrue(article.getTags().contains(x));
        articles.save(article);

        assertEquals(Set.of("tag1", "tag2", "x"), names(articles.findWithTags(1).orElseThrow()));
        assertFalse(article.hasUnsavedChanges());
    }

    @Test
    void aNewArticleTakesExistingTagsByEntityAndByName(TestDatabase db, ArticleRepository articles, TagRepository tags,
            Database database) throws SQLException {
        SampleData.persist(database);
        Tag tag1 = tags.findByName("tag1").orElseThrow();
        Article article = new Article("third");
        article.addTag(tag1);
        Tag sameNameAsTag2 = new Tag("TAG2");
        article.addTag(sameNameAsTag2);
        article.addTag(new Tag("brand new"));

        Article saved = articles.save(article);

        assertSame(article, saved);
        assertNotNull(article.getId());
        assertEquals(2, sameNameAsTag2.getId(), "the new Tag object is the existing tag2");
        assertEquals("tag2", sameNameAsTag2.getName(), "spelled as stored, as its JSON will be");
        assertEquals(3L, db.count("tag"));
        assertEquals(Set.of("tag1", "tag2", "brand new"),
                names(articles.findWithTags(article.getId()).orElseThrow()));
    }

    @Test
    void aNewTagEqualToOneTheArticleHasEndsUpOnceInItsSet(ArticleRepository articles, Database database) {
        SampleData.persist(database);
        Article article = articles.findWithTags(1).orElseThrow();
        article.addTag(new Tag("Tag1"));

        articles.save(article);

        assertEquals(2, article.getTags().size());
        assertEquals(Set.of(1, 2), article.getTags().stream().map(Tag::getId).collect(Collectors.toSet()));
    }

    @Test
    void untagAndRetitleALoadedArticle(TestDatabase db, ArticleRepository articles,
            Database database) throws SQLException {
        SampleData.persist(database);
        Article article = articles.findWithTags(2).orElseThrow();
        Tag tag1 = article.getTags().stream().filter(t -> t.getName().equals("tag1")).findFirst().orElseThrow();

        article.removeTag(tag1);
        article.setTitle("article two");
        articles.save(article);

        Article reloaded = articles.findWithTags(2).orElseThrow();
        assertEquals("article two", reloaded.getTitle());
        assertEquals(Set.of("tag2"), names(reloaded));
        assertEquals(List.of(List.of(1, 1), List.of(1, 2), List.of(2, 2)), db.links());
    }

    @Test
    void anArticleReachedThroughATagIsTaggedWithoutLoadingItsTags(ArticleRepository articles, TagRepository tags,
            Database database) {
        SampleData.persist(database);
        Tag tag1 = tags.findWithArticles(1, 1000).orElseThrow();
        Article article = tag1.getArticles().get(0);
        assertFalse(article.areTagsLoaded());
        assertThrows(LazyInitializationException.class, () -> article.getTags().size());

        article.addTag(new Tag("via tag1"));
        articles.save(article);

        assertEquals(Set.of("tag1", "tag2", "via tag1"),
                names(articles.findWithTags(article.getId()).orElseThrow()));
    }

    @Test
    void aFoundTagsArticlesAreNotLoadedToTagAnArticle(TagRepository tags, Database database) {
        SampleData.persist(database);
        Tag found = tags.findByName("tag1").orElseThrow();
        Article article = new Article("new");

        article.addTag(found); // the tag's articles were never loaded: nothing is loaded for them, nothing fails

        assertFalse(found.areArticlesLoaded());
        assertEquals(Set.of(found), article.getTags());
    }

    @Test
    void aLoadedTagSeesAnArticleTaggedWithItAtOnce(TagRepository tags, Database database) {
        SampleData.persist(database);
        Tag tag1 = tags.findWithArticles(1, 1000).orElseThrow();
        Article article = new Article("third");

        article.addTag(tag1);

        assertEquals(3, tag1.getArticles().size());
        assertTrue(tag1.getArticles().contains(article));
    }

    @Test
    void twoUsersTaggingTheSameArticleBothKeepTheirTags(ArticleRepository articles, Database database) {
        SampleData.persist(database);
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
    void theLaterOfTwoTitleChangesIsRefusedAndChangesNothing(TestDatabase db, ArticleRepository articles,
            Database database) throws SQLException {
        SampleData.persist(database);
        Article alice = articles.findWithTags(1).orElseThrow();
        Article bob = articles.findWithTags(1).orElseThrow();
        alice.setTitle("by alice");
        bob.setTitle("by bob");
        bob.addTag(new Tag("bob's tag"));
        articles.save(alice);

        OptimisticLockException failure = assertThrows(OptimisticLockException.class, () -> articles.save(bob));

        assertTrue(failure.getMessage().contains("retitled 'by alice'"), failure.getMessage());
        assertEquals("by alice", articles.findWithTags(1).orElseThrow().getTitle());
        assertEquals(2L, db.count("tag"), "bob's tag must not be created either");
        assertTrue(bob.hasUnsavedChanges(), "bob's changes are still his to apply again");
    }

    @Test
    void aTitleChangeOnlyInLetterCaseCountsAsAChange(ArticleRepository articles, Database database) {
        SampleData.persist(database);
        Article alice = articles.findWithTags(1).orElseThrow();
        Article bob = articles.findWithTags(1).orElseThrow();
        alice.setTitle("ARTICLE1");
        bob.setTitle("bob");
        articles.save(alice);

        assertThrows(OptimisticLockException.class, () -> articles.save(bob));
    }

    @Test
    void aFailedSaveLeavesTheObjectsUsableAndASecondSaveWorks(TestDatabase db, ArticleRepository articles,
            TagRepository tags) throws SQLException {
        Tag doomed = tags.findOrCreate("doomed");
        tags.delete(doomed.getId());
        Article article = new Article("retry me");
        Tag fresh = new Tag("fresh");
        article.addTag(fresh);
        article.addTag(doomed);

        NoSuchElementException failure = assertThrows(NoSuchElementException.class,
                () -> articles.save(article));

        assertTrue(failure.getMessage().contains("tag " + doomed.getId() + " ('doomed') does not exist"),
                failure.getMessage());
        assertNull(article.getId());
        assertNull(fresh.getId());
        article.removeTag(doomed);
        articles.save(article);
        assertEquals(Set.of("fresh"), names(articles.findWithTags(article.getId()).orElseThrow()));
        assertEquals(1L, db.count("article"));
    }

    @Test
    void savingAnArticleDeletedMeanwhileSaysSo(ArticleRepository articles, Database database) {
        SampleData.persist(database);
        Article article = articles.findWithTags(1).orElseThrow();
        articles.delete(1);
        article.addTag(new Tag("late"));

        NoSuchElementException failure = assertThrows(NoSuchElementException.class,
                () -> articles.save(article));

        assertEquals("article 1 does not exist", failure.getMessage());
    }

    @Test
    void savingAnUnchangedArticleWritesNothing(TestDatabase db, ArticleRepository articles,
            Database database) throws SQLException {
        SampleData.persist(database);
        Article article = articles.findWithTags(1).orElseThrow();
        List<List<Object>> before = db.everything();

        articles.save(article);
        articles.save(article);

        assertEquals(before, db.everything());
    }

    @Test
    void pagesAreRightWhateverRanBeforeOnTheSameDatabase(ArticleRepository articles) {
        List<NewArticle> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(new NewArticle("a" + i, List.of("t" + i % 4, "u" + i % 3)));
        }
        List<Integer> ids = articles.importArticles(many);

        // Every order of the unpaged and the paged finders, twice over.
        for (int round = 0; round < 2; round++) {
            assertEquals(30, articles.findPage(null, 1000).items().size());
            assertEquals(ids.subList(0, 7), ids(articles.findPage(null, 7).items()));
            assertEquals(ids.subList(7, 14), ids(articles.findPage("7", 7).items()));
            assertEquals(List.of(), ids(articles.findPage("500", 10).items()));
            assertEquals(30, articles.findPage(null, 1000).items().size());
            assertEquals(ids.subList(28, 30), ids(articles.findPage("28", 10).items()));
        }
        assertEquals(Set.of("t1", "u1"), names(articles.findPage("1", 1).items().get(0)));
    }

    static Set<String> names(Article article) {
        return article.getTags().stream().map(Tag::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Integer> ids(List<Article> articles) {
        return articles.stream().map(Article::getId).toList();
    }
}
