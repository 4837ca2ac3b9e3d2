package io.github.articletag;

import java.util.ArrayList;
import java.util.List;

/**
 * One article to import with {@link ArticleRepository#importArticles}: a title and the names of its tags.
 *
 * @param title    the article's title
 * @param tagNames the names of its tags; tags that do not exist yet are created
 */
public record NewArticle(String title, List<String> tagNames) {

    /**
     * Copies the list, so that later changes by the caller do not reach an import under way. Titles and names
     * are checked by the import, which names the article at fault.
     *
     * @throws IllegalArgumentException if the list or one of its names is null
     */
    public NewArticle {
        if (tagNames == null) {
            throw new IllegalArgumentException("tag names of article '" + title + "' must not be null");
        }
        List<String> copy = new ArrayList<>(tagNames);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) == null) {
                throw new IllegalArgumentException("tag name " + i + " of article '" + title + "' is null");
            }
        }
        tagNames = List.copyOf(copy);
    }
}
