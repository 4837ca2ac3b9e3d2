package io.github.articletag.persistence;

import java.util.List;

/**
 * One article to import with {@link ArticleRepository#importArticles}: a title and the names of its tags.
 *
 * @param title    the article's title
 * @param tagNames the names of its tags; tags that do not exist yet are created
 */
public record NewArticle(String title, List<String> tagNames) {

    /** Copies the list, so that later changes by the caller do not reach an import under way. */
    public NewArticle {
        tagNames = List.copyOf(tagNames);
    }
}
