package io.github.articletag.internal;

/** The argument checks of every public entry point, so that each bad argument is refused the same way. */
public final class Arguments {

    /** The most rows one page, or one ranked list, may ask for. */
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
     * Checks the size of a page or a ranked list.
     *
     * @throws IllegalArgumentException if {@code size} is not 1 to {@link #MAX_PAGE_SIZE}
     */
    public static void size(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
    }
}
