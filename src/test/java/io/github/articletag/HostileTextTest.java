package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text rule for public input: characters that show nothing, reorder what is around them or break the line are
 * refused at every entry point that takes text, naming the character and where it is; what real text needs stays.
 */
@ExtendWith(TestDatabaseExtension.class)
class HostileTextTest {

    /**
     * The usual abuse of a public tag field: the right-to-left override, the left-to-right isolate, the
     * right-to-left and Arabic letter marks, the zero-width space, the word joiner, the byte order mark, NUL, BEL,
     * ESC and NEL.
     */
    private static final List<Integer> HOSTILE =
            List.of(0x202E, 0x2066, 0x200F, 0x061C, 0x200B, 0x2060, 0xFEFF, 0x0000, 0x0007, 0x001B, 0x0085);

    @Test
    void everyHostileCharacterIsRefusedAtEveryEntryPointNamingItAndItsIndex(TestDatabase db) throws SQLException {
        Database database = db.countedDatabase();
        SampleData.persist(db.database());
        List<List<Object>> before = db.everything();
        db.counter().reset();
        for (int hostile : HOSTILE) {
            String name = "ja" + Character.toString(hostile) + "va";
            String expected = String.format("U+%04X %s at index 2", hostile, Character.getName(hostile));
            Map<String, Executable> calls = new LinkedHashMap<>();
            calls.put("Tag name", () -> database.tags().findOrCreate(name));
            calls.put("Tag name ", () -> database.tags().findByName(name));
            calls.put("Tag name  ", () -> database.tags().rename(1, name));
            calls.put("Tag name   ", () -> database.tags().addAlias(1, name));
            calls.put("Tag name    ", () -> database.articles().tag(1, "fine", name));
            calls.put("Tag name     ", () -> database.articles().findTagged(name, null, 10));
            calls.put("tag query, noneOf: Tag name", () -> database.articles().find(TagQuery.withNone(name), null, 10));
            calls.put("Tag name       ", () -> new Tag(name));
            calls.put("Prefix", () -> database.tags().suggest(name, 10));
            calls.put("Article title", () -> new Article(name));
            calls.put("article 0 of the import: Article title",
                    () -> database.articles().importArticles(List.of(new NewArticle(name, List.of()))));
            // The text near the fault shows the character by its code, not itself.
            calls.put("tag list, name 2 at index 6, near 'fine, ja\\u" + String.format("%04X", hostile) + "va'",
                    () -> TagList.parse("fine, " + name));
            calls.forEach((field, call) -> {
                String message = assertThrows(IllegalArgumentException.class, call, field + name).getMessage();
                assertTrue(message.startsWith(field.strip()), message);
                assertTrue(message.contains(expected), message + " / " + expected);
            });
        }
        assertEquals(0, db.counter().statements(), "SQL ran for refused text");
        assertEquals(before, db.everything());
    }

    @Test
    void realTextKeepsTheJoinersSelectorsAndTagCharactersItNeeds(TestDatabase db, TagRepository tags)
            throws SQLException {
        List<String> names = List.of(
                "👩‍💻", // a woman technologist: U+1F469 U+200D U+1F4BB
                "👩🏽‍💻", // with a skin tone before the joiner
                "🏳️‍🌈", // U+FE0F before the joiner
                "👨‍👩‍👧", // two joiners
                "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F", // England: tag letters
                "1️⃣", // a keycap: a digit, U+FE0F, U+20E3
                "می\u200Cخواهم", // Persian: the zero-width non-joiner inside the word
                "क्\u200Dष", // Devanagari: a half form by the zero-width joiner
                "क्\u200Cष"); // and its conjunct kept apart by the non-joiner
        for (String name : names) {
            assertEquals(name, tags.findOrCreate(name).getName(), name);
        }
        for (String name : names) {
            assertEquals(name, tags.findByName(name).orElseThrow().getName(), name);
        }
        assertEquals(names.size(), db.count("tag"), "each is a tag of its own");
    }

    @Test
    void joinersAndSelectorsWhereTheyShowNothingAreRefused(TestDatabase db, TagRepository tags) throws SQLException {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("ja\u200Dva", "U+200D ZERO WIDTH JOINER at index 2, a joiner outside the text that needs it");
        refused.put("ja\u200Cva", "U+200C ZERO WIDTH NON-JOINER at index 2, a joiner outside the text that needs it");
        refused.put("\u200Djava", "U+200D ZERO WIDTH JOINER at index 0");
        refused.put("👩\u200D", "U+200D ZERO WIDTH JOINER at index 2");
        refused.put("java\uFE0F", "U+FE0F VARIATION SELECTOR-16 at index 4, a variation selector where it changes");
        refused.put("ja\u00ADva", "U+00AD SOFT HYPHEN at index 2, a character that shows nothing");
        refused.put("\u3164", "U+3164 HANGUL FILLER at index 0, a character that shows nothing");
        refused.put("java\u2028script", "U+2028 LINE SEPARATOR at index 4, a line or paragraph separator");
        refused.put("java\tscript", "U+0009 CHARACTER TABULATION at index 4, a control character");
        refused.put("🏴\uDB40\uDC67", "U+E0067 TAG LATIN SMALL LETTER G at index 2"); // no cancel tag: not a flag
        refused.put("\uDB40\uDC67\uDB40\uDC7F", "U+E0067 TAG LATIN SMALL LETTER G at index 0");
        refused.forEach((name, expected) -> assertEquals("Tag name holds " + expected,
                assertThrows(IllegalArgumentException.class, () -> tags.findOrCreate(name)).getMessage()
                        .substring(0, ("Tag name holds " + expected).length()), name));
        assertEquals(0L, db.count("tag"));
    }

    @Test
    void spacesOfEveryKindAreStoredAsOnePlainSpace(TestDatabase db, ArticleRepository articles, TagRepository tags)
            throws SQLException {
        Tag tag = tags.findOrCreate("\u00A0machine\u00A0 \u3000learning\u202F");
        assertEquals("machine learning", tag.getName());
        assertEquals(tag.getId(), tags.findOrCreate("machine  learning").getId());
        assertEquals(tag.getId(), tags.findByName("Machine\u2003Learning").orElseThrow().getId());
        Article article = articles.save(new Article("two\u00A0\u00A0spaces"));
        assertEquals("two spaces", articles.findWithTags(article.getId()).orElseThrow().getTitle());
        assertEquals(List.of("machine learning"), TagList.parse("machine\u00A0learning, machine learning"));
        assertEquals(1L, db.count("tag"));
    }

    @Test
    void aPrefixEndingInAJoinerCompletesWhatItJoins(ArticleRepository articles, TagRepository tags) {
        Article article = articles.save(new Article("emoji"));
        articles.tag(article.getId(), "👩‍💻", "👩‍🔬", "👩");

        assertEquals(List.of("👩", "👩‍💻", "👩‍🔬"), tags.suggest("👩\u200D", 10).stream()
                .map(TagCount::name).sorted().toList());
        assertEquals(List.of("👩‍💻"), tags.suggest("👩‍💻", 10).stream().map(TagCount::name).toList());
    }
}
