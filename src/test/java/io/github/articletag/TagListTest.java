package io.github.articletag;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tag strings as users type them: parsed, formatted, and round-tripped for random Unicode names. */
class TagListTest {

    @Test
    void parsesCommasQuotesAndWhitespaceAsUsersTypeThem() {
        assertEquals(List.of("java", "spring boot", "jpa"), TagList.parse(" java,  \"spring boot\" ,jpa "));
        assertEquals(List.of("a, b", "say \"hi\""), TagList.parse("\"a, b\", \"say \"\"hi\"\"\""));
        assertEquals(List.of("spring boot"), TagList.parse("spring boot"), "no quotes needed without a comma");
        assertEquals(List.of("a", "b"), TagList.parse(",a,, ,b,"), "empty pieces are skipped");
        assertEquals(List.of(), TagList.parse("  "));
        assertEquals(List.of("Java", "ねこ"), TagList.parse("Java, JAVA, java , ねこ"), "one per tag, first spelling");
        assertEquals(List.of("6\"", "x\"y"), TagList.parse("6\", x\"y"), "a quote inside an unquoted name is kept");
    }

    @Test
    void badPiecesAreNamedByPositionAndShownWithTheTextNearThem() {
        assertEquals("tag list, name 2: the quote at index 4 is not closed, near 'ok, \"open'",
                assertThrows(IllegalArgumentException.class, () -> TagList.parse("ok, \"open")).getMessage());
        assertEquals("tag list, name 1: text after the closing quote at index 3, near '\"ab\"c, d'; put the whole name"
                + " in quotes", assertThrows(IllegalArgumentException.class, () -> TagList.parse("\"ab\"c, d")).getMessage());
        assertEquals("tag list, name 2 at index 3, near 'a, \" \"': Tag name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> TagList.parse("a, \" \"")).getMessage());
        String tooLong = "x".repeat(51);
        assertEquals("tag list, name 3 at index 4, near 'a,b,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…': Tag name must be at most 50"
                + " characters, was 51", assertThrows(IllegalArgumentException.class, () -> TagList.parse("a,b," + tooLong))
                .getMessage());
        // A long field: the text shown is cut on both sides, marked with …, and never splits an emoji.
        String field = "java, jpa, hibernate, mysql, 🍕 pizza, \"spring, boot, 𠮷野家 and more text after it";
        assertEquals("tag list, name 6: the quote at index 39 is not closed, near '… 🍕 pizza, \"spring,"
                + " boot, 𠮷野家 and more te…'",
                assertThrows(IllegalArgumentException.class, () -> TagList.parse(field)).getMessage());
        assertEquals("tag list must not be null",
                assertThrows(IllegalArgumentException.class, () -> TagList.parse(null)).getMessage());
        assertEquals(List.of("😀".repeat(50)), TagList.parse("😀".repeat(50)), "50 emoji are 50 characters");
    }

    @Test
    void formatsWithQuotesOnlyWhereNeeded() {
        assertEquals("java, \"spring boot\", \"a, b\", \"say \"\"hi\"\"\"",
                TagList.format(List.of("java", " spring boot ", "a, b", "say \"hi\"", "JAVA")));
        assertEquals("", TagList.format(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TagList.format(List.of("ok", "")));
    }

    /** Every name the library accepts comes back from parse(format(names)), in order, one per tag. */
    @Test
    void formatThenParseGivesEveryValidNameBack() {
        Random random = new Random(20261202);
        for (int round = 0; round < 20_000; round++) {
            List<String> names = new ArrayList<>();
            int count = random.nextInt(6);
            while (names.size() < count) {
                String name = randomName(random);
                if (accepted(name)) {
                    names.add(name);
                }
            }
            Map<String, String> expected = new LinkedHashMap<>();
            names.forEach(name -> expected.putIfAbsent(Tag.keyOf(name), new Tag(name).getName()));
            String text = TagList.format(names);
            assertEquals(List.copyOf(expected.values()), TagList.parse(text), "round " + round + ": " + text);
        }
    }

    /** Whether the name rule takes it (a tab or line break inside a name is refused, a blank one too). */
    private static boolean accepted(String name) {
        try {
            Tag.keyOf(name);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    /** Up to 50 code points, drawn mostly from the characters a tag string treats specially. */
    private static String randomName(Random random) {
        int[] special = {',', '"', ' ', '\t', '\n', '\u00a0', '\u3000', 'a', 'A', 'é', 'e', '\u0301', 'ß', 'İ'};
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(50);
        for (int i = 0; i < length; i++) {
            int c = switch (random.nextInt(4)) {
                case 0 -> special[random.nextInt(special.length)];
                case 1 -> 0x20 + random.nextInt(0x5f); // printable ASCII
                case 2 -> 0x1F300 + random.nextInt(0x300); // emoji, beyond the BMP
                default -> randomCodePoint(random);
            };
            name.appendCodePoint(c);
        }
        return name.toString();
    }

    private static int randomCodePoint(Random random) {
        while (true) {
            int c = random.nextInt(0x30000);
            if (Character.isDefined(c) && Character.getType(c) != Character.SURROGATE) {
                return c;
            }
        }
    }
}
