package io.github.articletag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many owners of each tagged type carry a tag, from the kept counts: {@link TagRepository#usage}.
 *
 * @param id     the tag's id
 * @param name   its name
 * @param byType the count per type, by the type's table ({@code "article"}, then the application's types, as
 *               {@code "post"} for an entity on table {@code post}), in that order
 */
public record TagUsage(int id, String name, Map<String, Long> byType) {

    /** Copies the map, keeping its order. */
    public TagUsage {
        byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    }

    /** The count across every type. */
    public long total() {
        return byType.values().stream().mapToLong(Long::longValue).sum();
    }
}
