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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad text is refused before any SQL; good text, however odd, is stored and matched exactly. */
@ExtendWith(TestDatabaseExtension.class)
class BadInputTest {

    private static final String CJK = "多对多的关系建立";
    private static final String EMOJI = "tags 🏷️ and 👩‍💻 𝄞";

    @Test
    void invalidTagNamesFailBeforeAnySqlNamingTheFieldAndLimit(TestDatabase db) throws SQLException {
        SampleData.persist(db.database());
        List<List<Object>> before = everything(db);
        db.statistics().clear();

        assertEquals("Tag name must be at most 50 characters, was 51", assertThrows(IllegalArgumentException.class,
                () -> db.database().articles().tag(1, "ok", "x".repeat(51))).getMessage());
        assertEquals("Tag name must not be blank", assertThrows(IllegalArgumentException.class,
                () -> db.database().tags().findOrCreate(" ")).getMessage());
        assertEquals("Tag name must not be null", assertThrows(IllegalArgumentException.class,
                () -> db.database().tags().rename(1, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> db.database().articles().findTagged("\t"));

        assertEquals(0, db.statistics().getPrepareStatementCount(), "SQL ran for invalid input");
        assertEquals(before, everything(db));
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
    void fourByteUnicodeAndCjkRoundTripExactly(TestDatabase db) throws SQLException {
        String fiftyEmoji = "😀".repeat(50);
        Article article = new Article(CJK + " " + EMOJI);
        article.addTag(new Tag(EMOJI));
        article.addTag(new Tag(CJK));
        article.addTag(new Tag(fiftyEmoji));
        db.database().articles().save(article);

        Article loaded = db.database().articles().findWithTags(article.getId()).orElseThrow();
        assertEquals(CJK + " " + EMOJI, loaded.getTitle());
        assertEquals(List.of(List.of(CJK + " " + EMOJI)), db.query("SELECT title FROM article"));
        assertEquals(java.util.Set.of(List.of(CJK), List.of(EMOJI), List.of(fiftyEmoji)),
                java.util.Set.copyOf(db.query("SELECT name FROM tag")));
        assertEquals(50L, ((Number) db.query("SELECT CHAR_LENGTH(name) FROM tag WHERE name = ?", fiftyEmoji)
                .get(0).get(0)).longValue());
        assertEquals(EMOJI, db.database().tags().findByName(EMOJI).orElseThrow().getName());
    }

    @Test
    void quotesBackslashesWildcardsAndSqlAreStoredAndMatchedLiterally(TestDatabase db) throws SQLException {
        List<String> names = List.of("O'Reilly", "back\\slash", "100%", "a_b", "x'; DROP TABLE article; --",
                "\"quoted\"");
        Article article = db.database().articles().save(new Article("it's 100% \\ fine_"));
        db.database().articles().tag(article.getId(), names.toArray(String[]::new));
        db.database().tags().findOrCreate("axb"); // would match "a_b" if _ were a wildcard
        db.database().tags().findOrCreate("1000"); // would match "100%" likewise

        for (String name : names) {
            assertEquals(name, db.database().tags().findByName(name).orElseThrow().getName());
            assertEquals(List.of(article.getId()),
                    db.database().articles().findTagged(name).stream().map(Article::getId).toList(), name);
        }
        assertEquals(List.of(), db.database().articles().findTagged("%"));
        assertEquals(List.of(), db.database().articles().findTagged("a%"));
        assertEquals(List.of(List.of("it's 100% \\ fine_")), db.query("SELECT title FROM article"));
        assertEquals(1L, TaggingLifecycleTest.count(db, "article"), "the SQL fragment must not have run");
    }

    @Test
    void taggingAnArticleThatWasNeverSavedFailsClearly(TestDatabase db) throws SQLException {
        assertEquals("article 12345 does not exist", assertThrows(NoSuchElementException.class,
                () -> db.database().articles().tag(12345, "x")).getMessage());
        assertEquals("article 12345 does not exist", assertThrows(NoSuchElementException.class,
                () -> db.database().articles().untag(12345, "x")).getMessage());
        assertEquals(0L, TaggingLifecycleTest.count(db, "tag"));
    }

    @Test
    void savingNullIsRefusedByName(TestDatabase db) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> db.database().articles().save(null));

        assertEquals("article must not be null", failure.getMessage());
    }

    static List<List<Object>> everything(TestDatabase db) throws SQLException {
        List<List<Object>> rows = new java.util.ArrayList<>();
        rows.addAll(db.query("SELECT 'article', id, title FROM article ORDER BY id"));
        rows.addAll(db.query("SELECT 'tag', id, name FROM tag ORDER BY id"));
        rows.addAll(db.query("SELECT 'link', article_id, tag_id FROM article_tag ORDER BY article_id, tag_id"));
        return rows;
    }
}
