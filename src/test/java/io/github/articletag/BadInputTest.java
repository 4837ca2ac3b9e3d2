package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad text is refused before any SQL; good text, however odd, is stored and matched exactly. */
@ExtendWith(TestDatabaseExtension.class)
class BadInputTest {

    private static final String CJK = "多对多的关系建立";
    private static final String EMOJI = "tags 🏷️ and 👩‍💻 𝄞";

    @Test
    void invalidTagNamesFailBeforeAnySqlNamingTheFieldAndLimit(TestDatabase db, Database database) throws SQLException {
        SampleData.persist(database);
        List<List<Object>> before = db.everything();
        db.counter().reset();

        assertEquals("Tag name must be at most 50 characters, was 51", assertThrows(IllegalArgumentException.class,
                () -> db.countedDatabase().articles().tag(1, "ok", "x".repeat(51))).getMessage());
        assertEquals("Tag name must not be blank", assertThrows(IllegalArgumentException.class,
                () -> db.countedDatabase().tags().findOrCreate(" ")).getMessage());
        assertEquals("Tag name must not be null", assertThrows(IllegalArgumentException.class,
                () -> db.countedDatabase().tags().rename(1, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> db.countedDatabase().articles().findTagged("\t", null, 1000).items());

        assertEquals(0, db.counter().statements(), "SQL ran for invalid input");
        assertEquals(before, db.everything());
    }

    /** Every public entry point that takes an object, given null: an IllegalArgumentException naming it. */
    @Test
    void everyEntryPointRefusesNullNamingTheFieldBeforeAnySql(TestDatabase db, ArticleRepository articles,
            TagRepository tags) throws SQLException {
        SampleData.persist(db.database());
        List<List<Object>> before = db.everything();
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("Tag name", () -> articles.tag(1, (String) null));
        calls.put("tag names", () -> articles.tag(1, (String[]) null));
        calls.put("Tag name ", () -> articles.tag(1, "ok", null));
        calls.put("Tag name  ", () -> articles.untag(1, null));
        calls.put("Tag name   ", () -> articles.findTagged(null, null, 1000).items());
        calls.put("Tag name    ", () -> articles.summarizeTagged(null, null, 1000).items());
        calls.put("tag names  ", () -> articles.findTaggedWithAll(null, null, 1000).items());
        calls.put("tag names   ", () -> articles.findTaggedWithAny(null, null, 1000).items());
        calls.put("Tag name     ", () -> articles.findTaggedWithAny(Arrays.asList("ok", null), null, 1000).items());
        calls.put("article", () -> articles.save(null));
        calls.put("articles to import", () -> articles.importArticles(null));
        calls.put("article 1 of the import", () -> articles.importArticles(Arrays.asList(
                new NewArticle("ok", List.of()), null)));
        calls.put("article 0 of the import: Article title", () -> articles.importArticles(List.of(
                new NewArticle(null, List.of("x")))));
        calls.put("tag name 1 of article 't'", () -> new NewArticle("t", Arrays.asList("a", null)));
        calls.put("tag names of article 't'", () -> new NewArticle("t", null));
        calls.put("Tag name      ", () -> tags.findByName(null));
        calls.put("Tag name       ", () -> tags.findOrCreate(null));
        calls.put("Tag name        ", () -> tags.rename(1, null));
        calls.put("tag query", () -> articles.find(null, null, 10));
        calls.put("tag query ", () -> articles.summarize(null, null, 10));
        calls.put("tag query  ", () -> articles.count(null, 10));
        calls.put("tag query, anyOf: tag names", () -> new TagQuery(List.of("a"), null, List.of()));
        calls.put("tag names must", () -> TagQuery.withNone((String[]) null));
        calls.put("article ids", () -> articles.tagAll(null, List.of("a")));
        calls.put("article ids ", () -> articles.untagAll(null, List.of("a")));
        calls.put("tag names    ", () -> articles.tagAll(List.of(1), null));
        calls.put("tag names     ", () -> articles.replaceTags(1, null));
        calls.put("tag names      ", () -> tags.related((java.util.Collection<String>) null, 10));
        calls.put("Tag name           ", () -> tags.related((String) null, 10));
        calls.put("Tag name            ", () -> tags.addAlias(1, null));
        calls.put("Tag name             ", () -> tags.removeAlias(null));
        calls.put("tag list", () -> TagList.parse(null));
        calls.put("tag names       ", () -> TagList.format(null));
        calls.put("Article title", () -> new Article(null));
        calls.put("Article title ", () -> new Article("ok").setTitle(null));
        calls.put("Tag name         ", () -> new Tag(null));
        calls.put("Tag name          ", () -> Tag.keyOf(null));
        calls.put("tag", () -> new Article("ok").addTag(null));
        calls.put("tag ", () -> new Article("ok").removeTag(null));
        calls.put("work", () -> db.database().inTransaction(null));
        calls.put("work ", () -> db.database().fromTransaction(null));
        calls.put("settings", () -> Database.open((ConnectionSettings) null));
        calls.put("dataSource", () -> Database.open((javax.sql.DataSource) null));
        calls.put("factory", () -> Database.using(null));
        calls.put("timeouts", () -> Database.open(db.settings(), null, Map.of()));
        calls.put("hibernateProperties", () -> Database.open(db.settings(), Timeouts.DEFAULT, null));
        calls.put("database", () -> SampleData.persist(null));
        calls.put("version", () -> ServerVersion.parse(null));
        calls.put("database URL", () -> new ConnectionSettings(null, "u", "p"));
        calls.put("database user", () -> new ConnectionSettings("jdbc:mysql://h/db", null, "p"));
        calls.put("variables", () -> ConnectionSettings.fromVariables(null));
        calls.put("connect timeout", () -> new Timeouts(null, Duration.ofSeconds(1), Duration.ofSeconds(1)));

        calls.forEach((field, call) -> {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, call, field);
            assertTrue(failure.getMessage().startsWith(field.strip()), field + ": " + failure.getMessage());
        });
        assertEquals(before, db.everything());
    }

    @Test
    void textThatCannotBeStoredExactlyIsRefused(TestDatabase db, ArticleRepository articles,
            TagRepository tags) throws SQLException {
        List<List<Object>> before = db.everything();
        for (String broken : List.of("half\uD83D", "\uDE00first", "swapped\uDE00\uD83D", "mid\uD83Ddle")) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> tags.findOrCreate(broken));
            assertTrue(failure.getMessage().startsWith("Tag name holds an unpaired surrogate at index"),
                    failure.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Article(broken));
            assertThrows(IllegalArgumentException.class, () -> articles.importArticles(
                    List.of(new NewArticle("ok", List.of(broken)))));
        }
        assertEquals(before, db.everything());
        // A whole pair, beyond the BMP, is of course fine.
        assertEquals("whole\uD83D\uDE00", tags.findOrCreate("whole\uD83D\uDE00").getName());
    }

    @Test
    void invalidTitlesAreRefusedByTheEntity() {
        assertEquals("Article title must be at most 50 characters, was 60",
                assertThrows(IllegalArgumentException.class, () -> new Article("é".repeat(60))).getMessage());
        Article article = new Article("fine");
        assertThrows(IllegalArgumentException.class, () -> article.setTitle(""));
        assertEquals("fine", article.getTitle());
    }

    @Test
    void fourByteUnicodeAndCjkRoundTripExactly(TestDatabase db, ArticleRepository articles,
            TagRepository tags) throws SQLException {
        String fiftyEmoji = "😀".repeat(50);
        Article article = new Article(CJK + " " + EMOJI);
        article.addTag(new Tag(EMOJI));
        article.addTag(new Tag(CJK));
        article.addTag(new Tag(fiftyEmoji));
        articles.save(article);

        Article loaded = articles.findWithTags(article.getId()).orElseThrow();
        assertEquals(CJK + " " + EMOJI, loaded.getTitle());
        assertEquals(List.of(List.of(CJK + " " + EMOJI)), db.query("SELECT title FROM article"));
        assertEquals(java.util.Set.of(List.of(CJK), List.of(EMOJI), List.of(fiftyEmoji)),
                java.util.Set.copyOf(db.query("SELECT name FROM tag")));
        assertEquals(50L, ((Number) db.query("SELECT CHAR_LENGTH(name) FROM tag WHERE name = ?", fiftyEmoji)
                .get(0).get(0)).longValue());
        assertEquals(EMOJI, tags.findByName(EMOJI).orElseThrow().getName());
    }

    @Test
    void quotesBackslashesWildcardsAndSqlAreStoredAndMatchedLiterally(TestDatabase db, ArticleRepository articles,
            TagRepository tags) throws SQLException {
        List<String> names = List.of("O'Reilly", "back\\slash", "100%", "a_b", "x'; DROP TABLE article; --",
                "\"quoted\"");
        Article article = articles.save(new Article("it's 100% \\ fine_"));
        articles.tag(article.getId(), names.toArray(String[]::new));
        tags.findOrCreate("axb"); // would match "a_b" if _ were a wildcard
        tags.findOrCreate("1000"); // would match "100%" likewise

        for (String name : names) {
            assertEquals(name, tags.findByName(name).orElseThrow().getName());
            assertEquals(List.of(article.getId()),
                    articles.findTagged(name, null, 1000).items().stream().map(Article::getId).toList(), name);
        }
        assertEquals(List.of(), articles.findTagged("%", null, 1000).items());
        assertEquals(List.of(), articles.findTagged("a%", null, 1000).items());
        assertEquals(List.of(List.of("it's 100% \\ fine_")), db.query("SELECT title FROM article"));
        assertEquals(1L, db.count("article"), "the SQL fragment must not have run");
    }

    @Test
    void taggingAnArticleThatWasNeverSavedFailsClearly(TestDatabase db,
            ArticleRepository articles) throws SQLException {
        assertEquals("article 12345 does not exist", assertThrows(NoSuchElementException.class,
                () -> articles.tag(12345, "x")).getMessage());
        assertEquals("article 12345 does not exist", assertThrows(NoSuchElementException.class,
                () -> articles.untag(12345, "x")).getMessage());
        assertEquals(0L, db.count("tag"));
    }

    @Test
    void savingNullIsRefusedByName(ArticleRepository articles) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> articles.save(null));

        assertEquals("article must not be null", failure.getMessage());
    }

}
