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
 * The one place that writes and deletes the links of a tagged type and keeps the tags' counts for that type right
 * ({@code tag.article_count} for articles, the type's count table for the others: {@link TaggedTable}), in the
 * caller's transaction: every path that adds or removes links changes the counts of their tags by exactly what it
 * inserted or deleted (links Hibernate writes are counted by {@link TagCountListener}, through {@link #count}).
 *
 * <p>The counts change as changes to the kept counts ({@link CountDeltas}), each after a shared lock on its tag,
 * taken in id order: so every transaction meets a tag's row before its changes, as the tag's deletion, merge,
 * recount and the fold do with an exclusive lock. New links come first and their foreign-key checks take the lock
 * ({@link #add}); otherwise one statement share-locks the tags and adds to the connection's stripe of their changes
 * before the links. On the library's own pool the changes and the links go in one round trip ({@link Sql#updates}).
 * Whatever a link that was already there, or already gone, did not change is put back. The importers are the
 * exception: they count once, at the end, into the kept counts themselves ({@link #countImported};
 * {@link ArticleImporter} says why), and a deadlock that meets is a conflict the transactions retry like any other.
 */
public final class Links {

    /** The most owners one bulk call may name. */
    public static final int MAX_OWNERS = 10_000;

    /** The most tag names one bulk call may name. */
    public static final int MAX_TAGS = 10;

    /** Up to this many tags' kept counts are changed in one statement. */
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
    public static SortedSet<Long> bulkIds(TaggedTable owners, Collection<? extends Number> ids) {
        Arguments.notNull(owners.noun() + " ids", ids);
        SortedSet<Long> distinct = new TreeSet<>();
        for (Number id : ids) {
            distinct.add(Arguments.notNull("an " + owners.noun() + " id", id).longValue());
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

    /** Adds {@code deltas} (tag id to change) to the tags' counts for this type, as changes (see the class comment). */
    public void count(SortedMap<Integer, Integer> deltas) throws SQLException {
        CountDeltas.add(sql, owners, deltas);
    }

    /**
     * Adds {@code deltas} to the kept counts themselves, for an import's new links: it changes many tags' counts
     * once, where changes per stripe would be many rows to fold. Articles' counts are the tags' rows, which the
     * update locks; a type's tags are share-locked first, then its count rows.
     */
    public void countImported(SortedMap<Integer, Integer> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        if (!owners.countsInTag()) {
            CountDeltas.lockTags(sql, deltas.keySet(), false);
        }
        countLocked(deltas);
    }

    /**
     * Adds {@code deltas} to the kept counts of tags this transaction has locked already: a few tags in one
     * statement; many as a batch of one-row statements in id order, since MySQL tries a CASE's branches one by one.
     */
    void countLocked(SortedMap<Integer, Integer> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        String counts = owners.counts();
        String count = owners.countColumn();
        if (deltas.size() > FEW) {
            List<List<Integer>> rows = new ArrayList<>();
            deltas.forEach((id, delta) -> rows.add(owners.countsInTag() ? List.of(delta, id) : List.of(id, delta, delta)));
            sql.batch(owners.countsInTag() ? "UPDATE tag SET article_count = article_count + ? WHERE id = ?"
                    : "INSERT INTO " + counts + " (tag_id, " + count + ") VALUES (?, ?) ON DUPLICATE KEY UPDATE "
                    + count + " = " + count + " + ?", rows);
            return;
        }
        List<Object> parameters = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (owners.countsInTag()) {
            text.append("UPDATE tag SET article_count = article_count + ");
        } else {
            // A row for each tag the type has not used yet; the existing rows are updated.
            text.append("INSERT INTO ").append(counts).append(" (tag_id, ").append(count).append(") VALUES ")
                    .append(String.join(", ", Collections.nCopies(deltas.size(), "(?, ?)")))
                    .append(" ON DUPLICATE KEY UPDATE ").append(count).append(" = ").append(count).append(" + ");
            deltas.forEach((id, delta) -> {
                parameters.add(id);
                parameters.add(delta);
            });
        }
        text.append("CASE ").append(owners.countKey());
        deltas.forEach((id, delta) -> {
            text.append(" WHEN ? THEN ?");
            parameters.add(id);
            parameters.add(delta);
        });
        text.append(" END");
        if (owners.countsInTag()) {
            text.append(" WHERE id IN (").append(Sql.placeholders(deltas.size())).append(')');
            parameters.addAll(deltas.keySet());
        }
        sql.update(text.toString(), parameters);
    }

    /**
     * Links an owner to tags it has no link to yet (a new owner, or tags it was read without), in one statement,
     * then counts them: the links' foreign-key checks share-lock the tags in id order, as counting first would.
     * Both in one round trip on the library's own pool. A link a concurrent call inserted meanwhile is a duplicate
     * key, which the transactions retry.
     */
    public void add(long owner, Collection<Integer> tagIds) throws SQLException {
        SortedSet<Integer> tags = new TreeSet<>(tagIds); // two names may be one tag
        if (tags.isEmpty()) {
            return;
        }
        List<Object> parameters = new ArrayList<>();
        tags.forEach(tagId -> {
            parameters.add(owner);
            parameters.add(tagId);
        });
        sql.updates(List.of(new Sql.Update("INSERT INTO " + owners.links() + " (" + owners.ownerColumn()
                        + ", tag_id) VALUES " + String.join(", ", Collections.nCopies(tags.size(), "(?, ?)")), parameters),
                CountDeltas.incrementLinked(owners, tags)));
    }

    /**
     * Adds the links of one owner to {@code added} that are missing and removes those to {@code removed} that are
     * there: every count changed first, in one statement, then each link, in one round trip on the library's own
     * pool; then whatever a link that was already there, or already gone, did not change is put back. Writing it
     * twice changes nothing more.
     *
     * @return how many links were removed
     */
    public int change(long owner, Collection<Integer> added, Collection<Integer> removed) throws SQLException {
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        added.forEach(tagId -> counts.put(tagId, 1));
        removed.forEach(tagId -> counts.merge(tagId, -1, Integer::sum));
        SortedSet<Integer> adding = new TreeSet<>(added);
        List<Sql.Update> links = new ArrayList<>();
        for (int tagId : adding) {
            links.add(new Sql.Update("INSERT INTO " + owners.links() + " (" + owners.ownerColumn() + ", tag_id)"
                    + " SELECT ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + owners.links() + " WHERE "
                    + owners.ownerColumn() + " = ? AND tag_id = ?)", List.of(owner, tagId, owner, tagId)));
        }
        for (int tagId : removed) {
            links.add(new Sql.Update("DELETE FROM " + owners.links() + " WHERE " + owners.ownerColumn()
                    + " = ? AND tag_id = ?", List.of(owner, tagId)));
        }
        int[] changed = CountDeltas.addThen(sql, owners, counts, links);
        SortedMap<Integer, Integer> unchanged = new TreeMap<>();
        int next = 0;
        for (int tagId : adding) {
            if (changed[next++] == 0) {
                unchanged.merge(tagId, -1, Integer::sum);
            }
        }
        int deleted = 0;
        for (int tagId : removed) {
            if (changed[next++] == 0) {
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
    public void requireOwners(SortedSet<Long> ids) throws SQLException {
        SortedSet<Long> missing = new TreeSet<>(ids);
        for (List<Long> chunk : chunks(ids)) {
            missing.removeAll(sql.list("SELECT " + owners.idColumn() + " FROM " + owners.table() + " WHERE "
                    + owners.idColumn() + " IN (" + Sql.placeholders(chunk.size()) + ")", row -> row.getLong(1), chunk));
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
    public int linkAll(SortedSet<Long> ownerIds, SortedSet<Integer> tagIds) throws SQLException {
        String id = "a." + owners.idColumn();
        return changeAll(ownerIds, tagIds, 1, true, "INSERT INTO " + owners.links() + " (" + owners.ownerColumn()
                + ", tag_id) SELECT " + id + ", ? FROM " + owners.table() + " a WHERE " + id + " IN (%s) AND NOT EXISTS"
                + " (SELECT 1 FROM " + owners.links() + " l WHERE l." + owners.ownerColumn() + " = " + id
                + " AND l.tag_id = ?)");
    }

    /** Removes every link of these owners to these tags, batched like {@link #linkAll}; returns how many. */
    public int unlinkAll(SortedSet<Long> ownerIds, SortedSet<Integer> tagIds) throws SQLException {
        return changeAll(ownerIds, tagIds, -1, false, "DELETE FROM " + owners.links() + " WHERE tag_id = ? AND "
                + owners.ownerColumn() + " IN (%s)");
    }

    /**
     * Counts each tag {@code sign} times the number of owners, runs {@code text} (its {@code %s} the chunk's ids,
     * the tag's id before them and, if {@code tagAfterIds}, after them too) per tag and chunk, and puts back what
     * did not change.
     */
    private int changeAll(SortedSet<Long> ownerIds, SortedSet<Integer> tagIds, int sign, boolean tagAfterIds,
                          String text) throws SQLException {
        if (tagIds.isEmpty()) {
            return 0;
        }
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        tagIds.forEach(tagId -> counts.put(tagId, sign * ownerIds.size()));
        count(counts);
        SortedMap<Integer, Integer> unchanged = new TreeMap<>();
        int changed = 0;
        for (List<Long> chunk : chunks(ownerIds)) {
            List<List<Object>> rows = new ArrayList<>();
            for (int tagId : tagIds) {
                List<Object> parameters = new ArrayList<>();
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
     * at the end with {@link #countImported}.
     */
    public void insertNew(List<? extends List<?>> ownerAndTag) throws SQLException {
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
        if (!sql.exists("SELECT " + owners.idColumn() + " FROM " + owners.table() + " WHERE " + owners.idColumn()
                + " = ? FOR UPDATE", ownerId)) {
            return false;
        }
        // A locking read: a link a concurrent untag is deleting is counted down by that untag, not again here.
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        sql.list("SELECT tag_id FROM " + owners.links() + " WHERE " + owners.ownerColumn() + " = ? FOR UPDATE",
                row -> counts.put(row.getInt(1), -1), ownerId);
        count(counts);
        return true;
    }

    /**
     * Deletes up to {@code batch} tags after the id {@code afterId} that no owner of any of {@code types} carries:
     * locks the tags whose counts and links say so, then, every writer that held one of them having committed,
     * reads them again and deletes those still unused. A link being written after the lock waits for it, and fails
     * its foreign key once the tag is gone: a conflict, retried, that creates the tag again. The next batch starts
     * after the last id this one looked at: from the start of the range each time, a batch walked over every entry
     * the batches before had deleted and purge had not yet removed (the performance page has the figures).
     *
     * @return the last id the batch looked at (0 when there was none: no more to look at) and how many it deleted
     */
    public static int[] deleteUnused(Sql sql, List<TaggedTable> types, int afterId, int batch) throws SQLException {
        StringBuilder unused = new StringBuilder(" WHERE t.article_count = 0");
        for (TaggedTable type : types) {
            unused.append(" AND NOT EXISTS (SELECT 1 FROM ").append(type.links()).append(" l WHERE l.tag_id = t.id)");
            if (!type.countsInTag()) {
                unused.append(" AND NOT EXISTS (SELECT 1 FROM ").append(type.counts()).append(" c WHERE c.tag_id = t.id")
                        .append(" AND c.").append(TaggedTable.COUNT_COLUMN).append(" <> 0)");
            }
        }
        List<Integer> candidates = sql.list("SELECT t.id FROM tag t" + unused + " AND t.id > ?"
                + " ORDER BY t.article_count, t.id LIMIT " + batch + " FOR UPDATE", row -> row.getInt(1), afterId);
        if (candidates.isEmpty()) {
            return new int[] {0, 0};
        }
        String in = " AND t.id IN (" + Sql.placeholders(candidates.size()) + ")";
        List<Integer> still = sql.list("SELECT t.id FROM tag t" + unused + in, row -> row.getInt(1),
                candidates.toArray());
        int deleted = still.isEmpty() ? 0 : sql.update("DELETE FROM tag WHERE id IN ("
                + Sql.placeholders(still.size()) + ")", still.toArray());
        return new int[] {candidates.get(candidates.size() - 1), deleted};
    }

    /**
     * Sets the kept counts of every type of the tags with ids in {@code (from, to]} to their numbers of links, the
     * tags locked first: every link writer holds its tags' locks until it commits, so the count, read after the
     * lock, misses no link in flight.
     *
     * @return how many counts were wrong
     */
    public static int recount(Sql sql, List<TaggedTable> types, int from, int to) throws SQLException {
        sql.list("SELECT id FROM tag WHERE id > ? AND id <= ? FOR UPDATE", row -> row.getInt(1), from, to);
        // Changes not folded yet first: what differs from the links after them is wrong.
        CountDeltas.foldLocked(sql, types, "tag_id > ? AND tag_id <= ?", List.of(from, to));
        int repaired = 0;
        for (TaggedTable type : types) {
            String links = "(SELECT COUNT(*) FROM " + type.links() + " l WHERE l.tag_id = t." + type.countKey() + ")";
            repaired += sql.update("UPDATE " + type.counts() + " t SET t." + type.countColumn() + " = " + links
                    + " WHERE t." + type.countKey() + " > ? AND t." + type.countKey() + " <= ? AND t."
                    + type.countColumn() + " <> " + links, from, to);
            if (!type.countsInTag()) {
                repaired += sql.update("INSERT INTO " + type.counts() + " (tag_id, " + TaggedTable.COUNT_COLUMN + ")"
                        + " SELECT l.tag_id, COUNT(*) FROM " + type.links() + " l WHERE l.tag_id > ? AND l.tag_id <= ?"
                        + " AND NOT EXISTS (SELECT 1 FROM " + type.counts() + " c WHERE c.tag_id = l.tag_id)"
                        + " GROUP BY l.tag_id", from, to);
            }
        }
        return repaired;
    }

    private static List<List<Long>> chunks(SortedSet<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += Sql.CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + Sql.CHUNK)));
        }
        return chunks;
    }
}
