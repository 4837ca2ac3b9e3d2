package io.github.articletag.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one place that writes and deletes the links of a tagged type and keeps the tags' counts
 * ({@code tag.article_count}) right, in the caller's transaction: every path that adds or removes links changes
 * the counts of their tags by exactly what it inserted or deleted (links Hibernate writes are counted by
 * {@link TagCountListener}, through {@link #count}).
 *
 * <p>The counts are changed before the links, in one statement whose rows InnoDB locks in id order: that lock
 * covers the shared lock the link's foreign-key check takes on the tag, so no writer holds the shared lock and
 * then waits for the exclusive one, which deadlocked concurrent writers of a popular tag when the count came
 * after the link. Whatever a link that was already there, or already gone, did not change is put back. The
 * importers are the exception: they count once, at the end ({@link ArticleImporter} says why), and a deadlock
 * that meets is a conflict the transactions retry like any other.
 */
public final class Links {

    /** The most owners one bulk call may name. */
    public static final int MAX_OWNERS = 10_000;

    /** The most tag names one bulk call may name. */
    public static final int MAX_TAGS = 10;

    /** Up to this many tags are counted in one statement. */
    private static final int FEW = 16;

    private final Sql sql;
    private final TaggedTable owners;

    /** The links of {@code owners}, written through {@code sql}. */
    public Links(Sql sql, TaggedTable owners) {
        this.sql = sql;
        this.owners = owners;
    }

    /**
     * The distinct ids of a bulk call, in order.
     *
     * @throws IllegalArgumentException if the collection or an id is null, or it names no owner or more than
     *                                  {@link #MAX_OWNERS}
     */
    public static SortedSet<Integer> bulkIds(TaggedTable owners, Collection<Integer> ids) {
        Arguments.notNull(owners.noun() + " ids", ids);
        SortedSet<Integer> distinct = new TreeSet<>();
        for (Integer id : ids) {
            distinct.add(Arguments.notNull("an " + owners.noun() + " id", id));
        }
        if (distinct.isEmpty() || distinct.size() > MAX_OWNERS) {
            throw new IllegalArgumentException("a bulk call takes 1 to " + MAX_OWNERS + " " + owners.noun()
                    + "s, was given " + distinct.size());
        }
        return distinct;
    }

    /** @throws IllegalArgumentException if there is no name or more than {@link #MAX_TAGS} */
    public static void requireBulkTagCount(int names) {
        if (names < 1 || names > MAX_TAGS) {
            throw new IllegalArgumentException("a bulk call takes 1 to " + MAX_TAGS + " tag names, was given " + names);
        }
    }

    /**
     * Adds {@code deltas} (tag id to change) to the tags' counts: a few tags (a call's) in one statement; many (an
     * import's chunk) as a batch of one-row updates in id order, since MySQL tries a CASE's branches one by one.
     */
    public void count(SortedMap<Integer, Integer> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        if (deltas.size() > FEW) {
            List<List<Integer>> rows = new ArrayList<>();
            deltas.forEach((id, delta) -> rows.add(List.of(delta, id)));
            sql.batch("UPDATE tag SET article_count = article_count + ? WHERE id = ?", rows);
            return;
        }
        StringBuilder text = new StringBuilder("UPDATE tag SET article_count = article_count + CASE id");
        List<Object> parameters = new ArrayList<>();
        deltas.forEach((id, delta) -> {
            text.append(" WHEN ? THEN ?");
            parameters.add(id);
            parameters.add(delta);
        });
        text.append(" END WHERE id IN (").append(Sql.placeholders(deltas.size())).append(')');
        parameters.addAll(deltas.keySet());
        sql.update(text.toString(), parameters);
    }

    /**
     * Links an owner to tags it has no link to yet (a new owner, or tags it was read without), counted first, in
     * one statement; a link a concurrent call inserted meanwhile is a duplicate key, which the transactions retry.
     */
    public void add(int owner, Collection<Integer> tagIds) throws SQLException {
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        tagIds.forEach(tagId -> counts.put(tagId, 1)); // two names may be one tag
        if (counts.isEmpty()) {
            return;
        }
        count(counts);
        List<Object> parameters = new ArrayList<>();
        counts.keySet().forEach(tagId -> {
            parameters.add(owner);
            parameters.add(tagId);
        });
        sql.update("INSERT INTO " + owners.links() + " (" + owners.ownerColumn() + ", tag_id) VALUES "
                + String.join(", ", Collections.nCopies(counts.size(), "(?, ?)")), parameters);
    }

    /**
     * Adds the links of one owner to {@code added} that are missing and removes those to {@code removed} that are
     * there: every count changed first, in one statement; then each link; then whatever a link that was already
     * there, or already gone, did not change is put back. Writing it twice changes nothing more.
     *
     * @return how many links were removed
     */
    public int change(int owner, Collection<Integer> added, Collection<Integer> removed) throws SQLException {
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        added.forEach(tagId -> counts.put(tagId, 1));
        removed.forEach(tagId -> counts.merge(tagId, -1, Integer::sum));
        count(counts);
        SortedMap<Integer, Integer> unchanged = new TreeMap<>();
        for (int tagId : new TreeSet<>(added)) {
            if (sql.update("INSERT INTO " + owners.links() + " (" + owners.ownerColumn() + ", tag_id)"
                    + " SELECT ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + owners.links()
                    + " WHERE " + owners.ownerColumn() + " = ? AND tag_id = ?)", owner, tagId, owner, tagId) == 0) {
                unchanged.merge(tagId, -1, Integer::sum);
            }
        }
        int deleted = 0;
        for (int tagId : removed) {
            if (sql.update("DELETE FROM " + owners.links() + " WHERE " + owners.ownerColumn() + " = ? AND tag_id = ?",
                    owner, tagId) == 0) {
                unchanged.merge(tagId, 1, Integer::sum);
            } else {
                deleted++;
            }
        }
        count(unchanged);
        return deleted;
    }

    /**
     * @throws NoSuchElementException naming the first missing ids, if an owner does not exist
     */
    public void requireOwners(SortedSet<Integer> ids) throws SQLException {
        SortedSet<Integer> missing = new TreeSet<>(ids);
        for (List<Integer> chunk : chunks(ids)) {
            missing.removeAll(sql.list("SELECT id FROM " + owners.table() + " WHERE id IN ("
                    + Sql.placeholders(chunk.size()) + ")", row -> row.getInt(1), chunk));
        }
        if (!missing.isEmpty()) {
            throw new NoSuchElementException(missing.size() + " of the " + owners.noun() + "s do not exist, the first: "
                    + missing.stream().limit(10).toList() + "; nothing was changed");
        }
    }

    /**
     * Links every owner to every tag it lacks, one statement per tag and {@value Sql#CHUNK} owners, sent as one
     * JDBC batch; returns how many links were added.
     */
    public int linkAll(SortedSet<Integer> ownerIds, SortedSet<Integer> tagIds) throws SQLException {
        return changeAll(ownerIds, tagIds, 1, true, "INSERT INTO " + owners.links() + " (" + owners.ownerColumn()
                + ", tag_id) SELECT a.id, ? FROM " + owners.table() + " a WHERE a.id IN (%s) AND NOT EXISTS"
                + " (SELECT 1 FROM " + owners.links() + " l WHERE l." + owners.ownerColumn() + " = a.id AND l.tag_id = ?)");
    }

    /** Removes every link of these owners to these tags, batched like {@link #linkAll}; returns how many. */
    public int unlinkAll(SortedSet<Integer> ownerIds, SortedSet<Integer> tagIds) throws SQLException {
        return changeAll(ownerIds, tagIds, -1, false, "DELETE FROM " + owners.links() + " WHERE tag_id = ? AND "
                + owners.ownerColumn() + " IN (%s)");
    }

    /**
     * Counts each tag {@code sign} times the number of owners, runs {@code text} (its {@code %s} the chunk's ids,
     * the tag's id before them and, if {@code tagAfterIds}, after them too) per tag and chunk, and puts back what
     * did not change.
     */
    private int changeAll(SortedSet<Integer> ownerIds, SortedSet<Integer> tagIds, int sign, boolean tagAfterIds,
                          String text) throws SQLException {
        if (tagIds.isEmpty()) {
            return 0;
        }
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        tagIds.forEach(tagId -> counts.put(tagId, sign * ownerIds.size()));
        count(counts);
        SortedMap<Integer, Integer> unchanged = new TreeMap<>();
        int changed = 0;
        for (List<Integer> chunk : chunks(ownerIds)) {
            List<List<Integer>> rows = new ArrayList<>();
            for (int tagId : tagIds) {
                List<Integer> parameters = new ArrayList<>();
                parameters.add(tagId);
                parameters.addAll(chunk);
                if (tagAfterIds) {
                    parameters.add(tagId);
                }
                rows.add(parameters);
            }
            int[] done = sql.batch(text.formatted(Sql.placeholders(chunk.size())), rows);
            int i = 0;
            for (int tagId : tagIds) {
                if (done[i] < 0) {
                    throw new IllegalStateException("the driver reported no row count for a batched statement");
                }
                changed += done[i];
                if (done[i] < chunk.size()) {
                    unchanged.merge(tagId, -sign * (chunk.size() - done[i]), Integer::sum);
                }
                i++;
            }
        }
        count(unchanged);
        return changed;
    }

    /**
     * Inserts links known to be new (a new owner's), one JDBC batch, uncounted: the importer counts them once
     * at the end with {@link #count}.
     */
    public void insertNew(List<List<Integer>> ownerAndTag) throws SQLException {
        sql.batch("INSERT INTO " + owners.links() + " (" + owners.ownerColumn() + ", tag_id) VALUES (?, ?)",
                ownerAndTag);
    }

    /**
     * Moves the links of tag {@code from} to tag {@code into} (a merge): each owner of {@code from} gets a link to
     * {@code into} unless it has one, counted; {@code from}'s own links go when it is deleted.
     *
     * @return how many links were added to {@code into}
     */
    public int move(int from, int into) throws SQLException {
        String owner = owners.ownerColumn();
        int moved = sql.update("INSERT INTO " + owners.links() + " (" + owner + ", tag_id) SELECT source." + owner
                + ", ? FROM " + owners.links() + " source WHERE source.tag_id = ? AND NOT EXISTS (SELECT 1 FROM "
                + owners.links() + " existing WHERE existing." + owner + " = source." + owner
                + " AND existing.tag_id = ?)", into, from, into);
        count(new TreeMap<>(Map.of(into, moved)));
        return moved;
    }

    /**
     * Before an owner is deleted (its links go by ON DELETE CASCADE, which changes no count): locks the owner, so
     * that no link is added to it meanwhile, and counts its links down.
     *
     * @return false if there is no such owner
     */
    public boolean beforeOwnerDeletion(Object ownerId) throws SQLException {
        if (!sql.exists("SELECT id FROM " + owners.table() + " WHERE id = ? FOR UPDATE", ownerId)) {
            return false;
        }
        sql.update("UPDATE tag t JOIN " + owners.links() + " l ON l.tag_id = t.id"
                + " SET t.article_count = t.article_count - 1 WHERE l." + owners.ownerColumn() + " = ?", ownerId);
        return true;
    }

    /**
     * Deletes up to {@code batch} tags that no owner carries, re-reading each one's count under its lock: a link
     * being written meanwhile raised the count first, or fails its foreign key and is retried.
     *
     * @return how many were deleted
     */
    public int deleteUnused(int batch) throws SQLException {
        return sql.update("DELETE FROM tag WHERE article_count = 0 AND NOT EXISTS (SELECT 1 FROM " + owners.links()
                + " l WHERE l.tag_id = tag.id) ORDER BY article_count, id LIMIT " + batch);
    }

    /**
     * Sets the kept count of the tags with ids in {@code (from, to]} to their number of links, the tags locked
     * first: every link writer holds its tags' locks until it commits, so the count, read after the lock, misses
     * no link in flight.
     *
     * @return how many counts were wrong
     */
    public int recount(int from, int to) throws SQLException {
        sql.list("SELECT id FROM tag WHERE id > ? AND id <= ? FOR UPDATE", row -> row.getInt(1), from, to);
        String links = "(SELECT COUNT(*) FROM " + owners.links() + " l WHERE l.tag_id = t.id)";
        return sql.update("UPDATE tag t SET t.article_count = " + links + " WHERE t.id > ? AND t.id <= ?"
                + " AND t.article_count <> " + links, from, to);
    }

    private static List<List<Integer>> chunks(SortedSet<Integer> ids) {
        List<Integer> all = new ArrayList<>(ids);
        List<List<Integer>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += Sql.CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + Sql.CHUNK)));
        }
        return chunks;
    }
}
