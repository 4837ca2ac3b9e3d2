package io.github.articletag.internal;

import jakarta.persistence.OptimisticLockException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The writes of {@code ArticleRepository}, in the caller's transaction, all in SQL: the article's row, and its tags
 * through {@link Tagging}. Entities would cost more than the statements (src/docs/performance.md), and Hibernate
 * has nothing to add here. Each method's statements are the fewest that keep the guarantees the guide states; the
 * write benchmark compares them with hand JDBC.
 */
public final class ArticleWrites {

    private static final TaggedTable ARTICLES = TaggedTable.ARTICLE;

    /** What {@link #insert} generated: the article's id, and the stored tag each of its tags turned out to be. */
    public record Inserted(int id, List<TagLookup.Stored> tags) {
    }

    private ArticleWrites() {
    }

    /**
     * Inserts a new article: its tags (the new ones' names found at once, the missing created; those with an id
     * checked), the article, then its links with their counts.
     *
     * @throws NoSuchElementException if a tag with an id no longer exists
     */
    public static Inserted insert(Sql sql, String title, List<Tagging.TagRef> tags) throws SQLException {
        List<TagLookup.Stored> stored = Tagging.stored(sql, tags);
        int id = sql.insert("INSERT INTO " + ARTICLES.table() + " (title) VALUES (?)", title);
        new Links(sql, ARTICLES).add(id, stored.stream().map(TagLookup.Stored::id).toList());
        return new Inserted(id, stored);
    }

    /**
     * Writes a loaded article's changes: the title if nobody else changed it ({@code expectedTitle} is what the
     * caller loaded; null when the title did not change), the links added and removed. Safe to repeat.
     *
     * @return the stored tag each of {@code added} turned out to be, in order
     * @throws NoSuchElementException  if the article, or a tag with an id that it adds, no longer exists
     * @throws OptimisticLockException if someone else changed the title since it was loaded
     */
    public static List<TagLookup.Stored> update(Sql sql, Counters counters, int id, String expectedTitle, String title,
                                       List<Tagging.TagRef> added, List<Tagging.TagRef> removed) throws SQLException {
        if (expectedTitle != null) {
            retitle(sql, counters, id, expectedTitle, title);
        } else {
            Tagging.requireExists(sql, ARTICLES, id);
        }
        return Tagging.change(sql, ARTICLES, id, added, removed);
    }

    /**
     * Compare and set: the title changes only where it still is the one the caller loaded, compared byte for byte
     * (the column's collation ignores case). Finding the new title already there is success too: an attempt
     * whose commit was lost on the way back may have written it.
     */
    private static void retitle(Sql sql, Counters counters, int id, String expected, String title) throws SQLException {
        int updated = sql.update("UPDATE " + ARTICLES.table() + " SET title = ? WHERE id = ? AND title COLLATE "
                + Schema.BINARY_COLLATION + " = ?", title, id, expected);
        if (updated == 0) {
            String current = sql.first("SELECT title FROM " + ARTICLES.table() + " WHERE id = ?",
                            row -> row.getString(1), id)
                    .orElseThrow(() -> Tagging.missing(ARTICLES, id));
            if (!current.equals(title)) {
                counters.optimisticLockConflict();
                throw new OptimisticLockException("article " + id + " was retitled '" + current + "' by someone else"
                        + " after it was loaded as '" + expected + "': load it again and apply the change again");
            }
        }
    }

    /**
     * Tags an article with each of these (valid, distinct) names, creating the tags that do not exist yet. The
     * article with its tags first (what the call returns, and proof that it exists), then the tags it lacks found
     * or created, their links with their counts. Four statements for a name that exists, six for a new one.
     *
     * @return the article with all its tags
     * @throws NoSuchElementException if the article does not exist
     */
    public static ArticleSummaries.Row tag(Sql sql, int articleId, List<String> names) throws SQLException {
        ArticleSummaries.Row article = read(sql, articleId);
        List<TagLookup.Stored> tags = new ArrayList<>(article.tags());
        tags.addAll(Tagging.add(sql, ARTICLES, articleId, article.tags(), names));
        return new ArticleSummaries.Row(articleId, article.title(), tags);
    }

    /**
     * Gives an article exactly these (valid, distinct) tags ({@link Tagging#replace}).
     *
     * @return the article with its tags, read after the change
     * @throws NoSuchElementException if the article does not exist
     */
    public static ArticleSummaries.Row replaceTags(Sql sql, int articleId, List<String> names) throws SQLException {
        Tagging.replace(sql, ARTICLES, articleId, names);
        return read(sql, articleId);
    }

    /**
     * The article with its tags, in one statement.
     *
     * @throws NoSuchElementException if there is no such article
     */
    public static ArticleSummaries.Row read(Sql sql, int id) throws SQLException {
        List<ArticleSummaries.Row> rows = ArticleSummaries.one(sql, id);
        if (rows.isEmpty()) {
            throw Tagging.missing(ARTICLES, id);
        }
        return rows.get(0);
    }
}
