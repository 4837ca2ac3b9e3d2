package io.github.articletag.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the tags that name keys ({@link Names#key}) stand for: a tag's own key, or an alias's ({@code tag_alias},
 * which a merge leaves behind), so that every path given a name reaches the same tag. No key is both: see
 * {@link #aliasAmong} and {@code TagRepository.addAlias}.
 */
public final class TagLookup {

    /**
     * The id of the tag whose key, or whose alias's key, is the one parameter given twice: two unique-key lookups,
     * which the servers evaluate once, before the query that holds them reads anything.
     */
    public static final String ID_OF_KEY = "COALESCE((SELECT id FROM tag WHERE name_key = ?),"
            + " (SELECT tag_id FROM tag_alias WHERE name_key = ?))";

    /**
     * A stored tag as the queries need it: the key it was found by (its own, or an alias's), its id, its name and its
     * kept number of owners (articles, or a type's).
     */
    public record Found(String key, int id, String name, long articles) {
    }

    private TagLookup() {
    }

    /**
     * The tags the keys stand for, by key, with their articles' counts, in one statement per {@value Sql#CHUNK}
     * keys; unknown keys are absent.
     */
    public static Map<String, Found> resolve(Sql sql, List<String> keys) throws SQLException {
        return resolve(sql, TaggedTable.ARTICLE, keys);
    }

    /** {@link #resolve(Sql, List)} with the counts of the type {@code owners}. */
    public static Map<String, Found> resolve(Sql sql, TaggedTable owners, List<String> keys) throws SQLException {
        Map<String, Found> found = new HashMap<>();
        String count = owners.countOf("t");
        for (int from = 0; from < keys.size(); from += Sql.CHUNK) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + Sql.CHUNK));
            String in = Sql.placeholders(part.size());
            List<Object> parameters = new ArrayList<>(part);
            parameters.addAll(part);
            sql.forEach("SELECT t.name_key, t.id, t.name, " + count + " FROM tag t WHERE t.name_key IN (" + in + ")"
                            + " UNION ALL SELECT a.name_key, t.id, t.name, " + count + " FROM tag_alias a"
                            + " JOIN tag t ON t.id = a.tag_id WHERE a.name_key IN (" + in + ")",
                    row -> found.put(row.getString(1),
                            new Found(row.getString(1), row.getInt(2), row.getString(3), row.getLong(4))),
                    parameters);
        }
        return found;
    }

    /**
     * The tags these (valid) names stand for, by key: found in one statement, the missing ones created in key order
     * (two statements each), so that callers creating the same new tags at once create them in one order.
     */
    public static SortedMap<String, Stored> findOrCreateByKey(Sql sql, Collection<String> validNames)
            throws SQLException {
        SortedMap<String, String> byKey = new TreeMap<>();
        validNames.forEach(name -> byKey.putIfAbsent(Names.key(name), name));
        Map<String, Found> found = resolve(sql, List.copyOf(byKey.keySet()));
        SortedMap<String, Stored> tags = new TreeMap<>();
        for (Map.Entry<String, String> name : byKey.entrySet()) {
            Found tag = found.get(name.getKey());
            tags.put(name.getKey(), tag != null ? new Stored(tag.id(), tag.name()) : create(sql, name.getValue()));
        }
        return tags;
    }

    /** The ids of {@link #findOrCreateByKey}'s tags, in id order. */
    public static SortedSet<Integer> idsOf(SortedMap<String, Stored> tags) {
        SortedSet<Integer> ids = new TreeSet<>();
        tags.values().forEach(tag -> ids.add(tag.id()));
        return ids;
    }

    /** A tag as stored: its id and its name as spelled there. */
    public record Stored(int id, String name) {
    }

    /**
     * The tag this (valid) name stands for, created if there is none, in the caller's transaction: one statement
     * for a tag that exists, three for a new one. The insert is an upsert, so that a concurrent insert of the same
     * name is answered with the existing row's id (its generated key, {@code LAST_INSERT_ID(id)}) instead of a
     * duplicate-key error, and the connection's READ COMMITTED isolation lets this transaction read that row.
     * Then one locking read gives the stored spelling and checks that no concurrent call made the name an alias
     * meanwhile (see {@link #aliasAmong}): if one did, the work runs again and the name leads to the alias's tag.
     */
    public static Stored findOrCreate(Sql sql, String validName) throws SQLException {
        String key = Names.key(validName);
        Optional<Stored> found = findByKey(sql, key);
        return found.isPresent() ? found.get() : create(sql, validName);
    }

    /** The stored tag with this key, or with an alias of this key; one statement. */
    public static Optional<Stored> findByKey(Sql sql, String key) throws SQLException {
        return sql.first("SELECT id, name FROM tag WHERE id = " + ID_OF_KEY,
                row -> new Stored(row.getInt(1), row.getString(2)), key, key);
    }

    /**
     * {@link #findOrCreate} for a name found missing already (by {@link #resolve}, say): the upsert and the
     * check, two statements.
     */
    public static Stored create(Sql sql, String validName) throws SQLException {
        String key = Names.key(validName);
        int id = sql.insert("INSERT INTO tag (name, name_key) VALUES (?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
                validName, key);
        Optional<String[]> checked = sql.first("SELECT t.name, a.name, a.tag_id FROM tag t"
                + " LEFT JOIN tag_alias a ON a.name_key = ? WHERE t.id = ? FOR UPDATE",
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3)}, key, id);
        if (checked.isEmpty()) {
            throw new ConcurrentChange("tag '" + validName + "' was deleted as it was created");
        }
        if (checked.get()[1] != null) {
            throw new ConcurrentChange("'" + checked.get()[1] + "' became an alias of tag " + checked.get()[2]
                    + " while it was being created as a tag");
        }
        return new Stored(id, checked.get()[0]);
    }

    /** An alias: its name as given, and the tag it stands for. */
    public record Alias(String name, int tagId) {

        /** Why a tag cannot be given this alias's name. */
        public String taken() {
            return "tag name '" + name + "' is an alias of tag " + tagId + " (a merged-away name, or one given with"
                    + " addAlias): use that tag, or remove the alias first";
        }
    }

    /**
     * After this transaction inserted tags with these keys, or renamed one to one of them: the first of them that is
     * an alias, if any. The locking read waits for a concurrent transaction that inserted such an alias and has not
     * committed, and that transaction's own check ({@code TagRepository.addAlias}) waits for this one's new key:
     * one of the two sees the other, or the server rolls one back as a deadlock, which is retried.
     */
    public static Optional<Alias> aliasAmong(Sql sql, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return sql.first("SELECT name, tag_id FROM tag_alias WHERE name_key IN (" + Sql.placeholders(keys.size())
                + ") FOR UPDATE", row -> new Alias(row.getString(1), row.getInt(2)), keys.toArray());
    }
}
