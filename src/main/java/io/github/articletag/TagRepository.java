package io.github.articletag;

import io.github.articletag.internal.Arguments;
import io.github.articletag.internal.Keyset;
import io.github.articletag.internal.Names;
import io.github.articletag.internal.RelatedTags;
import io.github.articletag.internal.TagCounts;
import io.github.articletag.internal.TagLookup;
import io.github.articletag.internal.Transactions;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Tags, each call in its own transaction. Tags returned by {@code findWithArticles} have their articles
 * loaded; other tags returned are detached without them.
 *
 * <p>Names are unique ignoring letter case, after surrounding whitespace is removed and Unicode NFC
 * normalization ({@link Tag#keyOf}); every other difference (accents, kana, emoji) makes another tag.
 */
public final class TagRepository {

    /** Tags per transaction of {@link #recount}. */
    private static final int RECOUNT_BATCH = 1000;

    /** Tags per transaction of {@link #deleteUnused}. */
    private static final int CLEANUP_BATCH = 1000;

    private final Transactions transactions;

    TagRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * The tag with this id and the first {@code size} of its articles, by id (without their own tags), in three
     * statements that read one snapshot; {@link Tag#getArticles()} holds them. The next pages:
     * {@link ArticleRepository#findTagged}.
     *
     * @param size how many of its articles at most, 1 to 1000
     */
    public Optional<Tag> findWithArticles(int id, int size) {
        Arguments.size(size);
        return transactions.readSnapshot(true, session -> Optional.ofNullable(session.find(Tag.class, id)).map(tag -> {
            // The page's ids from the tag's range of links (index order), then those articles.
            List<Integer> ids = session.createNativeQuery("SELECT article_id FROM article_tag WHERE tag_id = :id"
                            + " ORDER BY article_id LIMIT :size", Integer.class)
                    .setParameter("id", id)
                    .setParameter("size", size)
                    .getResultList();
            tag.articlesLoaded(ids.isEmpty() ? List.of() : session
                    .createSelectionQuery("from Article a where a.id in :ids order by a.id", Article.class)
                    .setParameter("ids", ids)
                    .getResultList());
            return tag;
        }));
    }

    /** The tag with this name, ignoring letter case ({@link Tag#keyOf}). */
    public Optional<Tag> findByName(String name) {
        String key = Tag.keyOf(name);
        return transactions.read(session -> findByKey(session, key));
    }

    /**
     * The tag with this name, created if there is none. Safe under concurrency: callers asking for the same
     * new name at once all get the one tag, and none sees a constraint violation.
     *
     * @throws IllegalArgumentException if the name is null, blank or too long
     */
    public Tag findOrCreate(String name) {
        String valid = Names.require(Names.TAG_NAME, name);
        TagLookup.Stored stored = transactions.retrying(session -> session.doReturningWork(
                connection -> TagLookup.findOrCreate(connection, valid)));
        return Tag.stored(stored.id(), stored.name());
    }

    /**
     * Renames a tag.
     *
     * @throws IllegalArgumentException if the name is invalid, another tag already has it, or it is an alias
     * @throws NoSuchElementException   if there is no such tag
     */
    public Tag rename(int id, String newName) {
        String valid = Names.require(Names.TAG_NAME, newName);
        String key = Names.key(valid);
        return transactions.retrying(session -> session.doReturningWork(connection -> {
            // Locked, so that a concurrent delete or merge waits for the rename instead of making its update
            // miss the row; one that came first makes the tag missing here. Four statements, in SQL: an entity
            // would cost a load, and the key, which the new name changes, is not the entity's to write.
            try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM tag WHERE id = ? FOR UPDATE")) {
                lock.setInt(1, id);
                try (ResultSet result = lock.executeQuery()) {
                    if (!result.next()) {
                        throw new NoSuchElementException("tag " + id + " does not exist");
                    }
                }
            }
            try (PreparedStatement other = connection.prepareStatement("SELECT id FROM tag WHERE name_key = ?")) {
                other.setString(1, key);
                try (ResultSet result = other.executeQuery()) {
                    if (result.next() && result.getInt(1) != id) {
                        throw new IllegalArgumentException(
                                "tag name '" + valid + "' is already used by tag " + result.getInt(1));
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tag SET name = ?, name_key = ? WHERE id = ?")) {
                update.setString(1, valid);
                update.setString(2, key);
                update.setInt(3, id);
                update.executeUpdate();
            }
            // The new key in place before the alias check, so that a concurrent addAlias sees it.
            TagLookup.aliasAmong(connection, List.of(key)).ifPresent(alias -> {
                throw new IllegalArgumentException(alias.taken());
            });
            return Tag.stored(id, valid);
        }));
    }

    /**
     * Merges one tag into another: every article tagged {@code fromId} ends up tagged {@code intoId} once,
     * the tag {@code fromId} is deleted, and its name becomes an alias of {@code intoId} (so do its own aliases):
     * tagging, finding and querying by the old name reach the kept tag. Six statements whatever the number of
     * articles; {@link #removeAlias} lets the old name go.
     *
     * @return the remaining tag
     * @throws IllegalArgumentException if the two ids are the same
     * @throws NoSuchElementException   if either tag does not exist
     */
    public Tag merge(int fromId, int intoId) {
        if (fromId == intoId) {
            throw new IllegalArgumentException("cannot merge tag " + fromId + " into itself");
        }
        return transactions.retryingConflicts(session -> {
            // Both tags locked, in id order, before any link is read: a concurrent tag() linking an article to
            // the old tag either committed before (its link is moved below) or waits on the lock and, once the
            // old tag is gone, fails its foreign key and runs again. Without the lock its link was lost.
            Tag first = requireLocked(session, Math.min(fromId, intoId));
            Tag second = requireLocked(session, Math.max(fromId, intoId));
            Tag into = intoId < fromId ? first : second;
            int moved = session.createNativeMutationQuery("""
                            INSERT INTO article_tag (article_id, tag_id)
                            SELECT source.article_id, :into FROM article_tag source
                            WHERE source.tag_id = :from AND NOT EXISTS (
                                SELECT 1 FROM article_tag existing
                                WHERE existing.article_id = source.article_id AND existing.tag_id = :into)""")
                    .setParameter("from", fromId)
                    .setParameter("into", intoId)
                    .executeUpdate();
            session.doWork(connection -> TagCounts.change(connection, new TreeMap<>(Map.of(intoId, moved))));
            // The old name, and the names that led to the old tag, lead to the kept one from now on.
            session.createNativeMutationQuery("UPDATE tag_alias SET tag_id = :into WHERE tag_id = :from")
                    .setParameter("from", fromId)
                    .setParameter("into", intoId)
                    .executeUpdate();
            session.createNativeMutationQuery("INSERT INTO tag_alias (name_key, name, tag_id)"
                            + " SELECT name_key, name, :into FROM tag WHERE id = :from")
                    .setParameter("from", fromId)
                    .setParameter("into", intoId)
                    .executeUpdate();
            // fk_article_tag_tag is ON DELETE CASCADE: the old tag's links, and its count, go with it.
            session.createMutationQuery("delete from Tag where id = :id").setParameter("id", fromId).executeUpdate();
            return into;
        });
    }

    /**
     * Makes {@code alias} lead to a tag: tagging, finding and querying by it reach that tag, as after a merge. Giving
     * a tag an alias it has already is no change.
     *
     * @return the tag
     * @throws IllegalArgumentException if the name is invalid, is a tag's name, or is another tag's alias
     * @throws NoSuchElementException   if there is no such tag
     */
    public Tag addAlias(int tagId, String alias) {
        String valid = Names.require(Names.TAG_NAME, alias);
        String key = Names.key(valid);
        return transactions.retrying(session -> {
            Tag tag = requireLocked(session, tagId); // so that a concurrent delete or merge waits
            Optional<TagLookup.Alias> existing = session.doReturningWork(
                    connection -> TagLookup.aliasAmong(connection, List.of(key)));
            if (existing.isPresent()) {
                if (existing.get().tagId() != tagId) {
                    throw new IllegalArgumentException(existing.get().taken());
                }
                return tag;
            }
            session.createNativeMutationQuery("INSERT INTO tag_alias (name_key, name, tag_id) VALUES (:key, :name, :tag)")
                    .setParameter("key", key)
                    .setParameter("name", valid)
                    .setParameter("tag", tagId)
                    .executeUpdate();
            // After the insert, and locking: a concurrent find-or-create of this name either committed its tag
            // (found here) or finds this alias in its own check after its insert (TagLookup.aliasAmong).
            session.createNativeQuery("SELECT id FROM tag WHERE name_key = :key FOR UPDATE", Integer.class)
                    .setParameter("key", key)
                    .uniqueResultOptional()
                    .ifPresent(other -> {
                        throw new IllegalArgumentException("'" + valid + "' is the name of tag " + other
                                + ": merge that tag instead, which keeps its name as an alias");
                    });
            return tag;
        });
    }

    /**
     * Removes an alias: the name no longer leads to its tag, and tagging by it creates a tag of that name.
     *
     * @return {@code false} if there was no such alias
     * @throws IllegalArgumentException if the name is invalid
     */
    public boolean removeAlias(String alias) {
        String key = Tag.keyOf(alias);
        return transactions.retrying(session -> session
                .createNativeMutationQuery("DELETE FROM tag_alias WHERE name_key = :key")
                .setParameter("key", key)
                .executeUpdate()) > 0;
    }

    /**
     * A page of the aliases of a tag, in the order of their keys, in one statement.
     *
     * @param after the cursor of the previous page ({@link Page#next()}), or null for the first page
     * @param size  how many at most, 1 to 1000
     */
    public Page<String> aliases(int tagId, String after, int size) {
        Arguments.size(size);
        String afterKey = after == null ? "" : after;
        List<Object[]> rows = transactions.read(session -> session
                .createNativeQuery("SELECT name_key, name FROM tag_alias WHERE tag_id = :tag AND name_key > :after"
                        + " ORDER BY name_key LIMIT :rows", Object[].class)
                .setParameter("tag", tagId)
                .setParameter("after", afterKey)
                .setParameter("rows", Keyset.rowsFor(size))
                .getResultList());
        List<String> names = rows.stream().limit(size).map(row -> (String) row[1]).toList();
        return new Page<>(names, rows.size() > size ? (String) rows.get(size - 1)[0] : null);
    }

    /**
     * Deletes a tag, also while articles still carry it: their links are removed, the articles stay.
     *
     * @return {@code false} if there was no such tag
     */
    public boolean delete(int id) {
        // One statement: the foreign key's ON DELETE CASCADE removes the links.
        return transactions.retryingConflicts(session -> session
                .createMutationQuery("delete from Tag where id = :id")
                .setParameter("id", id)
                .executeUpdate()) > 0;
    }

    /**
     * The {@code size} most used tags with their numbers of articles, most used first (then the newest): a tag
     * cloud, read from the kept counts in one statement.
     *
     * @param size how many at most, 1 to 1000
     */
    public List<TagCount> mostUsed(int size) {
        return counts(null, size).items();
    }

    /**
     * A page of every tag with its number of articles, most used first (then the newest), in one statement.
     *
     * @param after the cursor of the previous page ({@link Page#next()}), or null for the first page
     * @param size  how many at most, 1 to 1000
     * @throws IllegalArgumentException if the size is out of range or the cursor not one of this listing
     */
    public Page<TagCount> counts(String after, int size) {
        long[] key = Keyset.afterCount(after);
        Arguments.size(size);
        String where = key == null ? "" : " WHERE article_count < :count OR (article_count = :count AND id < :id)";
        return Keyset.byCount(transactions.read(session -> {
            var query = session.createNativeQuery("SELECT id, name, CAST(article_count AS SIGNED) FROM tag" + where
                    + " ORDER BY article_count DESC, id DESC LIMIT :rows", TagCount.class);
            if (key != null) {
                query.setParameter("count", key[0]).setParameter("id", (int) key[1]);
            }
            return query.setParameter("rows", Keyset.rowsFor(size)).getResultList();
        }), size);
    }

    /**
     * Completion for what a user typed: the tags whose name starts with {@code prefix} under the identity rule
     * ({@link Tag#keyOf}: letter case ignored, after NFC), most used first (then the newest), in one statement
     * that reads the prefix's range of the name index.
     *
     * @param size how many at most, 1 to 1000
     * @throws IllegalArgumentException if the prefix is null, blank or too long
     */
    public List<TagCount> suggest(String prefix, int size) {
        String key = Tag.keyOf(prefix);
        Arguments.size(size);
        String pattern = key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return transactions.read(session -> session
                // The name key's range, whatever the optimizer guesses: walking the count index backwards until enough
                // names match would read every tag for a prefix only unused tags have.
                .createNativeQuery("SELECT id, name, CAST(article_count AS SIGNED) FROM tag FORCE INDEX (uk_tag_name_key)"
                        + " WHERE name_key LIKE :pattern ESCAPE '!'"
                        + " ORDER BY article_count DESC, id DESC LIMIT :size", TagCount.class)
                .setParameter("pattern", pattern)
                .setParameter("size", size)
                .getResultList());
    }

    /**
     * The tags that occur most often with this one ("related tags"), most shared first: see
     * {@link #related(Collection, int)}.
     */
    public List<TagCount> related(String tagName, int size) {
        return related(List.of(Names.require(Names.TAG_NAME, tagName)), size);
    }

    /**
     * The tags that occur most often on the articles carrying every one of {@code tagNames} (for narrowing a
     * listing down), most shared first (then by id), each with how many of those articles carry it; the named
     * tags themselves are left out. Counted over the {@value RelatedTags#SAMPLE} newest such articles: exact while
     * the set is on at most that many, the newest articles' share beyond, so that the cost is bounded for a tag
     * on 100,000 articles too. Two statements. Empty if a name is no tag's.
     *
     * @param size how many at most, 1 to 1000
     * @throws IllegalArgumentException if there are no names or one is invalid, or the size is out of range
     */
    public List<TagCount> related(Collection<String> tagNames, int size) {
        List<String> keys = List.copyOf(Names.distinctTags(tagNames).keySet());
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one tag name is needed");
        }
        Arguments.size(size);
        return transactions.readSnapshot(true, session -> session.doReturningWork(
                connection -> RelatedTags.of(connection, keys, size)));
    }

    /**
     * Deletes the tags that no article carries, in batches of {@value #CLEANUP_BATCH} tags, each its own short
     * transaction, and returns how many went. A tag being linked meanwhile is kept: every library path raises a
     * tag's count before it links, under the tag's lock, and the delete re-reads the count under that lock; a
     * link that lost the race fails its foreign key and is retried, creating the tag again (an import's links
     * hold the tag's lock until it commits its counts). A tag with links written behind the library's back is
     * kept whatever its count says. A tag just created and not yet linked is unused too: link new tags by name
     * ({@link ArticleRepository#tag}), or expect {@link NoSuchElementException} when saving one by its id.
     */
    public int deleteUnused() {
        int deleted = 0;
        while (true) {
            int batch = transactions.retrying(session -> session.createNativeMutationQuery(
                            "DELETE FROM tag WHERE article_count = 0"
                                    + " AND NOT EXISTS (SELECT 1 FROM article_tag l WHERE l.tag_id = tag.id)"
                                    + " ORDER BY article_count, id LIMIT " + CLEANUP_BATCH)
                    .executeUpdate());
            deleted += batch;
            if (batch < CLEANUP_BATCH) {
                return deleted;
            }
        }
    }

    /**
     * Sets every tag's kept count to the number of its links, for links written behind the library's back (plain
     * SQL, or JPA code of the application's own that links existing tags), in batches of
     * {@value #RECOUNT_BATCH} tags, each its own short transaction.
     *
     * @return how many counts were wrong
     */
    public int recount() {
        int maxId = transactions.read(session -> session
                .createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM tag", Integer.class).getSingleResult());
        int repaired = 0;
        for (int from = 0; from < maxId; from += RECOUNT_BATCH) {
            int first = from;
            repaired += transactions.retrying(session -> {
                // The batch's tags locked first: every link writer holds its tags' locks until it commits, so the
                // count below, read after the lock, misses no link in flight.
                session.createNativeQuery("SELECT id FROM tag WHERE id > :from AND id <= :to FOR UPDATE", Integer.class)
                        .setParameter("from", first).setParameter("to", first + RECOUNT_BATCH).getResultList();
                return session.createNativeMutationQuery("""
                                UPDATE tag t SET t.article_count = (SELECT COUNT(*) FROM article_tag l WHERE l.tag_id = t.id)
                                WHERE t.id > :from AND t.id <= :to
                                AND t.article_count <> (SELECT COUNT(*) FROM article_tag l WHERE l.tag_id = t.id)""")
                        .setParameter("from", first).setParameter("to", first + RECOUNT_BATCH).executeUpdate();
            });
        }
        return repaired;
    }

    /** The tag with this key, or the tag an alias with this key stands for; one statement. */
    static Optional<Tag> findByKey(Session session, String key) {
        return session.createNativeQuery("SELECT id, name, name_key, article_count FROM tag WHERE id = " + TagLookup.ID_OF_KEY,
                        Tag.class) // Hibernate maps an entity from a native query only with every column
                .setParameter(1, key)
                .setParameter(2, key)
                .uniqueResultOptional();
    }

    /**
     * The ids of the tags these (valid) names stand for, by key: found in one statement, the missing ones created
     * in key order (two statements each), so that callers creating the same new tags at once create them in one
     * order.
     */
    static SortedMap<String, Integer> findOrCreateByKey(Session session, Collection<String> validNames) {
        SortedMap<String, String> byKey = new TreeMap<>();
        validNames.forEach(name -> byKey.putIfAbsent(Names.key(name), name));
        return session.doReturningWork(connection -> {
            Map<String, TagLookup.Found> found = TagLookup.resolve(connection, List.copyOf(byKey.keySet()));
            SortedMap<String, Integer> ids = new TreeMap<>();
            for (Map.Entry<String, String> name : byKey.entrySet()) {
                TagLookup.Found tag = found.get(name.getKey());
                ids.put(name.getKey(), tag != null ? tag.id() : TagLookup.create(connection, name.getValue()).id());
            }
            return ids;
        });
    }

    private static Tag requireLocked(Session session, int id) {
        Tag tag = session.find(Tag.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (tag == null) {
            throw new NoSuchElementException("tag " + id + " does not exist");
        }
        return tag;
    }
}
