package io.github.articletag.internal;

import io.github.articletag.Page;
import io.github.articletag.TagCount;

import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging: a listing reads one row more than the page (so that it knows whether another page follows)
 * and continues after the key of the page's last row. The cursor a caller holds is that key, as text.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * The id a cursor continues after: 0 (before every id) for the first page.
     *
     * @throws IllegalArgumentException if {@code cursor} is not a cursor of an id listing
     */
    public static int afterId(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int id = Integer.parseInt(cursor);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw notACursor(cursor);
    }

    /**
     * The id a cursor of a listing of long (or integer) ids continues after: {@link Long#MIN_VALUE} for the first
     * page.
     *
     * @throws IllegalArgumentException if {@code cursor} is not a cursor of an id listing
     */
    public static long afterLongId(String cursor) {
        if (cursor == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException notANumber) {
            throw notACursor(cursor);
        }
    }

    /**
     * The (count, id) a cursor of a most-used-first listing continues after, or null for the first page.
     *
     * @throws IllegalArgumentException if {@code cursor} is not a cursor of such a listing
     */
    public static long[] afterCount(String cursor) {
        if (cursor == null) {
            return null;
        }
        int colon = cursor.indexOf(':');
        try {
            long[] key = {Long.parseLong(cursor.substring(0, colon)), Integer.parseInt(cursor.substring(colon + 1))};
            if (key[0] >= 0 && key[1] >= 0) {
                return key;
            }
        } catch (RuntimeException notAKey) {
            // reported below
        }
        throw notACursor(cursor);
    }

    /**
     * The name key a cursor of a listing by name key continues after: the empty key for the first page.
     *
     * @throws IllegalArgumentException if {@code cursor} is not a name key
     */
    public static String afterKey(String cursor) {
        if (cursor == null) {
            return "";
        }
        try {
            if (Names.key(Names.require(Names.TAG_NAME, cursor)).equals(cursor)) {
                return cursor;
            }
        } catch (IllegalArgumentException notAKey) {
            // reported below
        }
        throw notACursor(cursor);
    }

    /** The refusal of a cursor, showing at most its first 40 characters, {@link Names#escaped escaped}. */
    private static IllegalArgumentException notACursor(String cursor) {
        boolean cut = cursor.codePointCount(0, cursor.length()) > 40;
        String shown = cut ? cursor.substring(0, cursor.offsetByCodePoints(0, 40)) + "…" : cursor;
        return new IllegalArgumentException("not a cursor of this listing: '" + Names.escaped(shown) + "'");
    }

    /** How many rows to read for a page of {@code size}: one more, to learn whether a next page exists. */
    public static int rowsFor(int size) {
        return size + 1;
    }

    /**
     * The page of {@code size} from {@code rows} (read with {@link #rowsFor}), whose next cursor is the id of its
     * last row when more rows were found.
     */
    public static <T> Page<T> byId(List<T> rows, int size, Function<T, ? extends Number> id) {
        return byId(rows, size, id, null);
    }

    /**
     * Like {@link #byId(List, int, Function)}, for a page whose query stopped walking at {@code walkedTo} (null: it
     * did not stop): when no more rows were found, the next page starts after it.
     */
    public static <T> Page<T> byId(List<T> rows, int size, Function<T, ? extends Number> id, Long walkedTo) {
        if (rows.size() <= size) {
            return new Page<>(rows, walkedTo == null ? null : String.valueOf(walkedTo));
        }
        List<T> page = rows.subList(0, size);
        return new Page<>(page, String.valueOf(id.apply(page.get(size - 1))));
    }

    /** Like {@link #byId}, for a most-used-first listing of tag counts. */
    public static Page<TagCount> byCount(List<TagCount> rows, int size) {
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        TagCount last = rows.get(size - 1);
        return new Page<>(rows.subList(0, size), last.articles() + ":" + last.id());
    }
}
