package io.github.articletag.internal;

import io.github.articletag.TagCount;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Completion for a prefix, most used first, at a cost bounded whatever the prefix: a long prefix is answered from
 * its range of the name key, a short one that thousands of names share also from the most used tags.
 *
 * <p>The first statement reads at most {@value #NAMES} names of the prefix's range (the name key's index) and ranks
 * them: the answer, exact, when no more names share the prefix. Otherwise a second statement ranks the first
 * {@value #NAMES} names of the range together with those of the {@value #MOST_USED} most used tags (of the type)
 * that start with the prefix, and those whose counts changed since the last fold: a tag in none is used no more
 * often than the {@value #MOST_USED}th most used tag, and is left out. Each answer is one statement's, so one
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
        List<TagCount> ranked = sql.list("SELECT id, name, used, COUNT(*) OVER () FROM (" + range(owners)
                + ") r ORDER BY used DESC, id DESC LIMIT ?", row -> {
                    moreNames[0] = row.getLong(4) > NAMES;
                    return TagReads.count(row);
                }, pattern, NAMES + 1, size);
        if (moreNames[0]) {
            ranked = sql.list("SELECT id, name, used FROM ((SELECT id, name, used FROM (" + range(owners) + ") r)"
                    + " UNION (" + mostUsed(owners) + ") UNION (" + changed(owners) + ")) c ORDER BY used DESC,"
                    + " id DESC LIMIT ?", TagReads::count, pattern, NAMES, pattern, pattern, size);
        }
        return owners.countsInTag() ? ranked : ranked.stream().filter(tag -> tag.articles() > 0).toList();
    }

    /** The range's first names (a limit) with their counts, 0 where the type has none: id, name, used. */
    private static String range(TaggedTable owners) {
        return "SELECT n.id, n.name, " + owners.countOf("n") + " AS used FROM (SELECT id, name, article_count FROM tag"
                + " FORCE INDEX (uk_tag_name_key) WHERE name_key LIKE ? ESCAPE '!' ORDER BY name_key LIMIT ?) n";
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
        return "SELECT t.id, t.name, " + owners.countOf("t") + " AS used FROM (SELECT tag_id FROM " + owners.counts()
                + " ORDER BY " + count + " DESC, tag_id DESC LIMIT " + MOST_USED + ") m JOIN tag t ON t.id = m.tag_id"
                + " WHERE t.name_key LIKE ? ESCAPE '!'";
    }
}
