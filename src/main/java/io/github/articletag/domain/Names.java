package io.github.articletag.domain;

/** Validation shared by the entities' text columns, so a bad value fails in Java before any SQL runs. */
final class Names {

    /** Length of {@code article.title} and {@code tag.name}, in characters as MySQL counts them. */
    static final int MAX_LENGTH = 50;

    private Names() {
    }

    /**
     * Returns {@code value} without surrounding whitespace, or throws naming the field and the limit.
     * Length is counted in code points: an emoji is one character in a utf8mb4 {@code varchar(50)},
     * but two Java {@code char}s.
     */
    static String require(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
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
}
