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

    private TagList() {
    }

    /**
     * The tag names in what a user typed, in the order typed, one per tag.
     *
     * @throws IllegalArgumentException naming the piece at fault (by position, from 1) if a quote is not closed, text
     *                                  follows a closing quote, or a name is blank (in quotes) or too long; or if the
     *                                  text is null
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
                                + " is not closed");
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
                            + " index " + i + "; put the whole name in quotes");
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
                throw new IllegalArgumentException("tag list, name " + piece + " ('" + abbreviated(name) + "'): "
                        + e.getMessage(), e);
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

    private static String abbreviated(String name) {
        String stripped = name.strip();
        return stripped.codePointCount(0, stripped.length()) <= 20 ? stripped
                : stripped.substring(0, stripped.offsetByCodePoints(0, 20)) + "…";
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
