package io.github.articletag;

import io.github.articletag.internal.Names;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an owner of tags ({@link Article}, {@link Taggable}) remembers of its tags between a read and a save: the
 * tags added and removed since, each at most once (adding a tag just removed cancels the removal). Package-private:
 * the repositories' side of the entities.
 */
final class TagChanges {

    private final Set<Tag> additions = new LinkedHashSet<>();
    private final Set<Tag> removals = new LinkedHashSet<>();

    void added(Tag tag) {
        if (!removals.remove(tag)) {
            additions.add(tag);
        }
    }

    void removed(Tag tag) {
        if (!additions.remove(tag)) {
            removals.add(tag);
        }
    }

    /** The tags added since the last save, in order. */
    Set<Tag> additions() {
        return Collections.unmodifiableSet(additions);
    }

    /** The tags removed since the last save, in order. */
    Set<Tag> removals() {
        return Collections.unmodifiableSet(removals);
    }

    boolean isEmpty() {
        return additions.isEmpty() && removals.isEmpty();
    }

    void clear() {
        additions.clear();
        removals.clear();
    }

    /** Tags as JSON lists them: by name in listing order, then by id. */
    static List<Tag> forJson(Collection<Tag> tags) {
        List<Tag> sorted = new ArrayList<>(tags);
        sorted.sort(Comparator.comparing(Tag::getName, Names.LISTING_ORDER)
                .thenComparing(Tag::getId, Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted;
    }
}
