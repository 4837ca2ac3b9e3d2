package io.github.articletag;

import io.github.articletag.internal.Arguments;
import io.github.articletag.internal.Names;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Tag names as users type them in one field, and back: {@code java, "spring, boot", jpa}. Names are separated by
 * commas; a name holding a comma (or anything else) can be put in double quotes, in which a double quote is
 * written twice. Whitespace around each name is dropped, empty pieces ({@code a,,b}, a trailing comma) are
 * skipped, and a name repeated under the identity rule ({@link Tag#keyOf}) is kept once, as first spelled.
 * {@link #format} quotes every name that holds a comma, a quote or whitespace, so that {@code parse(format(names))}
 * gives the names back for every name the library accepts.
 */
public final class TagList {

    /** How much of the text an error shows before the place at fault, and from it, in characters. */
    private static final int BEFORE = 10;
    private static final int AFTER = 30;

    private TagList() {
    }

    /**
     * The tag names in what a user typed, in the order typed, one per tag.
     *
     * @throws IllegalArgumentException if a quote is not closed, text follows a closing quote, or a name is blank
     *                                  (in quotes) or too long, naming the piece at fault (from 1), its index in the
     *                                  text, and the text near it (up to 10 characters before and 30 from it, with
     *                                  {@code …} where the text shown is cut); or if the text is null
     */
    public static List<String> parse(String text) {
        Arguments.notNull("tag list", text);
        List<String> names = new ArrayList<>();
        int position = 0;
        int piece = 0;
        while (position <= text.length()) {
            piece++;
            int start = skipWhitespace(text, position);
            String name;
            int end;
            if (start < text.length() && text.charAt(start) == '"') {
                StringBuilder quoted = new StringBuilder();
                int i = start + 1;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("tag list, name " + piece + ": the quote at index " + start
                                + " is not closed, near " + near(text, start));
                    }
                    char c = text.charAt(i);
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        quoted.append('"');
                        i += 2;
                    } else if (c == '"') {
                        break;
                    } else {
                        quoted.append(c);
                        i++;
                    }
                }
                end = skipWhitespace(text, i + 1);
                if (end < text.length() && text.charAt(end) != ',') {
                    throw new IllegalArgumentException("tag list, name " + piece + ": text after the closing quote at"
                            + " index " + i + ", near " + near(text, i) + "; put the whole name in quotes");
                }
                name = quoted.toString();
            } else {
                end = text.indexOf(',', start);
                end = end < 0 ? text.length() : end;
                name = text.substring(start, end);
                if (name.isBlank()) {
                    position = end + 1;
                    piece--; // an empty piece is not a name
                    continue;
                }
            }
            try {
                names.add(Names.require(Names.TAG_NAME, name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tag list, name " + piece + " at index " + start + ", near "
                        + near(text, start) + ": " + e.getMessage(), e);
            }
            position = end + 1;
        }
        return List.copyOf(Names.distinctTags(names).values());
    }

    /**
     * The names as one text that {@link #parse} reads back: separated by {@code ", "}, one per tag, each in quotes
     * if it holds a comma, a double quote or whitespace.
     *
     * @throws IllegalArgumentException if the collection or a name is null, or a name is invalid
     */
    public static String format(Collection<String> names) {
        StringBuilder text = new StringBuilder();
        for (String name : Names.distinctTags(names).values()) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            boolean quote = name.codePoints().anyMatch(
                    c -> c == ',' || c == '"' || Character.isWhitespace(c) || Character.isSpaceChar(c));
            text.append(quote ? '"' + name.replace("\"", "\"\"") + '"' : name);
        }
        return text.toString();
    }

    /**
     * The text around {@code index}, in quotes and {@link Names#escaped escaped}: up to {@value #BEFORE} characters before it and {@value #AFTER}
     * from it, never splitting a character beyond the BMP, with {@code …} where the text goes on.
     */
    private static String near(String text, int index) {
        int from = index;
        for (int n = 0; n < BEFORE && from > 0; n++) {
            from = text.offsetByCodePoints(from, -1);
        }
        int to = index;
        for (int n = 0; n < AFTER && to < text.length(); n++) {
            to = text.offsetByCodePoints(to, 1);
        }
        return "'" + (from > 0 ? "…" : "") + Names.escaped(text.substring(from, to)) + (to < text.length() ? "…" : "")
                + "'";
    }

    /** The index of the first character at or after {@code from} that is not whitespace (as {@link String#strip}). */
    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.codePointAt(i))) {
            i += Character.charCount(text.codePointAt(i));
        }
        return i;
    }
}
