package io.github.articletag.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The changes to the kept counts that are not folded into them yet ({@code tag_count_delta}): a tag's count for a
 * type is its kept count plus its changes, in one expression ({@link #pendingOf}), so every read is exact whether
 * or not they are folded.
 *
 * <p>Why: a kept count in one row per tag made every writer of a popular tag wait for the one before it to commit
 * (each held the row's lock to its commit). A writer now share-locks its tags (in id order, so that a tag's
 * deletion, merge, recount or fold, which lock it exclusively, waits for it and it for them) and adds its changes
 * to its connection's stripe, one of {@value #STRIPES} rows per tag and type: writers on other connections touch
 * other rows. {@link #fold} moves the changes into the kept counts, which the "most used first" index orders; until
 * then the listings add them (the guide's tagging page, src/docs/tagging.md, "Tag counts").
 */
public final class CountDeltas {

    /** Rows per tag and type that writers spread their changes over. */
    static final int STRIPES = 16;

    /** Up to this many tags' changes are written in one statement; more as a batch after one share lock. */
    private static final int FEW = 16;

    private static final String TABLE = Schema.TAG_COUNT_DELTA;

    private static final String INSERT = "INSERT INTO " + TABLE + " (tag_id, counted, stripe, delta) ";

    /** The connection's stripe. */
    private static final String STRIPE = "CONNECTION_ID() % " + STRIPES;

    /** Whether the current thread wrote changes since {@link #takeWritten} last asked. */
    private static final ThreadLocal<Boolean> WRITTEN = ThreadLocal.withInitial(() -> false);

    private CountDeltas() {
    }

    /** Whether the current thread wrote changes since the last call (a fold is then due), and forgets it. */
    static boolean takeWritten() {
        boolean written = WRITTEN.get();
        WRITTEN.set(false);
        return written;
    }

    /** An SQL expression: the changes of the tag whose id is {@code tagId} (an expression) not yet folded. */
    static String pendingOf(TaggedTable owners, String tagId) {
        return "COALESCE((SELECT SUM(d.delta) FROM " + TABLE + " d WHERE d.tag_id = " + tagId + " AND d.counted = '"
                + owners.links() + "'), 0)";
    }

    /**
     * A derived table {@code (tag_id, pending)}: every tag of this type with changes not yet folded, which the
     * fold keeps to the tags written since its last pass.
     */
    static String pendingTags(TaggedTable owners) {
        return "(SELECT tag_id, SUM(delta) AS pending FROM " + TABLE + " WHERE counted = '" + owners.links()
                + "' GROUP BY tag_id)";
    }

    /** An SQL condition: the tag whose id is {@code tagId} has no change of this type waiting. */
    static String nonePending(TaggedTable owners, String tagId) {
        return "NOT EXISTS (SELECT 1 FROM " + TABLE + " d WHERE d.tag_id = " + tagId + " AND d.counted = '"
                + owners.links() + "')";
    }

    /**
     * Adds {@code deltas} (tag id to change) to this connection's stripe of the tags' changes, share-locking the
     * tags first, in id order: a few tags in one statement, many in one lock and a batch. A tag deleted meanwhile
     * gets no change (its link fails its foreign key: a conflict, retried).
     */
    static void add(Sql sql, TaggedTable owners, SortedMap<Integer, Integer> deltas) throws SQLException {
        addThen(sql, owners, deltas, List.of());
    }

    /**
     * {@link #add}, then {@code then}: for a few tags all in one round trip where the connection allows
     * ({@link Sql#updates}).
     *
     * @return the row count of each of {@code then}
     */
    static int[] addThen(Sql sql, TaggedTable owners, SortedMap<Integer, Integer> deltas, List<Sql.Update> then)
            throws SQLException {
        if (deltas.isEmpty()) {
            return sql.updates(then);
        }
        WRITTEN.set(true);
        if (deltas.size() > FEW) {
            lockTags(sql, deltas.keySet(), false);
            List<List<Object>> rows = new ArrayList<>();
            deltas.forEach((id, delta) -> rows.add(List.of(id, owners.links(), delta, delta)));
            sql.batch(INSERT + "VALUES (?, ?, " + STRIPE + ", ?) ON DUPLICATE KEY UPDATE delta = delta + ?", rows);
            return sql.updates(then);
        }
        // The parameters in the order of the text: the type, the first CASE, the ids, the second CASE.
        List<Object> parameters = new ArrayList<>();
        parameters.add(owners.links());
        String change = caseOf("t.id", deltas, parameters);
        parameters.addAll(deltas.keySet());
        String again = caseOf("tag_id", deltas, parameters);
        List<Sql.Update> updates = new ArrayList<>();
        updates.add(new Sql.Update(INSERT + "SELECT t.id, ?, " + STRIPE + ", " + change
                + " FROM tag t FORCE INDEX (PRIMARY) WHERE t.id IN (" + Sql.placeholders(deltas.size())
                + ") ORDER BY t.id LOCK IN SHARE MODE ON DUPLICATE KEY UPDATE delta = delta + " + again, parameters));
        updates.addAll(then);
        int[] counts = sql.updates(updates);
        return Arrays.copyOfRange(counts, 1, counts.length);
    }

    /**
     * The statement that adds 1 to this connection's stripe of each of these tags' changes, without a lock of its
     * own: for tags whose new links this transaction inserted just before, in id order, whose foreign-key checks
     * share-locked them as {@link #add} does.
     */
    static Sql.Update incrementLinked(TaggedTable owners, SortedSet<Integer> tagIds) {
        WRITTEN.set(true);
        List<Object> parameters = new ArrayList<>();
        tagIds.forEach(id -> {
            parameters.add(id);
            parameters.add(owners.links());
        });
        return new Sql.Update(INSERT + "VALUES " + String.join(", ", Collections.nCopies(tagIds.size(),
                "(?, ?, " + STRIPE + ", 1)")) + " ON DUPLICATE KEY UPDATE delta = delta + 1", parameters);
    }

    /**
     * Locks the tags with these ids in id order, shared or exclusive. By primary key, forced: on a small table the
     * optimizer scans, and a locking scan waits for rows other writers are inserting (tags being created), which
     * deadlocked them.
     */
    static void lockTags(Sql sql, Collection<Integer> ids, boolean exclusive) throws SQLException {
        sql.list("SELECT id FROM tag FORCE INDEX (PRIMARY) WHERE id IN (" + Sql.placeholders(ids.size())
                + ") ORDER BY id " + (exclusive ? "FOR UPDATE" : "LOCK IN SHARE MODE"), row -> row.getInt(1),
                ids.toArray());
    }

    /** {@code CASE column WHEN id THEN delta ... END}, its parameters added. */
    private static String caseOf(String column, SortedMap<Integer, Integer> deltas, List<Object> parameters) {
        StringBuilder text = new StringBuilder("CASE ").append(column);
        deltas.forEach((id, delta) -> {
            text.append(" WHEN ? THEN ?");
            parameters.add(id);
            parameters.add(delta);
        });
        return text.append(" END").toString();
    }

    /**
     * Folds the changes of up to {@code batch} tags into the kept counts of {@code types}, in one transaction: the
     * tags locked exclusively first (so no writer of theirs is in flight, and none starts until the commit), then
     * {@link #foldLocked}. Changes of a type not in {@code types} are left.
     *
     * @return how many tags had changes of these types (0: none left)
     */
    public static int fold(Sql sql, List<TaggedTable> types, int batch) throws SQLException {
        List<Object> parameters = new ArrayList<>(links(types));
        parameters.add(batch);
        List<Integer> tags = sql.list("SELECT DISTINCT tag_id FROM " + TABLE + " WHERE counted IN ("
                + Sql.placeholders(types.size()) + ") ORDER BY tag_id LIMIT ?", row -> row.getInt(1), parameters);
        if (tags.isEmpty()) {
            return 0;
        }
        lockTags(sql, tags, true);
        foldLocked(sql, types, "tag_id IN (" + Sql.placeholders(tags.size()) + ")", tags);
        return tags.size();
    }

    /**
     * Adds the changes of {@code types} to the tags {@code where} picks (on {@code tag_id}, with its parameters)
     * to their kept counts and deletes them; the tags are locked exclusively already, so every change is committed
     * and none is being written.
     */
    static void foldLocked(Sql sql, List<TaggedTable> types, String where, List<?> whereParameters)
            throws SQLException {
        String ofTypes = " AND counted IN (" + Sql.placeholders(types.size()) + ")";
        List<Object> parameters = new ArrayList<>(whereParameters);
        parameters.addAll(links(types));
        Map<String, SortedMap<Integer, Integer>> byType = new HashMap<>();
        sql.forEach("SELECT counted, tag_id, CAST(SUM(delta) AS SIGNED) FROM " + TABLE + " WHERE " + where + ofTypes
                + " GROUP BY counted, tag_id HAVING SUM(delta) <> 0", row -> byType.computeIfAbsent(row.getString(1),
                        type -> new TreeMap<>()).put(row.getInt(2), row.getInt(3)), parameters);
        for (TaggedTable type : types) {
            new Links(sql, type).countLocked(byType.getOrDefault(type.links(), Collections.emptySortedMap()));
        }
        sql.update("DELETE FROM " + TABLE + " WHERE " + where + ofTypes, parameters);
    }

    private static List<String> links(List<TaggedTable> types) {
        return types.stream().map(TaggedTable::links).toList();
    }
}
