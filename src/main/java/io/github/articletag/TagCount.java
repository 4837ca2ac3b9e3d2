package io.github.articletag;

/**
 * A tag and how many articles carry it: one entry of a tag cloud.
 *
 * @param id       the tag's id
 * @param name     the tag's name
 * @param articles the number of articles tagged with it
 */
public record TagCount(int id, String name, long articles) {
}
