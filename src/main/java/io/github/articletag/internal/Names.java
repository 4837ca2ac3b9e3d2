package io.github.articletag.internal;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules for the entities' text: what a valid title or tag name is, and when two tag names are one tag.
 * Everything that checks or compares names, in Java or through the {@code tag.name_key} column, uses these.
 */
public final class Names {

    /** Length of {@code article.title} and {@code tag.name}, in characters as MySQL counts them. */
    public static final int MAX_LENGTH = 50;

    /**
     * Length of {@code tag.name_key}: NFC turns a few characters into up to three (U+1D15E..U+1D164, say),
     * and folding case keeps the count, so three times the name's limit always fits.
     */
    public static final int MAX_KEY_LENGTH = 3 * MAX_LENGTH;

    /** What a tag name is called in messages. */
    public static final String TAG_NAME = "Tag name";

    /** What an article title is called in messages. */
    public static final String ARTICLE_TITLE = "Article title";

    /** The order tag names are listed in, in summaries and in an article's JSON: by UTF-16 code unit. */
    public static final Comparator<String> LISTING_ORDER = Comparator.naturalOrder();

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    /** The scripts whose letters join or form conjuncts, where U+200C and U+200D choose the form shown. */
    private static final Set<Character.UnicodeScript> JOINING_SCRIPTS = EnumSet.of(
            Character.UnicodeScript.ARABIC, Character.UnicodeScript.SYRIAC, Character.UnicodeScript.NKO,
            Character.UnicodeScript.MONGOLIAN, Character.UnicodeScript.DEVANAGARI, Character.UnicodeScript.BENGALI,
            Character.UnicodeScript.GURMUKHI, Character.UnicodeScript.GUJARATI, Character.UnicodeScript.ORIYA,
            Character.UnicodeScript.TAMIL, Character.UnicodeScript.TELUGU, Character.UnicodeScript.KANNADA,
            Character.UnicodeScript.MALAYALAM, Character.UnicodeScript.SINHALA);

    /** A run of spaces of any kind, stored as one plain space. */
    private static final Pattern SPACES = Pattern.compile("\\p{Zs}+");

    private Names() {
    }

    /**
     * Returns {@code value} as it is stored: without surrounding whitespace (no-break spaces included), each run of
     * spaces inside it (of any kind: no-break, ideographic, ...) one plain space, since a page shows them alike.
     * Refused, naming the character and its index: control characters (C0, DEL, C1: NUL, BEL, ESC, NEL, a tab or
     * line break inside the text), line and paragraph separators, and the characters that show nothing themselves
     * ({@link #invisible}), except where real text needs them ({@link #joinsHere}). Length is counted in code points:
     * an emoji is one character in a utf8mb4 {@code varchar(50)}, but two Java {@code char}s.
     *
     * @throws IllegalArgumentException if the value is null, not valid Unicode, blank, too long or holds a character
     *         refused here
     */
    public static String require(String field, String value) {
        Arguments.notNull(field, value);
        int unpaired = unpairedSurrogate(value);
        if (unpaired >= 0) {
            // utf8mb4 cannot hold half a surrogate pair: the driver would silently store '?' instead.
            throw new IllegalArgumentException(field + " holds an unpaired surrogate at index " + unpaired
                    + ": not valid Unicode text");
        }
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isSpace(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        if (start == end) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        int length = 0;
        boolean fold = false;
        boolean afterSpace = false;
        for (int i = start; i < end; i += Character.charCount(value.codePointAt(i))) {
            int c = value.codePointAt(i);
            if (c > ' ' && c < 0x7F) {
                afterSpace = false;
                length++;
            } else if (c == ' ' || Character.getType(c) == Character.SPACE_SEPARATOR) {
                fold |= c != ' ' || afterSpace;
                length += afterSpace ? 0 : 1;
                afterSpace = true;
            } else {
                String refused = refusal(value, start, end, i, c);
                if (refused != null) {
                    throw new IllegalArgumentException(
                            field + " holds " + describe(c) + " at index " + i + ", " + refused);
                }
                afterSpace = false;
                length++;
            }
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    field + " must be at most " + MAX_LENGTH + " characters, was " + length);
        }
        String stored = value.substring(start, end);
        return fold ? SPACES.matcher(stored).replaceAll(" ") : stored;
    }

    /** Why the code point {@code c} at index {@code i} of {@code value} is refused there, or null if it is not. */
    private static String refusal(String value, int start, int end, int i, int c) {
        int type = Character.getType(c);
        if (type == Character.CONTROL) {
            return "a control character: the text must be one line of printable characters";
        }
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return "a line or paragraph separator: the text must be one line";
        }
        if (isBidiControl(c)) {
            return "a bidirectional control: it would change the direction of the text around it wherever it is shown";
        }
        if (isVariationSelector(c) && (i == start || isAlphabetLetter(value.codePointBefore(i)))) {
            return "a variation selector where it changes nothing shown: the text would look like another";
        }
        if (invisible(c, type) && !joinsHere(value, start, end, i, c)) {
            return c == ZWJ || c == ZWNJ
                    ? "a joiner outside the text that needs it (between two letters of a script that joins, such as"
                            + " Arabic or Devanagari, or, for U+200D, between two emoji)"
                    : "a character that shows nothing: the text would look like another";
        }
        return null;
    }

    /** U+061C, U+200E, U+200F and the embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069). */
    private static boolean isBidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /**
     * Characters that show nothing themselves: format characters (zero-width space and joiners, word joiner,
     * byte order mark, soft hyphen, tag characters, ...), the combining grapheme joiner and the Hangul fillers.
     */
    private static boolean invisible(int c, int type) {
        return type == Character.FORMAT || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
    }

    /**
     * Whether the invisible {@code c} at index {@code i} is part of real text: U+200C or U+200D between two letters
     * (or marks) of one of the {@link #JOINING_SCRIPTS}; U+200D between two emoji (a woman technologist is U+1F469
     * U+200D U+1F4BB; the first may carry a skin tone or U+FE0F); the tag characters of a subdivision flag (U+1F3F4,
     * then tag letters, then U+E007F).
     */
    private static boolean joinsHere(String value, int start, int end, int i, int c) {
        if (i == start) {
            return false;
        }
        int before = value.codePointBefore(i);
        if (c == ZWJ || c == ZWNJ) {
            int after = i + Character.charCount(c);
            int next = after < end ? value.codePointAt(after) : -1;
            return next >= 0 && (joins(before) && joins(next) || c == ZWJ && isEmoji(before) && isEmoji(next));
        }
        if (c < 0xE0020 || c > CANCEL_TAG) {
            return false;
        }
        // A subdivision flag: U+1F3F4, one or more tag letters, U+E007F.
        int first = i;
        while (first > start && isTagLetter(value.codePointBefore(first))) {
            first -= 2;
        }
        int last = i;
        while (last < end && isTagLetter(value.codePointAt(last))) {
            last += 2;
        }
        return first > start && value.codePointBefore(first) == BLACK_FLAG && last > first && last < end
                && value.codePointAt(last) == CANCEL_TAG;
    }

    /** U+E0020..U+E007E: the tag letters of a subdivision flag (two chars each). */
    private static boolean isTagLetter(int c) {
        return c >= 0xE0020 && c < CANCEL_TAG;
    }

    private static boolean joins(int c) {
        int type = Character.getType(c);
        return (Character.isLetter(c) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK)
                && JOINING_SCRIPTS.contains(Character.UnicodeScript.of(c));
    }

    private static boolean isVariationSelector(int c) {
        return c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF;
    }

    /** A letter of the Latin, Greek or Cyrillic alphabets, which have no variants to select. */
    private static boolean isAlphabetLetter(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return Character.isLetter(c) && (script == Character.UnicodeScript.LATIN
                || script == Character.UnicodeScript.GREEK || script == Character.UnicodeScript.CYRILLIC);
    }

    /** An emoji, or what may end one before U+200D: a skin tone (a modifier symbol) or U+FE0F. */
    private static boolean isEmoji(int c) {
        int type = Character.getType(c);
        // Emoji newer than the JDK's Unicode tables are unassigned to it: those of the emoji blocks count too.
        return type == Character.OTHER_SYMBOL || c == 0xFE0F || c >= 0x1F3FB && c <= 0x1F3FF
                || type == Character.UNASSIGNED && c >= 0x1F000 && c <= 0x1FAFF;
    }

    /**
     * {@code text} safe to show in a message or a log: each control, format or line-breaking character written as
     * its code (backslash, {@code u202E}; beyond the BMP, backslash, {@code u{E0067}}), so that the message shows
     * where it is without it acting.
     */
    public static String escaped(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                shown.append(String.format(Locale.ROOT, c < 0x10000 ? "\\u%04X" : "\\u{%X}", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /** {@code U+202E RIGHT-TO-LEFT OVERRIDE}: the code point and, where the JDK knows it, its name. */
    private static String describe(int c) {
        String name = Character.getName(c);
        return String.format(Locale.ROOT, "U+%04X", c) + (name == null ? "" : " " + name);
    }

    /** Whitespace as {@link String#strip} sees it, and the no-break spaces it does not. */
    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * The key of what a user typed so far, to complete it: {@link #require}'s rule and {@link #key}, except that a
     * joiner (U+200C, U+200D) at its end is dropped, since the character it joins to is not typed yet.
     *
     * @throws IllegalArgumentException if the prefix is null, blank, too long or holds a character refused in names
     */
    public static String prefixKey(String prefix) {
        Arguments.notNull("Prefix", prefix);
        String typed = prefix.strip();
        int last = typed.isEmpty() ? -1 : typed.charAt(typed.length() - 1);
        return key(require("Prefix", last == ZWJ || last == ZWNJ ? typed.substring(0, typed.length() - 1) : prefix));
    }

    /**
     * The identity of a tag name that {@link #require} accepted, compared byte for byte by the database: the
     * name in Unicode NFC, so that composed and decomposed accents are one name, then with letter case folded
     * code point by code point as {@link String#equalsIgnoreCase} does (upper case, then lower case). Nothing
     * else is folded: accents, kana, emoji and every character outside the Basic Multilingual Plane stay distinct.
     */
    public static String key(String validName) {
        if (isAscii(validName)) {
            // NFC leaves ASCII as it is, and folding its case is plain lower case: the common case, kept cheap.
            return validName.toLowerCase(Locale.ROOT);
        }
        String composed = Normalizer.normalize(validName, Normalizer.Form.NFC);
        StringBuilder key = new StringBuilder(composed.length());
        composed.codePoints().forEach(c -> key.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return key.toString();
    }

    /**
     * Tag names as they would be stored, one per tag: each {@link #key key} to the first spelling given, in
     * the order given. Each name is checked once.
     *
     * @throws IllegalArgumentException if the collection is null or a name is invalid
     */
    public static Map<String, String> distinctTags(Collection<String> tagNames) {
        Arguments.notNull("tag names", tagNames);
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : tagNames) {
            String valid = require(TAG_NAME, name);
            names.putIfAbsent(key(valid), valid);
        }
        return names;
    }

    /**
     * {@link #distinctTags}, at least one.
     *
     * @throws IllegalArgumentException if there are no names or one is invalid
     */
    public static Map<String, String> atLeastOneTag(Collection<String> tagNames) {
        Map<String, String> names = distinctTags(tagNames);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one tag name is needed");
        }
        return names;
    }

    /**
     * One name per tag ({@link #distinctTags}), in key order: callers creating the same new tags at once create
     * them in one order.
     */
    public static List<String> inKeyOrder(Collection<String> tagNames) {
        return List.copyOf(new TreeMap<>(distinctTags(tagNames)).values());
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first char that is half of a surrogate pair without its other half, or -1. */
    private static int unpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
