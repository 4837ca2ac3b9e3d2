package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.hibernate.Hibernate;
import org.hibernate.engine.spi.ManagedEntity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tagging queries: their results, and the number of SQL statements each sends (counted at the
 * DataSource), which must not grow with the size of the result.
 *
 * <p>Data: 150 articles; article i carries "all", "mod2" if i is even, "mod3" if i is divisible by 3 and
 * "mod5" if divisible by 5; tag "unused" carries nothing.
 */
@ExtendWith(TestDatabaseExtension.class)
class TaggingQueriesTest {

    private static final int ARTICLES = 150;

    private TestDatabase db;
    private ArticleRepository articles;

    @BeforeEach
    void createArticles(TestDatabase db, Database database) {
        this.db = db;
        this.articles = database.articles();
        database.inTransaction(session -> {
            Tag all = new Tag("all");
            Tag mod2 = new Tag("mod2");
            Tag mod3 = new Tag("mod3");
            Tag mod5 = new Tag("mod5");
            session.persist(new Tag("unused"));
            for (int i = 1; i <= ARTICLES; i++) {
                Article article = new Article("article" + i);
                article.addTag(all);
                if (i % 2 == 0) {
                    article.addTag(mod2);
                }
                if (i % 3 == 0) {
                    article.addTag(mod3);
                }
                if (i % 5 == 0) {
                    article.addTag(mod5);
                }
                session.persist(article);
            }
        });
    }

    @Test
    void articlesTaggedXComeWithAllTheirTagsInOneStatement() {
        List<Article> tagged = statements(1, counted -> counted.articles().findTagged("MOD5", null, 1000).items());

        assertEquals(titles(i -> i % 5 == 0), titles(tagged));
        Article article30 = tagged.get(5);
        assertEquals("article30", article30.getTitle());
        assertEquals(Set.of("all", "mod2", "mod3", "mod5"), names(article30));
    }

    @Test
    void articlesTaggedWithAllOfSeveralTags() {
        List<Article> tagged = statements(2,
                counted -> counted.articles().findTaggedWithAll(List.of("mod2", "mod3"), null, 1000).items());

        assertEquals(titles(i -> i % 6 == 0), titles(tagged));
        assertEquals(List.of(), articles.findTaggedWithAll(List.of("mod2", "no such tag"), null, 1000).items());
        assertEquals(titles(i -> i % 2 == 0), titles(articles.findTaggedWithAll(List.of("mod2", "MOD2 "), null, 1000).items()));
    }

    @Test
    void articlesTaggedWithAnyOfSeveralTags() {
        List<Article> tagged = statements(1,
                counted -> counted.articles().findTaggedWithAny(List.of("mod3", "mod5"), null, 1000).items());

        assertEquals(titles(i -> i % 3 == 0 || i % 5 == 0), titles(tagged));
        assertEquals(List.of(), articles.findTaggedWithAny(List.of("unused"), null, 1000).items());
    }

    @Test
    void tagCountsMostUsedFirst() {
        List<TagCount> counts = statements(1, counted -> counted.tags().mostUsed(10));

        assertEquals(List.of("all=150", "mod2=75", "mod3=50", "mod5=30", "unused=0"),
                counts.stream().map(count -> count.name() + "=" + count.articles()).toList());
    }

    @Test
    void relatedArticlesRankedBySharedTags() {
        // article30 has all four used tags; article60, 90, ... share all four, article6, 12, ... share three. Three
        // statements in one snapshot: SET TRANSACTION, the article's tags, the ranking of each tag's sample.
        List<RelatedArticle> related = statements(3, counted -> counted.articles().findRelated(30, 7));

        assertEquals(List.of(
                new RelatedArticle(60, "article60", 4), new RelatedArticle(90, "article90", 4),
                new RelatedArticle(120, "article120", 4), new RelatedArticle(150, "article150", 4),
                new RelatedArticle(6, "article6", 3), new RelatedArticle(10, "article10", 3),
                new RelatedArticle(12, "article12", 3)), related);
    }

    @Test
    void aPageOfOneHundredArticlesWithTheirTagsTakesOneStatement() {
        List<Article> page = statements(1, counted -> counted.articles().findPage("40", 100).items());

        assertEquals(titles(i -> i > 40 && i <= 140), titles(page));
        page.forEach(article -> assertTrue(Hibernate.isInitialized(article.getTags())));
        assertEquals(Set.of("all", "mod2", "mod3", "mod5"), names(page.get(19))); // article60
    }

    @Test
    void summariesHoldWhatTheEntitiesHold() {
        assertEquals(summaries(articles.findPage("40", 100).items()),
                articles.summarizePage("40", 100).items());
        assertEquals(summaries(articles.findTagged("mod5", null, 1000).items()),
                articles.summarizeTagged(" MOD5", null, 1000).items());
        assertEquals(new ArticleSummary(30, "article30", List.of("all", "mod2", "mod3", "mod5")),
                articles.summarizePage("29", 1).items().get(0));
        assertEquals(List.of(), articles.summarizeTagged("unused", null, 1000).items());
        assertEquals(summaries(articles.findTaggedWithAll(List.of("mod2", "mod3"), null, 1000).items()),
                articles.summarizeTaggedWithAll(List.of("MOD3", "mod2"), null, 1000).items());
        assertEquals(summaries(articles.findTaggedWithAny(List.of("mod3", "mod5"), "40", 7).items()),
                articles.summarizeTaggedWithAny(List.of("mod5", "mod3"), "40", 7).items());
        assertEquals(List.of(), articles.summarizePage("150", 10).items());
    }

    @Test
    void theLastPageIsShortAndPastTheEndIsEmpty() {
        assertEquals(10, articles.findPage("140", 100).items().size());
        assertEquals(List.of(), articles.findPage("150", 100).items());
    }

    @Test
    void badQueryArgumentsAreRejectedByName() {
        assertEquals("at least one tag name is needed", assertThrows(IllegalArgumentException.class,
                () -> articles.findTaggedWithAll(List.of(), null, 1000).items()).getMessage());
        assertEquals("size must be 1 to 1000, was 1001",
                assertThrows(IllegalArgumentException.class, () -> articles.findPage(null, 1001)).getMessage());
        assertEquals("not a cursor of this listing: 'x'",
                assertThrows(IllegalArgumentException.class, () -> articles.findPage("x", 10)).getMessage());
        assertEquals("not a cursor of this listing: '7'",
                assertThrows(IllegalArgumentException.class, () -> db.database().tags().counts("7", 10)).getMessage());
    }

    @Test
    void readsOfArticlesWithTheirTagsLeaveTheNameKeyOutOfTheSelectList() {
        List<Article> page = statements(1, counted -> counted.articles().findPage(null, 10).items());
        assertFalse(selectList(db.counter().sql().get(0)).contains("name_key"));

        List<Article> tagged = statements(1, counted -> counted.articles().findTagged("mod5", null, 1000).items());
        String sql = db.counter().sql().get(0);
        assertTrue(sql.contains("name_key"), "filters on the key: " + sql);
        assertFalse(selectList(sql).contains("name_key"), "never reads it back: " + sql);
        assertEquals(30, tagged.size());

        Tag tag = page.get(0).getTags().iterator().next();
        assertEquals(Tag.keyOf(tag.getName()), tag.getNameKey());
        assertInstanceOf(ManagedEntity.class, tag, "the build enhances the entities (hibernate-maven-plugin)");
    }

    private static String selectList(String sql) {
        return sql.substring(0, sql.toLowerCase(Locale.ROOT).indexOf(" from "));
    }

    /** Runs the query on a Database whose pool counts every statement at the DataSource. */
    private <T> T statements(int expected, Function<Database, T> query) {
        db.counter().reset();
        T result = query.apply(db.countedDatabase());
        assertEquals(expected, db.counter().statements(), "SQL statements sent");
        return result;
    }

    private static List<String> titles(java.util.function.IntPredicate selected) {
        return IntStream.rangeClosed(1, ARTICLES).filter(selected).mapToObj(i -> "article" + i).toList();
    }

    private static List<String> titles(List<Article> articles) {
        return articles.stream().map(Article::getTitle).toList();
    }

    private static List<ArticleSummary> summaries(List<Article> articles) {
        return articles.stream().map(a -> new ArticleSummary(a.getId(), a.getTitle(),
                a.getTags().stream().map(Tag::getName).sorted().toList())).toList();
    }

    private static Set<String> names(Article article) {
        return article.getTags().stream().map(Tag::getName).collect(Collectors.toSet());
    }
}
