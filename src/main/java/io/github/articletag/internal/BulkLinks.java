package io.github.articletag.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Links and unlinks many existing articles at once, in the caller's transaction: one statement per tag and
 * {@value ArticleImporter#BATCH} articles, sent as one JDBC batch, the tags' counts changed before the links (see
 * {@link TagCounts}) and put back by whatever a link that was already there, or already gone, did not change.
 */
public final class BulkLinks {

    /** The most articles one bulk call may name. */
    public static final int MAX_ARTICLES = 10_000;

    /** The most tag names one bulk call may name. */
    public static final int MAX_TAGS = 10;

    private BulkLinks() {
    }

    /**
     * The distinct ids, in order.
     *
     * @throws IllegalArgumentException if the collection or an id is null, or it names no article or more than
     *                                  {@link #MAX_ARTICLES}
     */
    public static SortedSet<Integer> articleIds(Collection<Integer> ids) {
        Arguments.notNull("article ids", ids);
        SortedSet<Integer> distinct = new TreeSet<>();
        for (Integer id : ids) {
            distinct.add(Arguments.notNull("an article id", id));
        }
        if (distinct.isEmpty() || distinct.size() > MAX_ARTICLES) {
            throw new IllegalArgumentException("a bulk call takes 1 to " + MAX_ARTICLES + " articles, was given "
                    + distinct.size());
        }
        return distinct;
    }

    /** @throws IllegalArgumentException if there is no name or more than {@link #MAX_TAGS} */
    public static void requireTagCount(int names) {
        if (names < 1 || names > MAX_TAGS) {
            throw new IllegalArgumentException("a bulk call takes 1 to " + MAX_TAGS + " tag names, was given " + names);
        }
    }

    /**
     * @throws NoSuchElementException naming the first missing ids, if an article does not exist
     */
    public static void requireArticles(Connection connection, SortedSet<Integer> ids) throws SQLException {
        SortedSet<Integer> missing = new TreeSet<>(ids);
        for (List<Integer> chunk : chunks(ids)) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM article WHERE id IN (" + placeholders(chunk.size()) + ")")) {
                bind(select, 1, chunk);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        missing.remove(result.getInt(1));
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchElementException(missing.size() + " of the articles do not exist, the first: "
                    + missing.stream().limit(10).toList() + "; nothing was changed");
        }
    }

    /**
     * Inserts the links of one article to these tags, which it lacks (counted already), in one statement; a link
     * a concurrent call inserted meanwhile is a duplicate key, which the transactions retry.
     */
    public static void insert(Connection connection, int articleId, Collection<Integer> tagIds) throws SQLException {
        if (tagIds.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO article_tag (article_id, tag_id) VALUES "
                + String.join(", ", Collections.nCopies(tagIds.size(), "(?, ?)")))) {
            int parameter = 1;
            for (int tagId : tagIds) {
                insert.setInt(parameter++, articleId);
                insert.setInt(parameter++, tagId);
            }
            insert.executeUpdate();
        }
    }

    /** Links every article to every tag it lacks; returns how many links were added. */
    public static int link(Connection connection, SortedSet<Integer> articles, SortedSet<Integer> tagIds)
            throws SQLException {
        return change(connection, articles, tagIds, 1, true, "INSERT INTO article_tag (article_id, tag_id)"
                + " SELECT a.id, ? FROM article a WHERE a.id IN (%s)"
                + " AND NOT EXISTS (SELECT 1 FROM article_tag l WHERE l.article_id = a.id AND l.tag_id = ?)");
    }

    /** Removes every link of these articles to these tags; returns how many were removed. */
    public static int unlink(Connection connection, SortedSet<Integer> articles, SortedSet<Integer> tagIds)
            throws SQLException {
        return change(connection, articles, tagIds, -1, false, "DELETE FROM article_tag WHERE tag_id = ? AND article_id IN (%s)");
    }

    /**
     * Counts each tag {@code sign} times the number of articles, runs {@code sql} (its {@code %s} the chunk's ids,
     * the tag's id before them and, if {@code tagAfterIds}, after them too) per tag and chunk, and puts back what
     * did not change.
     */
    private static int change(Connection connection, SortedSet<Integer> articles, SortedSet<Integer> tagIds, int sign,
                              boolean tagAfterIds, String sql) throws SQLException {
        if (tagIds.isEmpty()) {
            return 0;
        }
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        tagIds.forEach(tagId -> counts.put(tagId, sign * articles.size()));
        TagCounts.change(connection, counts);
        SortedMap<Integer, Integer> unchanged = new TreeMap<>();
        int changed = 0;
        for (List<Integer> chunk : chunks(articles)) {
            try (PreparedStatement statement = connection.prepareStatement(sql.formatted(placeholders(chunk.size())))) {
                for (int tagId : tagIds) {
                    statement.setInt(1, tagId);
                    bind(statement, 2, chunk);
                    if (tagAfterIds) {
                        statement.setInt(chunk.size() + 2, tagId);
                    }
                    statement.addBatch();
                }
                int[] rows = statement.executeBatch();
                int i = 0;
                for (int tagId : tagIds) {
                    if (rows[i] < 0) {
                        throw new IllegalStateException("the driver reported no row count for a batched statement");
                    }
                    changed += rows[i];
                    if (rows[i] < chunk.size()) {
                        unchanged.merge(tagId, -sign * (chunk.size() - rows[i]), Integer::sum);
                    }
                    i++;
                }
            }
        }
        TagCounts.change(connection, unchanged);
        return changed;
    }

    private static List<List<Integer>> chunks(SortedSet<Integer> ids) {
        List<Integer> all = new ArrayList<>(ids);
        List<List<Integer>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ArticleImporter.BATCH) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ArticleImporter.BATCH)));
        }
        return chunks;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static void bind(PreparedStatement statement, int first, List<Integer> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setInt(first + i, ids.get(i));
        }
    }
}
