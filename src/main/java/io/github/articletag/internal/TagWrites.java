package io.github.articletag.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The writes of {@code TagRepository} that change a tag itself (its name, its aliases, its existence), in the
 * caller's transaction, all in SQL: an entity would cost a load, and the name key, which a new name changes, is not
 * the entity's to write. Links move through {@link Links}.
 */
public final class TagWrites {

    private TagWrites() {
    }

    /**
     * Renames a tag to a valid name. Locked, so that a concurrent delete or merge waits for the rename instead of
     * making its update miss the row; one that came first makes the tag missing here. Four statements.
     *
     * @throws IllegalArgumentException if another tag has the name, or it is an alias
     * @throws NoSuchElementException   if there is no such tag
     */
    public static TagLookup.Stored rename(Sql sql, int id, String validName) throws SQLException {
        String key = Names.key(validName);
        if (!sql.exists("SELECT id FROM tag WHERE id = ? FOR UPDATE", id)) {
            throw missing(id);
        }
        Optional<Integer> other = sql.first("SELECT id FROM tag WHERE name_key = ?", row -> row.getInt(1), key);
        if (other.isPresent() && other.get() != id) {
            throw new IllegalArgumentException("tag name '" + validName + "' is already used by tag " + other.get());
        }
        sql.update("UPDATE tag SET name = ?, name_key = ? WHERE id = ?", validName, key, id);
        // The new key in place before the alias check, so that a concurrent addAlias sees it.
        TagLookup.aliasAmong(sql, List.of(key)).ifPresent(alias -> {
            throw new IllegalArgumentException(alias.taken());
        });
        return new TagLookup.Stored(id, validName);
    }

    /**
     * Merges tag {@code fromId} into {@code intoId}: its links move (in every type's table), its name and its
     * aliases become the kept tag's aliases, and it is deleted. Both tags are locked, in id order, before any link is read: a concurrent tag()
     * linking an article to the old tag either committed before (its link is moved) or waits on the lock and, once
     * the old tag is gone, fails its foreign key and runs again. Without the lock its link was lost.
     *
     * @return the kept tag
     * @throws NoSuchElementException if either tag does not exist
     */
    public static TagLookup.Stored merge(Sql sql, List<TaggedTable> types, int fromId, int intoId)
            throws SQLException {
        List<TagLookup.Stored> locked = sql.list("SELECT id, name FROM tag FORCE INDEX (PRIMARY) WHERE id IN (?, ?) ORDER BY id FOR UPDATE",
                row -> new TagLookup.Stored(row.getInt(1), row.getString(2)), Math.min(fromId, intoId),
                Math.max(fromId, intoId));
        for (int id : new int[] {Math.min(fromId, intoId), Math.max(fromId, intoId)}) {
            if (locked.stream().noneMatch(tag -> tag.id() == id)) {
                throw missing(id);
            }
        }
        for (TaggedTable type : types) {
            new Links(sql, type).move(fromId, intoId);
        }
        // The old name, and the names that led to the old tag, lead to the kept one from now on.
        sql.update("UPDATE tag_alias SET tag_id = ? WHERE tag_id = ?", intoId, fromId);
        sql.update("INSERT INTO tag_alias (name_key, name, tag_id) SELECT name_key, name, ? FROM tag WHERE id = ?",
                intoId, fromId);
        // The foreign keys are ON DELETE CASCADE: the old tag's links, and its count, go with it.
        sql.update("DELETE FROM tag WHERE id = ?", fromId);
        return locked.stream().filter(tag -> tag.id() == intoId).findFirst().orElseThrow();
    }

    /**
     * Makes a valid name an alias of a tag; giving a tag an alias it has already is no change. The tag is locked,
     * so that a concurrent delete or merge waits; the alias is inserted, then any tag of that name is looked for
     * with a locking read: a concurrent find-or-create of this name either committed its tag (found here) or
     * finds this alias in its own check after its insert ({@link TagLookup#aliasAmong}).
     *
     * @return the tag
     * @throws IllegalArgumentException if the name is a tag's name or another tag's alias
     * @throws NoSuchElementException   if there is no such tag
     */
    public static TagLookup.Stored addAlias(Sql sql, int tagId, String validAlias) throws SQLException {
        String key = Names.key(validAlias);
        TagLookup.Stored tag = sql.first("SELECT id, name FROM tag WHERE id = ? FOR UPDATE",
                row -> new TagLookup.Stored(row.getInt(1), row.getString(2)), tagId).orElseThrow(() -> missing(tagId));
        Optional<TagLookup.Alias> existing = TagLookup.aliasAmong(sql, List.of(key));
        if (existing.isPresent()) {
            if (existing.get().tagId() != tagId) {
                throw new IllegalArgumentException(existing.get().taken());
            }
            return tag;
        }
        sql.update("INSERT INTO tag_alias (name_key, name, tag_id) VALUES (?, ?, ?)", key, validAlias, tagId);
        Optional<Integer> other = sql.first("SELECT id FROM tag WHERE name_key = ? FOR UPDATE", row -> row.getInt(1),
                key);
        if (other.isPresent()) {
            throw new IllegalArgumentException("'" + validAlias + "' is the name of tag " + other.get()
                    + ": merge that tag instead, which keeps its name as an alias");
        }
        return tag;
    }

    /** Removes the alias with this key; returns whether there was one. */
    public static boolean removeAlias(Sql sql, String key) throws SQLException {
        return sql.update("DELETE FROM tag_alias WHERE name_key = ?", key) > 0;
    }

    /** Deletes a tag; its links go by the foreign keys' ON DELETE CASCADE. Returns whether there was one. */
    public static boolean delete(Sql sql, int id) throws SQLException {
        return sql.update("DELETE FROM tag WHERE id = ?", id) > 0;
    }

    private static NoSuchElementException missing(int id) {
        return new NoSuchElementException("tag " + id + " does not exist");
    }
}
