package io.github.articletag;

import java.util.List;

/**
 * A read-only view of an article for listings: its id, title and tag names (sorted). Cheaper to read than
 * {@link io.github.articletag.Article} entities, which Hibernate must build and track one by one.
 *
 * @param id       the article's id
 * @param title    its title
 * @param tagNames the names of its tags, in alphabetical order
 */
public record ArticleSummary(int id, String title, List<String> tagNames) {

    /** Copies the list, so that a summary never changes. */
    public ArticleSummary {
        tagNames = List.copyOf(tagNames);
    }
}
