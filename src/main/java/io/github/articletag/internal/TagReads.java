package io.github.articletag.internal;

import io.github.articletag.Page;
import io.github.articletag.TagCount;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@code TagRepository}: each a bounded page, read by key, in one statement.
 */
public final class TagReads {

    private TagReads() {
    }

    /**
     * The tags by their counts for {@code owners}, most used first (then the newest), after the (count, id) key
     * {@code after} (null for the first page); {@code rows} at most. For articles every tag, used or not; for
     * another type the tags it uses. One statement, exact whether or not the counts' changes are folded: the tags
     * without changes in the order of the kept counts' index, up to a page, merged with every tag that has changes
     * ({@link CountDeltas}), counted with them; a tag without changes that belongs on the page is among the first.
     */
    public static List<TagCount> byCount(Sql sql, TaggedTable owners, long[] after, int rows) throws SQLException {
        String key = "k." + owners.countKey();
        String kept = "k." + owners.countColumn();
        boolean articles = owners.countsInTag();
        List<Object> parameters = new ArrayList<>();
        StringBuilder unchanged = new StringBuilder("SELECT " + key + " AS id, CAST(" + kept + " AS SIGNED) AS total FROM "
                + owners.counts() + " k WHERE " + CountDeltas.nonePending(owners, key));
        if (!articles) {
            unchanged.append(" AND ").append(kept).append(" > 0");
        }
        if (after != null) {
            unchanged.append(" AND (").append(kept).append(" < ? OR (").append(kept).append(" = ? AND ").append(key)
                    .append(" < ?))");
            parameters.addAll(List.of(after[0], after[0], (int) after[1]));
        }
        unchanged.append(" ORDER BY ").append(kept).append(" DESC, ").append(key).append(" DESC LIMIT ?");
        parameters.add(rows);
        String changed = "SELECT p.tag_id, CAST(" + (articles ? kept : "COALESCE(" + kept + ", 0)") + " + p.pending"
                + " AS SIGNED) FROM " + CountDeltas.pendingTags(owners) + " p " + (articles ? "" : "LEFT ") + "JOIN "
                + owners.counts() + " k ON " + key + " = p.tag_id";
        StringBuilder text = new StringBuilder("SELECT c.id, t.name, c.total FROM ((" + unchanged + ") UNION ALL ("
                + changed + ")) c JOIN tag t ON t.id = c.id WHERE " + (articles ? "TRUE" : "c.total > 0"));
        if (after != null) {
            text.append(" AND (c.total < ? OR (c.total = ? AND c.id < ?))");
            parameters.addAll(List.of(after[0], after[0], (int) after[1]));
        }
        text.append(" ORDER BY c.total DESC, c.id DESC LIMIT ?");
        parameters.add(rows);
        return sql.list(text.toString(), TagReads::count, parameters);
    }

    /** A LIKE pattern (escaped with {@code !}) for the keys that start with {@code keyPrefix}. */
    static String prefixPattern(String keyPrefix) {
        return keyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** A page of a tag's aliases in the order of their keys, after the key {@code after} (empty: from the first). */
    public static Page<String> aliases(Sql sql, int tagId, String after, int size) throws SQLException {
        List<String[]> rows = sql.list("SELECT name_key, name FROM tag_alias WHERE tag_id = ? AND name_key > ?"
                        + " ORDER BY name_key LIMIT ?", row -> new String[] {row.getString(1), row.getString(2)},
                tagId, after, Keyset.rowsFor(size));
        List<String> names = new ArrayList<>();
        rows.stream().limit(size).forEach(row -> names.add(row[1]));
        return new Page<>(names, rows.size() > size ? rows.get(size - 1)[0] : null);
    }

    /** The tag with this id, if any. */
    public static Optional<TagLookup.Stored> byId(Sql sql, int id) throws SQLException {
        return sql.first("SELECT id, name FROM tag WHERE id = ?", row -> new TagLookup.Stored(row.getInt(1),
                row.getString(2)), id);
    }

    /** A tag and the first of its articles by id, as one statement read them: each article's id and title. */
    public record WithArticles(TagLookup.Stored tag, List<ArticleRef> articles) {
    }

    /** An article's id and title, without its tags. */
    public record ArticleRef(int id, String title) {
    }

    /**
     * The tag with this id and its first {@code size} articles by id, in one statement (so one snapshot): the page's
     * ids from the tag's range of links, in index order, then those articles by primary key.
     */
    public static Optional<WithArticles> withFirstArticles(Sql sql, int tagId, int size) throws SQLException {
        TaggedTable articles = TaggedTable.ARTICLE;
        List<WithArticles> found = new ArrayList<>(1);
        sql.forEach("SELECT t.id, t.name, a.id, a.title FROM tag t LEFT JOIN (SELECT " + articles.ownerColumn()
                + " AS owner_id FROM " + articles.links() + " WHERE tag_id = ? ORDER BY " + articles.ownerColumn()
                + " LIMIT ?) p ON 1 = 1 LEFT JOIN " + articles.table() + " a ON a.id = p.owner_id WHERE t.id = ?"
                + " ORDER BY a.id", row -> {
                    if (found.isEmpty()) {
                        found.add(new WithArticles(new TagLookup.Stored(row.getInt(1), row.getString(2)), new ArrayList<>()));
                    }
                    int articleId = row.getInt(3);
                    if (!row.wasNull()) {
                        found.get(0).articles().add(new ArticleRef(articleId, row.getString(4)));
                    }
                    return null;
                }, List.of(tagId, size, tagId));
        return found.stream().findFirst();
    }

    /** A tag with its kept count per type, by the type's table. */
    public record Usage(int id, String name, Map<String, Long> counts) {
    }

    /** The tag a key stands for, with its kept count in each of {@code types}, in one statement. */
    public static Optional<Usage> usage(Sql sql, List<TaggedTable> types, String key) throws SQLException {
        StringBuilder counts = new StringBuilder();
        types.forEach(type -> counts.append(", ").append(type.countOf("t")));
        return sql.first("SELECT t.id, t.name" + counts + " FROM tag t WHERE t.id = " + TagLookup.ID_OF_KEY, row -> {
            Map<String, Long> byType = new LinkedHashMap<>();
            for (int i = 0; i < types.size(); i++) {
                byType.put(types.get(i).table(), row.getLong(3 + i));
            }
            return new Usage(row.getInt(1), row.getString(2), byType);
        }, key, key);
    }

    /** The highest tag id, 0 when there is none. */
    public static int maxId(Sql sql) throws SQLException {
        return sql.list("SELECT COALESCE(MAX(id), 0) FROM tag", row -> row.getInt(1)).get(0);
    }

    /** A row of (id, name, count) as a tag count. */
    static TagCount count(java.sql.ResultSet row) throws SQLException {
        return new TagCount(row.getInt(1), row.getString(2), row.getLong(3));
    }
}
