package io.github.articletag.internal;

import io.github.articletag.TagCount;

import java.sql.SQLException;
import java.util.List;

/**
 * Completion for a prefix, most used first, at a cost bounded whatever the prefix: a long prefix is answered from
 * its range of the name key, a short one that thousands of names share also from the most used tags.
 *
 * <p>The first statement reads at most {@value #NAMES} names of the prefix's range (the name key's index alone) and,
 * when no more names share the prefix, ranks them by their counts: the answer, exact. Otherwise a second statement
 * ranks the tags among the {@value #MOST_USED} most used (of the type), and those whose counts changed since the
 * last fold, that start with the prefix, with the range's first names to fill the answer when few do: a tag left
 * out is used no more often than the {@value #MOST_USED}th most used tag. Each answer is one statement's, so one
 * snapshot's, and its counts are exact.
 */
public final class Completion {

    /** How many names of the prefix's range are read. */
    public static final int NAMES = 2000;

    /** How many of the most used tags are checked against the prefix when more names share it. */
    public static final int MOST_USED = 2000;

    private Completion() {
    }

    /**
     * The tags whose key starts with {@code keyPrefix}, most used by {@code owners} first (then the newest),
     * {@code size} at most. For articles every such tag, used or not; for another type only the tags it uses.
     */
    public static List<TagCount> of(Sql sql, TaggedTable owners, String keyPrefix, int size) throws SQLException {
        String pattern = TagReads.prefixPattern(keyPrefix);
        boolean[] moreNames = {false};
        // The range's first names from the name key's index alone, counted: a count is read only when they are all.
        List<TagCount> ranked = sql.list("SELECT t.id, t.name, r.used, r.walked FROM (SELECT w.id, w.walked,"
                + " CASE WHEN w.walked > " + NAMES + " THEN 0 ELSE " + owners.countOfId("w.id") + " END AS used"
                + " FROM (SELECT id, COUNT(*) OVER () AS walked FROM (" + names(NAMES + 1) + ") n) w"
                + " ORDER BY used DESC, w.id DESC LIMIT ?) r JOIN tag t ON t.id = r.id ORDER BY r.used DESC, r.id DESC",
                row -> {
                    moreNames[0] = row.getLong(4) > NAMES;
                    return TagReads.count(row);
                }, pattern, size);
        if (moreNames[0]) {
            ranked = sql.list("SELECT id, name, used FROM ((SELECT t.id, t.name, " + owners.countOfId("t.id")
                    + " AS used FROM (" + names(size) + ") n JOIN tag t ON t.id = n.id) UNION (" + mostUsed(owners)
                    + ") UNION (" + changed(owners) + ")) c ORDER BY used DESC, id DESC LIMIT ?", TagReads::count,
                    pattern, pattern, pattern, size);
        }
        return owners.countsInTag() ? ranked : ranked.stream().filter(tag -> tag.articles() > 0).toList();
    }

    /** The ids of the prefix's first {@code limit} names, from the name key's index alone. */
    private static String names(int limit) {
        return "SELECT id FROM tag FORCE INDEX (uk_tag_name_key) WHERE name_key LIKE ? ESCAPE '!' ORDER BY name_key"
                + " LIMIT " + limit;
    }

    /** The tags whose counts have changes not folded yet ({@link CountDeltas}) and whose key matches the pattern. */
    private static String changed(TaggedTable owners) {
        return "SELECT t.id, t.name, " + owners.countOf("t") + " AS used FROM " + CountDeltas.pendingTags(owners)
                + " p JOIN tag t ON t.id = p.tag_id WHERE t.name_key LIKE ? ESCAPE '!'";
    }

    /** The most used tags by the kept counts (a limit) whose key matches the pattern: id, name, used. */
    private static String mostUsed(TaggedTable owners) {
        if (owners.countsInTag()) {
            return "SELECT m.id, m.name, " + owners.countOf("m") + " AS used FROM (SELECT id, name, name_key,"
                    + " article_count FROM tag FORCE INDEX (ix_tag_article_count) ORDER BY article_count DESC, id DESC"
                    + " LIMIT " + MOST_USED + ") m WHERE m.name_key LIKE ? ESCAPE '!'";
        }
        String count = TaggedTable.COUNT_COLUMN;
        return "SELECT t.id, t.name, CAST(m." + count + " + " + CountDeltas.pendingOf(owners, "t.id") + " AS SIGNED)"
                + " AS used FROM (SELECT tag_id, " + count + " FROM " + owners.counts() + " ORDER BY " + count
                + " DESC, tag_id DESC LIMIT " + MOST_USED + ") m JOIN tag t ON t.id = m.tag_id"
                + " WHERE t.name_key LIKE ? ESCAPE '!'";
    }
}
