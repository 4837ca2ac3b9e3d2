package io.github.articletag;

import java.util.List;

import static io.github.articletag.internal.Arguments.notNull;

/** The sample data: two articles, each tagged with the same two tags. */
public final class SampleData {

    private SampleData() {
    }

    /**
     * Makes article1 and article2, tag1 and tag2, tags both articles with both tags and persists the two
     * articles only (the tags are saved through the relationship), in one transaction.
     *
     * @return article1 and article2, saved
     */
    public static List<Article> persist(Database database) {
        notNull("database", database);
        List<Article> articles = create();
        database.inTransaction(session -> articles.forEach(session::persist));
        return articles;
    }

    /** article1 and article2, each tagged with tag1 and tag2, not saved yet: persist the articles to save all. */
    public static List<Article> create() {
        Article article1 = new Article("article1");
        Article article2 = new Article("article2");
        Tag tag1 = new Tag("tag1");
        Tag tag2 = new Tag("tag2");
        article1.addTag(tag1);
        article1.addTag(tag2);
        article2.addTag(tag1);
        article2.addTag(tag2);
        return List.of(article1, article2);
    }
}
