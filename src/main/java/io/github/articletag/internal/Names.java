package io.github.articletag.internal;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    public static final java.util.Comparator<String> LISTING_ORDER = java.util.Comparator.naturalOrder();

    private Names() {
    }

    /**
     * Returns {@code value} without surrounding whitespace, or throws naming the field and the limit.
     * Length is counted in code points: an emoji is one character in a utf8mb4 {@code varchar(50)},
     * but two Java {@code char}s.
     *
     * @throws IllegalArgumentException if the value is null, not valid Unicode, blank or too long
     */
    public static String require(String field, String value) {
        Arguments.notNull(field, value);
        int unpaired = unpairedSurrogate(value);
        if (unpaired >= 0) {
            // utf8mb4 cannot hold half a surrogate pair: the driver would silently store '?' instead.
            throw new IllegalArgumentException(field + " holds an unpaired surrogate at index " + unpaired
                    + ": not valid Unicode text");
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        int length = stripped.codePointCount(0, stripped.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    field + " must be at most " + MAX_LENGTH + " characters, was " + length);
        }
        return stripped;
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
