package io.github.articletag.internal;

import jakarta.persistence.OptimisticLockException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The writes of {@code ArticleRepository}, in the caller's transaction, all in SQL: the article's row, and its links
 * through {@link Links}. Entities would cost more than the statements (src/docs/performance.md), and Hibernate
 * has nothing to add here. Each method's statements are the fewest that keep the guarantees the guide states; the
 * write benchmark compares them with hand JDBC.
 */
public final class ArticleWrites {

    private static final TaggedTable ARTICLES = TaggedTable.ARTICLE;

    /** A tag as the caller holds it: a stored tag's id, or a new tag's name (id null). */
    public record TagRef(Integer id, String name) {
    }

    /** What {@link #insert} generated: the article's id, and the id each of its tags turned out to have. */
    public record Inserted(int id, List<Integer> tagIds) {
    }

    private ArticleWrites() {
    }

    /**
     * Inserts a new article: its tags (the new ones' names found at once, the missing created; those with an id
     * checked), the article, then its links with their counts.
     *
     * @throws NoSuchElementException if a tag with an id no longer exists
     */
    public static Inserted insert(Sql sql, String title, List<TagRef> tags) throws SQLException {
        List<Integer> tagIds = ids(sql, tags);
        int id = sql.insert("INSERT INTO " + ARTICLES.table() + " (title) VALUES (?)", title);
        new Links(sql, ARTICLES).add(id, tagIds);
        return new Inserted(id, tagIds);
    }

    /**
     * Writes a loaded article's changes: the title if nobody else changed it ({@code expectedTitle} is what the
     * caller loaded; null when the title did not change), the links added and removed. Safe to repeat.
     *
     * @return the id each tag of {@code added} turned out to have, in order
     * @throws NoSuchElementException  if the article, or a tag with an id that it adds, no longer exists
     * @throws OptimisticLockException if someone else changed the title since it was loaded
     */
    public static List<Integer> update(Sql sql, Counters counters, int id, String expectedTitle, String title,
                                       List<TagRef> added, List<TagRef> removed) throws SQLException {
        if (expectedTitle != null) {
            retitle(sql, counters, id, expectedTitle, title);
        } else {
            requireExists(sql, id);
        }
        List<Integer> addedIds = ids(sql, added);
        // By id, unread: a tag that no longer exists has no link left to remove, and its count is no row.
        List<Integer> removals = new ArrayList<>();
        List<String> unsavedRemovals = new ArrayList<>();
        for (TagRef tag : removed) {
            if (tag.id() != null) {
                removals.add(tag.id());
            } else {
                unsavedRemovals.add(Names.key(tag.name()));
            }
        }
        if (!unsavedRemovals.isEmpty()) {
            TagLookup.resolve(sql, unsavedRemovals).values().forEach(found -> removals.add(found.id()));
        }
        new Links(sql, ARTICLES).change(id, addedIds, removals);
        return addedIds;
    }

    /** The ids of these tags: new names found or created at once (in key order), ids checked one by one. */
    private static List<Integer> ids(Sql sql, List<TagRef> tags) throws SQLException {
        Map<String, Integer> byKey = TagLookup.findOrCreateByKey(sql,
                tags.stream().filter(tag -> tag.id() == null).map(TagRef::name).toList());
        List<Integer> ids = new ArrayList<>(tags.size());
        for (TagRef tag : tags) {
            ids.add(tag.id() == null ? byKey.get(Names.key(tag.name())) : requireTag(sql, tag));
        }
        return ids;
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
                    .orElseThrow(() -> missing(id));
            if (!current.equals(title)) {
                counters.optimisticLockConflict();
                throw new OptimisticLockException("article " + id + " was retitled '" + current + "' by someone else"
                        + " after it was loaded as '" + expected + "': load it again and apply the change again");
            }
        }
    }

    /**
     * The id of a tag the caller holds with an id, checked.
     *
     * @throws NoSuchElementException if there is no tag with that id any more
     */
    private static int requireTag(Sql sql, TagRef tag) throws SQLException {
        if (!sql.exists("SELECT id FROM tag WHERE id = ?", tag.id())) {
            throw new NoSuchElementException("tag " + tag.id() + " ('" + tag.name() + "') does not exist any"
                    + " more: it was deleted or merged into another tag; tag the article by name instead");
        }
        return tag.id();
    }

    /**
     * Tags an article with each of these (valid, distinct) names, creating the tags that do not exist yet. The
     * article with its tags first (what the call returns, and proof that it exists), then the tags it lacks found
     * or created, their links with their counts. A tag deleted meanwhile fails the links' foreign key, and a link
     * a concurrent call inserted first is a duplicate: both are conflicts that are run again. Four statements for
     * a name that exists, six for a new one.
     *
     * @return the article with all its tags
     * @throws NoSuchElementException if the article does not exist
     */
    public static ArticleSummaries.Row tag(Sql sql, int articleId, List<String> names) throws SQLException {
        ArticleSummaries.Row article = read(sql, articleId);
        Set<String> present = new HashSet<>();
        Set<Integer> presentIds = new HashSet<>();
        article.tags().forEach(tag -> {
            present.add(Names.key(tag.name()));
            presentIds.add(tag.id());
        });
        List<TagLookup.Stored> added = new ArrayList<>();
        for (String name : names) {
            if (!present.contains(Names.key(name))) {
                TagLookup.Stored tag = TagLookup.findOrCreate(sql, name);
                if (presentIds.add(tag.id())) { // not the article's already, under an alias
                    added.add(tag);
                }
            }
        }
        new Links(sql, ARTICLES).add(articleId, added.stream().map(TagLookup.Stored::id).toList());
        List<TagLookup.Stored> tags = new ArrayList<>(article.tags());
        tags.addAll(added);
        return new ArticleSummaries.Row(articleId, article.title(), tags);
    }

    /**
     * Removes one tag from an article: exactly one link row. The count first, which locks the tag, then the link;
     * the count is put back if there was no link to delete. The row count says what this call deleted: another call
     * that deleted the row first counts 0.
     *
     * @return whether this call deleted the link
     * @throws NoSuchElementException if the article does not exist
     */
    public static boolean untag(Sql sql, int articleId, String key) throws SQLException {
        TagLookup.Found tag = TagLookup.resolve(sql, List.of(key)).get(key);
        if (tag != null && new Links(sql, ARTICLES).change(articleId, List.of(), List.of(tag.id())) > 0) {
            return true;
        }
        requireExists(sql, articleId);
        return false;
    }

    /**
     * Gives an article exactly these (valid, distinct) tags, creating the missing: locks the article, so that
     * concurrent replacements apply one after the other, then adds the links it lacks and removes the others.
     *
     * @return the article with its tags, read after the change
     * @throws NoSuchElementException if the article does not exist
     */
    public static ArticleSummaries.Row replaceTags(Sql sql, int articleId, List<String> names) throws SQLException {
        if (!sql.exists("SELECT id FROM " + ARTICLES.table() + " WHERE id = ? FOR UPDATE", articleId)) {
            throw missing(articleId);
        }
        SortedSet<Integer> wanted = new TreeSet<>(TagLookup.findOrCreateByKey(sql, names).values());
        SortedSet<Integer> removed = new TreeSet<>(sql.list("SELECT tag_id FROM " + ARTICLES.links() + " WHERE "
                + ARTICLES.ownerColumn() + " = ?", row -> row.getInt(1), articleId));
        SortedSet<Integer> added = new TreeSet<>(wanted);
        added.removeAll(removed);
        removed.removeAll(wanted);
        Links links = new Links(sql, ARTICLES);
        SortedSet<Integer> article = new TreeSet<>(List.of(articleId));
        links.linkAll(article, added);
        links.unlinkAll(article, removed);
        return read(sql, articleId);
    }

    /**
     * Links many existing articles to each of these (valid, distinct) names, creating the missing tags; links
     * already there are left alone.
     *
     * @return how many links were added
     * @throws NoSuchElementException naming them, if some of the articles do not exist
     */
    public static int tagAll(Sql sql, SortedSet<Integer> articleIds, Collection<String> names) throws SQLException {
        Links links = new Links(sql, ARTICLES);
        links.requireOwners(articleIds);
        return links.linkAll(articleIds, new TreeSet<>(TagLookup.findOrCreateByKey(sql, names).values()));
    }

    /**
     * Removes the links of many existing articles to the tags these keys stand for; unknown keys are skipped.
     *
     * @return how many links were removed
     * @throws NoSuchElementException naming them, if some of the articles do not exist
     */
    public static int untagAll(Sql sql, SortedSet<Integer> articleIds, List<String> keys) throws SQLException {
        Links links = new Links(sql, ARTICLES);
        links.requireOwners(articleIds);
        SortedSet<Integer> tags = new TreeSet<>();
        TagLookup.resolve(sql, keys).values().forEach(tag -> tags.add(tag.id()));
        return links.unlinkAll(articleIds, tags);
    }

    /**
     * Deletes an article; its links go by the foreign key's ON DELETE CASCADE, unseen by any count, so they are
     * counted down first.
     *
     * @return false if there was no such article
     */
    public static boolean delete(Sql sql, int articleId) throws SQLException {
        return new Links(sql, ARTICLES).beforeOwnerDeletion(articleId)
                && sql.update("DELETE FROM " + ARTICLES.table() + " WHERE id = ?", articleId) > 0;
    }

    /**
     * The article with its tags, in one statement.
     *
     * @throws NoSuchElementException if there is no such article
     */
    public static ArticleSummaries.Row read(Sql sql, int id) throws SQLException {
        List<ArticleSummaries.Row> rows = ArticleSummaries.one(sql, id);
        if (rows.isEmpty()) {
            throw missing(id);
        }
        return rows.get(0);
    }

    /** @throws NoSuchElementException if there is no such article */
    public static void requireExists(Sql sql, int id) throws SQLException {
        if (!sql.exists("SELECT id FROM " + ARTICLES.table() + " WHERE id = ?", id)) {
            throw missing(id);
        }
    }

    private static NoSuchElementException missing(int id) {
        return new NoSuchElementException("article " + id + " does not exist");
    }
}
