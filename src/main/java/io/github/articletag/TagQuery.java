package io.github.articletag;

import io.github.articletag.internal.Names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Which articles to find by their tags: those tagged with every one of {@link #allOf}, with at least one of
 * {@link #anyOf} (when it is not empty), with none of {@link #noneOf}, and, if {@link #noOthers}, with no tag
 * that allOf or anyOf does not name. For example
 * {@code TagQuery.withAll("java", "jpa").andAny("spring", "boot").andNone("draft")}, or
 * {@code TagQuery.withAll("java", "jpa").andNoOthers()} for the articles tagged with exactly those two. Names follow the identity
 * rule ({@link Tag#keyOf}) and reach the tag an alias names; a name that no tag or alias has is no error: no
 * article has it, so in {@code allOf} it matches nothing, and in {@code anyOf} or {@code noneOf} it adds nothing.
 *
 * @param allOf  every one of these, one name per tag (the first spelling given)
 * @param anyOf  at least one of these, if any are given
 * @param noneOf   none of these
 * @param noOthers whether an article may carry no tag besides those of allOf and anyOf
 */
public record TagQuery(List<String> allOf, List<String> anyOf, List<String> noneOf, boolean noOthers) {

    /**
     * @throws IllegalArgumentException if a list or a name in it is null, a name is invalid, or no name is given
     *                                  and {@code noOthers} is false (to list every article, see
     *                                  {@link ArticleRepository#findPage})
     */
    public TagQuery {
        allOf = distinct("allOf", allOf);
        anyOf = distinct("anyOf", anyOf);
        noneOf = distinct("noneOf", noneOf);
        if (allOf.isEmpty() && anyOf.isEmpty() && noneOf.isEmpty() && !noOthers) {
            throw new IllegalArgumentException("a tag query needs at least one tag name");
        }
    }

    /** A query without {@code noOthers}. */
    public TagQuery(List<String> allOf, List<String> anyOf, List<String> noneOf) {
        this(allOf, anyOf, noneOf, false);
    }

    /** The articles that carry no tag at all. */
    public static TagQuery untagged() {
        return new TagQuery(List.of(), List.of(), List.of(), true);
    }

    /** Articles tagged with every one of these. */
    public static TagQuery withAll(String... names) {
        return new TagQuery(list(names), List.of(), List.of());
    }

    /** Articles tagged with at least one of these. */
    public static TagQuery withAny(String... names) {
        return new TagQuery(List.of(), list(names), List.of());
    }

    /** Articles tagged with none of these. */
    public static TagQuery withNone(String... names) {
        return new TagQuery(List.of(), List.of(), list(names));
    }

    /** This query, also requiring every one of these. */
    public TagQuery andAll(String... names) {
        return new TagQuery(concat(allOf, names), anyOf, noneOf, noOthers);
    }

    /** This query, also requiring at least one of {@link #anyOf} and these. */
    public TagQuery andAny(String... names) {
        return new TagQuery(allOf, concat(anyOf, names), noneOf, noOthers);
    }

    /** This query, also excluding these. */
    public TagQuery andNone(String... names) {
        return new TagQuery(allOf, anyOf, concat(noneOf, names), noOthers);
    }

    /** This query, also excluding every tag that allOf and anyOf do not name: "exactly these tags". */
    public TagQuery andNoOthers() {
        return new TagQuery(allOf, anyOf, noneOf, true);
    }

    private static List<String> distinct(String part, Collection<String> names) {
        try {
            return List.copyOf(Names.distinctTags(names).values());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tag query, " + part + ": " + e.getMessage(), e);
        }
    }

    private static List<String> list(String... names) {
        if (names == null) {
            throw new IllegalArgumentException("tag names must not be null");
        }
        return Arrays.asList(names);
    }

    private static List<String> concat(List<String> names, String... more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(list(more));
        return all;
    }
}
