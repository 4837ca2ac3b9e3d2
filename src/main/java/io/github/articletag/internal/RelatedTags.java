package io.github.articletag.internal;

import io.github.articletag.TagCount;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tags that occur most often with a set of tags, counted over a sample: the {@value #SAMPLE} newest articles
 * that carry the whole set. Exact while the set is on at most that many articles; beyond, each count is the
 * tag's share of the newest ones, so the cost stays that of {@value #SAMPLE} articles' links however popular the
 * set (the guide's performance page, src/docs/performance.md has the figures and the error measured at 1,000,000 articles).
 */
public final class RelatedTags {

    /** How many of the newest articles carrying the set are counted. */
    public static final int SAMPLE = 2000;

    private RelatedTags() {
    }

    /**
     * The {@code size} tags most often on the sampled articles, besides the set itself, most shared first (then
     * by id), each with the number of sampled articles that carry it. Two statements: the set's tags (with
     * aliases), then the ranking, whose names are read only for the tags that rank.
     */
    public static List<TagCount> of(Sql sql, TaggedTable owners, List<String> keys, int size) throws SQLException {
        Map<String, TagLookup.Found> found = TagLookup.resolve(sql, owners, keys);
        if (found.size() < keys.size()) {
            return List.of(); // no article carries a tag that does not exist
        }
        List<TagLookup.Found> set = found.values().stream().distinct().toList();
        TaggedArticles sample = TaggedArticles.newestWithAll(owners, set, SAMPLE);
        List<Object> parameters = new ArrayList<>(sample.parameters());
        set.forEach(tag -> parameters.add(tag.id()));
        parameters.add(size);
        return sql.list("SELECT t.id, t.name, r.shared FROM ("
                // STRAIGHT_JOIN: the sample first, then each sampled article's links by primary key; left free, the
                // optimizer read every link of every other tag and looked each one up in the sample.
                + " SELECT STRAIGHT_JOIN other.tag_id, COUNT(*) AS shared FROM (" + sample.sql() + ") s"
                + " JOIN " + owners.links() + " other ON other." + owners.ownerColumn() + " = s.owner_id"
                + " WHERE other.tag_id NOT IN (" + Sql.placeholders(set.size()) + ")"
                + " GROUP BY other.tag_id ORDER BY shared DESC, other.tag_id LIMIT ?"
                + ") r JOIN tag t ON t.id = r.tag_id ORDER BY r.shared DESC, r.tag_id",
                row -> new TagCount(row.getInt(1), row.getString(2), row.getLong(3)), parameters);
    }
}
