package io.github.articletag;

import java.util.List;

/**
 * One page of a listing, and where the next one starts. Listings are ordered by a key (an article's id, say)
 * and paged by it, never by an offset: a page costs the same at any depth, and rows inserted or deleted
 * meanwhile shift nothing. Ask for the first page with {@code after = null}, then pass {@link #next()} back.
 *
 * @param items the page's rows, at most the size asked for
 * @param next  the cursor of the next page, or null when this page is the last: an opaque string, valid only
 *              for the listing that returned it (it holds the key of the last row, not a position)
 * @param <T>   what the listing returns
 */
public record Page<T>(List<T> items, String next) {

    /** Copies the list, so that a page never changes. */
    public Page {
        items = List.copyOf(items);
    }

    /** Whether there may be a next page: {@link #next()} is not null. */
    public boolean hasNext() {
        return next != null;
    }
}
