package io.github.articletag;

/**
 * An article that shares tags with a given one.
 *
 * @param id         the related article's id
 * @param title      its title
 * @param sharedTags how many tags the two have in common
 */
public record RelatedArticle(int id, String title, long sharedTags) {
}
