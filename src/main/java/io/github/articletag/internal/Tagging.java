package io.github.articletag.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tagging writes of any tagged type, in the caller's transaction, all in SQL: an owner's tags found or created
 * by name and linked through {@link Links}. {@link ArticleWrites} adds the article's own row; {@code
 * TaggedRepository} the application entity's, written by Hibernate.
 */
public final class Tagging {

    /** A tag as the caller holds it: a stored tag's id, or a new tag's name (id null). */
    public record TagRef(Integer id, String name) {
    }

    private Tagging() {
    }

    /**
     * The owner's tags, in one statement that also proves it exists.
     *
     * @throws NoSuchElementException if the owner does not exist
     */
    public static List<TagLookup.Stored> tagsOf(Sql sql, TaggedTable owners, long id) throws SQLException {
        List<TagLookup.Stored> tags = new ArrayList<>();
        boolean[] exists = {false};
        sql.forEach("SELECT t.id, t.name FROM " + owners.table() + " o LEFT JOIN " + owners.links() + " l ON l."
                + owners.ownerColumn() + " = o." + owners.idColumn() + " LEFT JOIN tag t ON t.id = l.tag_id WHERE o."
                + owners.idColumn() + " = ?", row -> {
                    exists[0] = true;
                    int tagId = row.getInt(1);
                    if (!row.wasNull()) {
                        tags.add(new TagLookup.Stored(tagId, row.getString(2)));
                    }
                    return null;
                }, List.of(id));
        if (!exists[0]) {
            throw missing(owners, id);
        }
        return tags;
    }

    /**
     * Links an owner that has the tags {@code present} to each of these (valid, distinct) names it lacks, creating
     * the tags that do not exist yet. A tag deleted meanwhile fails the links' foreign key, and a link a concurrent
     * call inserted first is a duplicate: both are conflicts that are run again.
     *
     * @return the tags added
     */
    public static List<TagLookup.Stored> add(Sql sql, TaggedTable owners, long id, List<TagLookup.Stored> present,
                                             List<String> names) throws SQLException {
        Set<String> presentKeys = new HashSet<>();
        Set<Integer> presentIds = new HashSet<>();
        present.forEach(tag -> {
            presentKeys.add(Names.key(tag.name()));
            presentIds.add(tag.id());
        });
        List<String> missing = names.stream().filter(name -> !presentKeys.contains(Names.key(name))).toList();
        // Found in one statement, whatever their number; the new ones created in key order.
        Map<String, TagLookup.Stored> found = missing.isEmpty() ? Map.of() : TagLookup.findOrCreateByKey(sql, missing);
        List<TagLookup.Stored> added = new ArrayList<>();
        for (String name : missing) {
            TagLookup.Stored tag = found.get(Names.key(name));
            if (presentIds.add(tag.id())) { // not the owner's already, under an alias (or named twice)
                added.add(tag);
            }
        }
        new Links(sql, owners).add(id, added.stream().map(TagLookup.Stored::id).toList());
        return added;
    }

    /**
     * Writes the tags an owner's holder added and removed since it was read: the added found or created (by id,
     * checked), the links changed through {@link Links#change}. Safe to repeat.
     *
     * @return the stored tag each of {@code added} turned out to be, in order
     * @throws NoSuchElementException if a tag with an id that it adds no longer exists
     */
    public static List<TagLookup.Stored> change(Sql sql, TaggedTable owners, long id, List<TagRef> added,
                                                List<TagRef> removed) throws SQLException {
        List<TagLookup.Stored> addedTags = stored(sql, added);
        // By id, unread: a tag that no longer exists has no link left to remove, and its count is no row.
        List<Integer> removals = new ArrayList<>();
        List<String> unsavedRemovals = new ArrayList<>();
        for (TagRef tag : removed) {
            if (tag.id() != null) {
                removals.add(tag.id());
            } else {
                unsavedRemovals.add(Names.key(tag.name()));
            }
        }
        if (!unsavedRemovals.isEmpty()) {
            TagLookup.resolve(sql, unsavedRemovals).values().forEach(found -> removals.add(found.id()));
        }
        new Links(sql, owners).change(id, addedTags.stream().map(TagLookup.Stored::id).toList(), removals);
        return addedTags;
    }

    /**
     * The stored tags these are: new names found or created at once (in key order), ids checked one by one, each
     * with its stored spelling.
     */
    public static List<TagLookup.Stored> stored(Sql sql, List<TagRef> tags) throws SQLException {
        Map<String, TagLookup.Stored> byKey = TagLookup.findOrCreateByKey(sql,
                tags.stream().filter(tag -> tag.id() == null).map(TagRef::name).toList());
        List<TagLookup.Stored> stored = new ArrayList<>(tags.size());
        for (TagRef tag : tags) {
            stored.add(tag.id() == null ? byKey.get(Names.key(tag.name())) : requireTag(sql, tag));
        }
        return stored;
    }

    /**
     * A tag the caller holds with an id, checked.
     *
     * @throws NoSuchElementException if there is no tag with that id any more
     */
    private static TagLookup.Stored requireTag(Sql sql, TagRef tag) throws SQLException {
        return TagReads.byId(sql, tag.id()).orElseThrow(() -> new NoSuchElementException("tag " + tag.id() + " ('"
                + tag.name() + "') does not exist any more: it was deleted or merged into another tag; tag by name"
                + " instead"));
    }

    /**
     * Links owners just inserted to their tags: every name found or created at once (in key order), the links
     * inserted in one batch, then each tag counted once, as the article importer does.
     *
     * @param ids  the new owners
     * @param tags each owner's tags, in the order of {@code ids}
     * @return the stored tag each of {@code tags} turned out to be, per owner
     * @throws NoSuchElementException if a tag with an id no longer exists
     */
    public static List<List<TagLookup.Stored>> linkNew(Sql sql, TaggedTable owners, List<Long> ids,
                                                       List<List<TagRef>> tags) throws SQLException {
        List<TagRef> named = new ArrayList<>();
        tags.forEach(owner -> owner.stream().filter(tag -> tag.id() == null).forEach(named::add));
        Map<String, TagLookup.Stored> byKey = TagLookup.findOrCreateByKey(sql,
                named.stream().map(TagRef::name).toList());
        Map<Integer, TagLookup.Stored> byId = new HashMap<>();
        List<List<TagLookup.Stored>> stored = new ArrayList<>(tags.size());
        List<List<Object>> links = new ArrayList<>();
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < tags.size(); i++) {
            List<TagLookup.Stored> own = new ArrayList<>();
            Set<Integer> linked = new HashSet<>(); // a tag's name and its alias's are one tag
            for (TagRef tag : tags.get(i)) {
                TagLookup.Stored found = tag.id() == null ? byKey.get(Names.key(tag.name())) : byId.get(tag.id());
                if (found == null) {
                    found = requireTag(sql, tag); // checked once per id
                    byId.put(tag.id(), found);
                }
                own.add(found);
                if (linked.add(found.id())) {
                    links.add(List.of(ids.get(i), found.id()));
                    counts.merge(found.id(), 1, Integer::sum);
                }
            }
            stored.add(own);
        }
        Links writer = new Links(sql, owners);
        writer.insertNew(links);
        writer.countImported(counts);
        return stored;
    }

    /**
     * Removes one tag from an owner: exactly one link row. The count first, which locks the tag, then the link;
     * the count is put back if there was no link to delete. The row count says what this call deleted: another call
     * that deleted the row first counts 0.
     *
     * @return whether this call deleted the link
     * @throws NoSuchElementException if the owner does not exist
     */
    public static boolean untag(Sql sql, TaggedTable owners, long id, String key) throws SQLException {
        TagLookup.Found tag = TagLookup.resolve(sql, List.of(key)).get(key);
        if (tag != null && new Links(sql, owners).change(id, List.of(), List.of(tag.id())) > 0) {
            return true;
        }
        requireExists(sql, owners, id);
        return false;
    }

    /**
     * Gives an owner exactly these (valid, distinct) tags, creating the missing: locks the owner, so that
     * concurrent replacements apply one after the other, then adds the links it lacks and removes the others.
     *
     * @throws NoSuchElementException if the owner does not exist
     */
    public static void replace(Sql sql, TaggedTable owners, long id, List<String> names) throws SQLException {
        if (!sql.exists("SELECT " + owners.idColumn() + " FROM " + owners.table() + " WHERE " + owners.idColumn()
                + " = ? FOR UPDATE", id)) {
            throw missing(owners, id);
        }
        SortedSet<Integer> wanted = TagLookup.idsOf(TagLookup.findOrCreateByKey(sql, names));
        SortedSet<Integer> removed = new TreeSet<>(sql.list("SELECT tag_id FROM " + owners.links() + " WHERE "
                + owners.ownerColumn() + " = ?", row -> row.getInt(1), id));
        SortedSet<Integer> added = new TreeSet<>(wanted);
        added.removeAll(removed);
        removed.removeAll(wanted);
        Links links = new Links(sql, owners);
        SortedSet<Long> owner = new TreeSet<>(List.of(id));
        links.linkAll(owner, added);
        links.unlinkAll(owner, removed);
    }

    /**
     * Links many existing owners to each of these (valid, distinct) names, creating the missing tags; links
     * already there are left alone.
     *
     * @return how many links were added
     * @throws NoSuchElementException naming them, if some of the owners do not exist
     */
    public static int tagAll(Sql sql, TaggedTable owners, SortedSet<Long> ids, Collection<String> names)
            throws SQLException {
        Links links = new Links(sql, owners);
        links.requireOwners(ids);
        return links.linkAll(ids, TagLookup.idsOf(TagLookup.findOrCreateByKey(sql, names)));
    }

    /**
     * Removes the links of many existing owners to the tags these keys stand for; unknown keys are skipped.
     *
     * @return how many links were removed
     * @throws NoSuchElementException naming them, if some of the owners do not exist
     */
    public static int untagAll(Sql sql, TaggedTable owners, SortedSet<Long> ids, List<String> keys)
            throws SQLException {
        Links links = new Links(sql, owners);
        links.requireOwners(ids);
        SortedSet<Integer> tags = new TreeSet<>();
        TagLookup.resolve(sql, keys).values().forEach(tag -> tags.add(tag.id()));
        return links.unlinkAll(ids, tags);
    }

    /**
     * Deletes an owner; its links go by the foreign key's ON DELETE CASCADE, unseen by any count, so they are
     * counted down first.
     *
     * @return false if there was no such owner
     */
    public static boolean delete(Sql sql, TaggedTable owners, long id) throws SQLException {
        return new Links(sql, owners).beforeOwnerDeletion(id) && sql.update("DELETE FROM " + owners.table()
                + " WHERE " + owners.idColumn() + " = ?", id) > 0;
    }

    /** @throws NoSuchElementException if there is no such owner */
    public static void requireExists(Sql sql, TaggedTable owners, long id) throws SQLException {
        if (!sql.exists("SELECT " + owners.idColumn() + " FROM " + owners.table() + " WHERE " + owners.idColumn()
                + " = ?", id)) {
            throw missing(owners, id);
        }
    }

    /** The error for an owner that does not exist. */
    public static NoSuchElementException missing(TaggedTable owners, long id) {
        return new NoSuchElementException(owners.noun() + " " + id + " does not exist");
    }
}
