package io.github.articletag;

/**
 * An entity that shares tags with another, as {@link TaggedRepository#findRelated} ranks it.
 *
 * @param item       the entity, with its tags
 * @param sharedTags how many tags it shares with the other
 * @param <T>        the entity class
 */
public record RelatedItem<T extends Taggable>(T item, long sharedTags) {
}
