package io.github.articletag;

import io.github.articletag.own.OwnSchema;
import io.github.articletag.own.Post;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and adversarial text at every public entry point that takes text (names, titles, prefixes, tag lists,
 * cursors): each call either works or throws a documented exception, whose message is safe to show and holds no
 * SQL; a refused write changes nothing; what is accepted is stored, found and read back exactly as returned, and
 * holds none of the characters the text rule refuses. The inputs come from a seeded generator
 * ({@code -Darticletag.test.seed} to change it); a failure names the input, escaped.
 */
@ExtendWith(TestDatabaseExtension.class)
class AnyTextInputTest {

    private static final long SEED = Long.getLong("articletag.test.seed", 20_261_204L);
    private static final int INPUTS = 120;

    /** Code points a hostile or merely international user types, in groups drawn from at random. */
    private static final int[][] ALPHABETS = {
            "abcxyzABCXYZ019 -.#+".codePoints().toArray(),
            "'\"\\%_;,()*`".codePoints().toArray(),
            {0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9B},
            {0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202E, 0x2060, 0x2066, 0x2069, 0xFEFF, 0x00AD,
                    0x3164, 0x034F, 0xFE0F, 0xE0067, 0xE007F},
            {0x00A0, 0x3000, 0x2003, 0x202F, 0x2028, 0x2029},
            {0x1F469, 0x1F4BB, 0x1F3FD, 0x1F3F4, 0x1F308, 0x2764, 0x20E3, 0x1FAE0},
            {0x4E2D, 0x6587, 0x20000, 0x2A6D6, 0x3042, 0xAC00},
            {0x0645, 0x06CC, 0x062E, 0x0915, 0x094D, 0x0937, 0x0301, 0x00E9, 0x0065},
            {0xD800, 0xDBFF, 0xDC00, 0xDFFF}, // halves of surrogate pairs, alone
    };

    @Test
    void everyTextIsEitherRefusedCleanlyOrStoredExactly(TestDatabase db, Database database) throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED);
        Article article = database.articles().save(new Article("first"));
        database.articles().tag(article.getId(), "java", "sql");
        int tag = database.tags().findByName("java").orElseThrow().getId();
        int accepted = 0;
        try (Connection snapshots = db.connect()) {
            for (int input = 0; input < INPUTS; input++) {
                String text = text(random);
                String shown = "input " + input + " (seed " + SEED + "): '" + escape(text) + "'";
                accepted += tryEveryCall(calls(database, article.getId(), tag, text), database, snapshots, shown);
            }
        }
        assertTrue(accepted > INPUTS / 10, "the generator should also make text that is accepted: " + accepted);
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void aCursorFromAnotherListingOrTamperedWithIsRefusedOrIsOnlyAPosition(TestDatabase db) {
        Database database = OwnSchema.open(db.settings());
        try {
            OwnSchema.recreate(database);
            tryCursors(database);
        } finally {
            OwnSchema.drop(database);
            database.close();
        }
    }

    /** Every paged call, articles' and an own type's, given real, foreign, tampered and random cursors. */
    private static void tryCursors(Database database) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        Article first = database.articles().save(new Article("first"));
        for (int i = 0; i < 4; i++) {
            database.articles().tag(database.articles().save(new Article("a" + i)).getId(), "java", "t" + i);
        }
        database.articles().tag(first.getId(), "java");
        database.tags().addAlias(database.tags().findByName("java").orElseThrow().getId(), "jvm");
        database.tags().addAlias(database.tags().findByName("java").orElseThrow().getId(), "jdk");
        TaggedRepository<Post> posts = database.tagged(Post.class);
        for (int i = 0; i < 3; i++) {
            posts.tag(posts.save(new Post("p" + i, "body", "ana", Instant.parse("2026-12-01T10:15:30Z"))).getId(),
                    "java");
        }
        String idCursor = database.articles().findPage(null, 2).next();
        String countCursor = database.tags().counts(null, 2).next();
        String aliasCursor = database.tags().aliases(database.tags().findByName("java").orElseThrow().getId(), null, 1)
                .next();
        String postCursor = posts.findPage(null, 2).next();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("a count cursor to a page of articles", refusal(() -> database.articles().findPage(countCursor, 2)));
        refused.put("an id cursor to the tag counts", refusal(() -> database.tags().counts(idCursor, 2)));
        refused.put("an alias cursor to a page of articles", refusal(() -> database.articles().findPage(aliasCursor, 2)));
        refused.put("a page's cursor to the aliases", refusal(() -> database.tags().aliases(1, "Not A Key", 2)));
        refused.put("a negative id", refusal(() -> database.articles().findTagged("java", "-" + idCursor, 2)));
        refused.put("a count cursor with a negative count", refusal(() -> database.tags().counts("-1:" + 3, 2)));
        refused.forEach((what, message) -> assertTrue(message.startsWith("not a cursor of this listing: '"),
                what + ": " + message));

        for (int input = 0; input < INPUTS; input++) {
            String cursor = random.nextBoolean() ? text(random)
                    : tampered(random, idCursor, countCursor, aliasCursor, postCursor);
            String shown = "cursor '" + escape(cursor) + "'";
            for (Call call : List.<Call>of(() -> database.articles().findPage(cursor, 2),
                    () -> database.articles().summarizePage(cursor, 2),
                    () -> database.articles().findTagged("java", cursor, 2),
                    () -> database.articles().summarizeTagged("java", cursor, 2),
                    () -> database.articles().findTaggedWithAll(List.of("java", "t1"), cursor, 2),
                    () -> database.articles().findTaggedWithAny(List.of("t1", "t2"), cursor, 2),
                    () -> database.articles().find(TagQuery.withNone("t1"), cursor, 2),
                    () -> database.articles().summarize(TagQuery.withAll("java", "t1"), cursor, 2),
                    () -> database.tags().counts(cursor, 2),
                    () -> database.tags().aliases(1, cursor, 2),
                    () -> posts.findPage(cursor, 2),
                    () -> posts.findTagged("java", cursor, 2),
                    () -> posts.find(TagQuery.withAny("java", "t1"), cursor, 2),
                    () -> posts.tagCounts(cursor, 2))) {
                try {
                    call.run();
                } catch (IllegalArgumentException refusedCursor) {
                    assertSafe(refusedCursor.getMessage(), shown);
                    assertTrue(refusedCursor.getMessage().startsWith("not a cursor of this listing: '"), shown);
                    assertTrue(refusedCursor.getMessage().length() < 200, "the refusal echoes at most a part: " + shown);
                } catch (RuntimeException other) {
                    throw new AssertionError("undocumented exception for " + shown, other);
                }
            }
        }
    }

    /**
     * Runs each call, checking what {@link #everyTextIsEitherRefusedCleanlyOrStoredExactly} promises; returns how
     * many returned a tag.
     */
    private static int tryEveryCall(Map<String, Call> calls, Database database, Connection snapshots, String shown)
            throws SQLException {
        int accepted = 0;
        List<List<Object>> before = TestDatabase.everything(snapshots);
        for (Map.Entry<String, Call> entry : calls.entrySet()) {
            Object result;
            try {
                result = entry.getValue().run();
            } catch (IllegalArgumentException | NoSuchElementException refused) {
                assertSafe(refused.getMessage(), shown + ", " + entry.getKey());
                assertEquals(before, TestDatabase.everything(snapshots), "a refused call changed the database: " + shown);
                continue;
            } catch (RuntimeException other) {
                throw new AssertionError(entry.getKey() + " threw an undocumented exception for " + shown, other);
            }
            if (result instanceof Tag stored) {
                accepted++;
                assertStoredExactly(database, stored, shown + ", " + entry.getKey());
            }
            before = TestDatabase.everything(snapshots);
        }
        return accepted;
    }

    @FunctionalInterface
    private interface Call {
        Object run();
    }

    /** Every public call that takes {@code text}, by name, on rows that exist. */
    private static Map<String, Call> calls(Database database, int article, int tag, String text) {
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("findOrCreate", () -> database.tags().findOrCreate(text));
        calls.put("findByName", () -> database.tags().findByName(text));
        calls.put("suggest", () -> database.tags().suggest(text, 5));
        calls.put("related", () -> database.tags().related(text, 5));
        calls.put("usage", () -> database.tags().usage(text));
        calls.put("findTagged", () -> database.articles().findTagged(text, null, 5));
        calls.put("find(all, none)", () -> database.articles().find(new TagQuery(List.of("java"), List.of(),
                List.of(text)), null, 5));
        calls.put("count(any)", () -> database.articles().count(TagQuery.withAny("sql", text), 5));
        calls.put("TagList.parse", () -> TagList.parse(text));
        calls.put("TagList.parse, quoted", () -> TagList.parse("java, \"" + text + "\""));
        calls.put("tag", () -> database.articles().tag(article, text));
        calls.put("untag", () -> database.articles().untag(article, text));
        calls.put("replaceTags", () -> database.articles().replaceTags(article, List.of("java", "sql", text)));
        calls.put("save a new article titled so", () -> database.articles().save(new Article(text)));
        calls.put("import", () -> database.articles().importArticles(List.of(new NewArticle(text, List.of(text)))));
        calls.put("addAlias", () -> database.tags().addAlias(tag, text));
        calls.put("removeAlias", () -> database.tags().removeAlias(text));
        calls.put("rename and back", () -> {
            Tag renamed = database.tags().rename(tag, text);
            database.tags().rename(tag, "java");
            return renamed.getName();
        });
        return calls;
    }

    /** A tag the library returned: found again by its name, with the same id and the same name. */
    private static void assertStoredExactly(Database database, Tag stored, String shown) {
        Tag found = database.tags().findByName(stored.getName()).orElseThrow(() -> new AssertionError(
                "an accepted name is not found again: " + shown));
        assertEquals(stored.getId(), found.getId(), shown);
        assertEquals(stored.getName(), found.getName(), shown);
        stored.getName().codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean joinerOrFlag = c == 0x200C || c == 0x200D || c >= 0xE0020 && c <= 0xE007F;
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.FORMAT && !joinerOrFlag || type == Character.SPACE_SEPARATOR && c != ' ') {
                fail(String.format("accepted U+%04X in '%s': %s", c, escape(stored.getName()), shown));
            }
        });
    }

    /** A message is safe to show in a page or a log: no character that acts instead of showing, and no SQL. */
    private static void assertSafe(String message, String shown) {
        assertTrue(message != null && !message.isBlank(), "no message: " + shown);
        message.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                fail(String.format("the message holds U+%04X: '%s' for %s", c, escape(message), shown));
            }
        });
        for (String sql : List.of("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "SQL syntax", "SQLState",
                "could not execute")) {
            assertTrue(!message.contains(sql), "the message shows SQL: " + message + " for " + shown);
        }
    }

    private static String refusal(Call call) {
        try {
            call.run();
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
        return "accepted";
    }

    /** 0 to 60 code points, each group of {@link #ALPHABETS} as likely; now and then a name that is all fine. */
    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(random.nextInt(4) == 0 ? 61 : 12);
        boolean fine = random.nextInt(3) == 0;
        for (int i = 0; i < length; i++) {
            int[] alphabet = ALPHABETS[fine ? random.nextInt(2) * 5 + random.nextInt(2) : random.nextInt(ALPHABETS.length)];
            text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    /** A real cursor changed the way a curious user changes one. */
    private static String tampered(SplittableRandom random, String... cursors) {
        String cursor = cursors[random.nextInt(cursors.length)];
        return switch (random.nextInt(6)) {
            case 0 -> cursor + cursor;
            case 1 -> "-" + cursor;
            case 2 -> cursor + ":" + cursor;
            case 3 -> cursor.replace(':', ';');
            case 4 -> "9".repeat(1 + random.nextInt(40));
            default -> cursor.substring(0, random.nextInt(cursor.length() + 1)) + "\u202E" + cursor;
        };
    }

    private static String escape(String text) {
        StringBuilder shown = new StringBuilder();
        for (char c : text.toCharArray()) {
            shown.append(c >= ' ' && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return shown.toString();
    }
}
