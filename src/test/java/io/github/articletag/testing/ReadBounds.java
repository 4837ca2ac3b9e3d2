package io.github.articletag.testing;

import io.github.articletag.Page;

import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asserts that a call reads at most so many rows on the server ({@link HandlerReads}), printing what it read: the
 * proof that a page is read by key, which a scan or a sort of a whole tag would break.
 */
public final class ReadBounds {

    private final HandlerReads server;
    private final long bound;
    private final String data;

    /**
     * @param bound what one call may read
     * @param data  the data set, as failures describe it
     */
    public ReadBounds(HandlerReads server, long bound, String data) {
        this.server = server;
        this.bound = bound;
        this.data = data;
    }

    /** The first page and the page after {@code deep} both read at most the bound. */
    public void atAnyDepth(String call, Function<String, Page<?>> page, String deep) {
        atAnyDepth(call, page, deep, bound);
    }

    /** {@link #atAnyDepth(String, Function, String)} with a bound of its own. */
    public void atAnyDepth(String call, Function<String, Page<?>> page, String deep, long bound) {
        Page<?> deepPage = page.apply(deep);
        assertTrue(!deepPage.items().isEmpty(), call + ": the deep page is empty");
        of(call + ", first page", () -> page.apply(null), bound);
        of(call + ", page after " + deep, () -> page.apply(deep), bound);
    }

    /** The call reads at most the bound. */
    public void of(String call, Supplier<?> read) {
        of(call, read, bound);
    }

    /** The call reads at most {@code bound}. */
    public void of(String call, Supplier<?> read, long bound) {
        read.get(); // warm: the first call may read the statistics or the dictionary
        long reads = server.of(read);
        System.out.println("[reads] " + call + ": " + reads);
        assertTrue(reads <= bound, call + " read " + reads + " rows (" + data + "): a scan, or a sort of a whole tag?");
    }
}
