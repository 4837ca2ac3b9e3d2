package io.github.articletag.internal;

/** The argument checks of every public entry point, so that each bad argument is refused the same way. */
public final class Arguments {

    /** The most rows one page may ask for. */
    public static final int MAX_PAGE_SIZE = 1000;

    private Arguments() {
    }

    /**
     * Returns {@code value}, or throws naming the argument.
     *
     * @throws IllegalArgumentException if {@code value} is null: "{@code name} must not be null"
     */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Checks a page's position and size.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code size} not 1 to {@link #MAX_PAGE_SIZE}
     */
    public static void page(int offset, int size) {
        if (offset < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page offset must be at least 0 and size 1 to " + MAX_PAGE_SIZE
                    + ", were " + offset + " and " + size);
        }
    }

    /**
     * Checks a limit on a ranked result.
     *
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public static void limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
