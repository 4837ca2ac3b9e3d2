package io.github.articletag.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** A stored tag as the queries need it: its id and its kept number of articles. */
    public record Found(int id, long articles) {
    }

    private TagLookup() {
    }

    /** The tags the keys stand for, by key, in one statement per {@value ArticleImporter#BATCH} keys; unknown keys are absent. */
    public static Map<String, Found> resolve(Connection connection, List<String> keys) throws SQLException {
        Map<String, Found> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += ArticleImporter.BATCH) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + ArticleImporter.BATCH));
            String in = String.join(", ", Collections.nCopies(part.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name_key, id, article_count FROM tag WHERE name_key IN (" + in + ") UNION ALL"
                            + " SELECT a.name_key, t.id, t.article_count FROM tag_alias a JOIN tag t ON t.id = a.tag_id"
                            + " WHERE a.name_key IN (" + in + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    select.setString(i + 1, part.get(i));
                    select.setString(part.size() + i + 1, part.get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        found.put(result.getString(1), new Found(result.getInt(2), result.getLong(3)));
                    }
                }
            }
        }
        return found;
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
    public static Stored findOrCreate(Connection connection, String validName) throws SQLException {
        String key = Names.key(validName);
        try (PreparedStatement find = connection.prepareStatement("SELECT id, name FROM tag WHERE id = " + ID_OF_KEY)) {
            find.setString(1, key);
            find.setString(2, key);
            try (ResultSet result = find.executeQuery()) {
                if (result.next()) {
                    return new Stored(result.getInt(1), result.getString(2));
                }
            }
        }
        return create(connection, validName);
    }

    /**
     * {@link #findOrCreate} for a name found missing already (by {@link #resolve}, say): the upsert and the
     * check, two statements.
     */
    public static Stored create(Connection connection, String validName) throws SQLException {
        String key = Names.key(validName);
        int id;
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO tag (name, name_key) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)", Statement.RETURN_GENERATED_KEYS)) {
            upsert.setString(1, validName);
            upsert.setString(2, key);
            upsert.executeUpdate();
            try (ResultSet keys = upsert.getGeneratedKeys()) {
                keys.next();
                id = keys.getInt(1);
            }
        }
        try (PreparedStatement check = connection.prepareStatement("SELECT t.name, a.name, a.tag_id FROM tag t"
                + " LEFT JOIN tag_alias a ON a.name_key = ? WHERE t.id = ? FOR UPDATE")) {
            check.setString(1, key);
            check.setInt(2, id);
            try (ResultSet result = check.executeQuery()) {
                if (!result.next()) {
                    throw new ConcurrentChange("tag '" + validName + "' was deleted as it was created");
                }
                if (result.getString(2) != null) {
                    throw new ConcurrentChange("'" + result.getString(2) + "' became an alias of tag "
                            + result.getInt(3) + " while it was being created as a tag");
                }
                return new Stored(id, result.getString(1));
            }
        }
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
    public static Optional<Alias> aliasAmong(Connection connection, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT name, tag_id FROM tag_alias WHERE name_key IN ("
                + String.join(", ", Collections.nCopies(keys.size(), "?")) + ") FOR UPDATE")) {
            for (int i = 0; i < keys.size(); i++) {
                select.setString(i + 1, keys.get(i));
            }
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(new Alias(result.getString(1), result.getInt(2))) : Optional.empty();
            }
        }
    }
}
