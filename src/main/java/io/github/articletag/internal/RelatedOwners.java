package io.github.articletag.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The owners (articles, or another type's) sharing most tags with one, counted over a sample as related tags are
 * ({@link RelatedTags}): for each of its tags, the {@value RelatedTags#SAMPLE} newest other owners that carry it.
 * Exact while each of its tags is on at most that many; beyond, a popular tag counts for its newest owners only,
 * so the cost is a sample per tag however popular the tags (an exact ranking counts every owner that shares a
 * tag: 100,000 for a tag on 100,000 articles).
 *
 * @param sql        the ranking; its columns are {@code owner_id} and {@code shared}, most shared first (then by id)
 * @param parameters its parameters, in order
 */
public record RelatedOwners(String sql, List<Object> parameters) {

    /** An owner id and a count: how many tags it shares with another. */
    public record Shared(long id, long shared) {
    }

    /** The ranking of the {@code limit} owners sharing most tags with {@code id}, to be read in one snapshot. */
    public static List<Shared> ranked(Sql sql, TaggedTable owners, long id, int limit) throws SQLException {
        RelatedOwners ranking = of(sql, owners, id, limit);
        return sql.list(ranking.sql(), row -> new Shared(row.getLong(1), row.getLong(2)), ranking.parameters());
    }

    /**
     * The ranking of the {@code limit} owners sharing most tags with {@code id}; reads the owner's tags first (one
     * statement), so the two must read one snapshot.
     */
    public static RelatedOwners of(Sql sql, TaggedTable owners, long id, int limit) throws SQLException {
        String owner = owners.ownerColumn();
        List<Integer> tags = sql.list("SELECT tag_id FROM " + owners.links() + " WHERE " + owner + " = ?",
                row -> row.getInt(1), id);
        if (tags.isEmpty()) {
            return new RelatedOwners("SELECT 0 AS owner_id, 0 AS shared FROM DUAL WHERE FALSE", List.of());
        }
        List<String> samples = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (int tag : tags) {
            // The tag's range of the (tag_id, owner) index, walked from its newest owner.
            samples.add("(SELECT " + owner + " AS owner_id FROM " + owners.links() + " WHERE tag_id = ? AND " + owner
                    + " <> ? ORDER BY " + owner + " DESC LIMIT " + RelatedTags.SAMPLE + ")");
            parameters.add(tag);
            parameters.add(id);
        }
        parameters.add(limit);
        return new RelatedOwners("SELECT owner_id, COUNT(*) AS shared FROM (" + String.join(" UNION ALL ", samples)
                + ") s GROUP BY owner_id ORDER BY shared DESC, owner_id LIMIT ?", parameters);
    }
}
