package io.github.articletag;

import io.github.articletag.internal.Names;
import io.github.articletag.internal.Transactions;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Tags, each call in its own transaction. Tags returned by {@code findWithArticles} have their articles
 * loaded; other tags returned are detached without them.
 *
 * <p>Names are unique ignoring letter case, after surrounding whitespace is removed and Unicode NFC
 * normalization ({@link Tag#keyOf}); every other difference (accents, kana, emoji) makes another tag.
 */
public final class TagRepository {

    private final Transactions transactions;

    TagRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The tag with this id and its articles, by id (without their own tags), in two statements. */
    public Optional<Tag> findWithArticles(int id) {
        return transactions.read(session -> Optional.ofNullable(session.find(Tag.class, id)).map(tag -> {
            tag.articlesLoaded(session
                    .createSelectionQuery("select a from Article a join a.tags t where t.id = :id order by a.id",
                            Article.class)
                    .setParameter("id", id)
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
        return transactions.retrying(session -> findOrCreate(session, valid));
    }

    /**
     * Renames a tag.
     *
     * @throws IllegalArgumentException if the name is invalid or another tag already has it
     * @throws NoSuchElementException   if there is no such tag
     */
    public Tag rename(int id, String newName) {
        String valid = Names.require(Names.TAG_NAME, newName);
        String key = Names.key(valid);
        return transactions.retrying(session -> {
            // Locked, so that a concurrent delete or merge waits for the rename instead of making its update
            // miss the row; one that came first makes the tag missing here.
            Tag tag = requireLocked(session, id);
            findByKey(session, key).filter(other -> other.getId() != id).ifPresent(other -> {
                throw new IllegalArgumentException(
                        "tag name '" + valid + "' is already used by tag " + other.getId());
            });
            tag.setName(valid);
            return tag;
        });
    }

    /**
     * Merges one tag into another: every article tagged {@code fromId} ends up tagged {@code intoId} once,
     * and the tag {@code fromId} is deleted. Four statements whatever the number of articles.
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
            session.createNativeMutationQuery("""
                            INSERT INTO article_tag (article_id, tag_id)
                            SELECT source.article_id, :into FROM article_tag source
                            WHERE source.tag_id = :from AND NOT EXISTS (
                                SELECT 1 FROM article_tag existing
                                WHERE existing.article_id = source.article_id AND existing.tag_id = :into)""")
                    .setParameter("from", fromId)
                    .setParameter("into", intoId)
                    .executeUpdate();
            // fk_article_tag_tag is ON DELETE CASCADE: the old tag's links go with it.
            session.createMutationQuery("delete from Tag where id = :id").setParameter("id", fromId).executeUpdate();
            return into;
        });
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

    /** Every tag with its number of articles, most used first, then by name: a tag cloud, in one statement. */
    public List<TagCount> counts() {
        return transactions.read(session -> session
                .createSelectionQuery("""
                        select t.name, (select count(*) from Article a join a.tags x where x.id = t.id) as uses
                        from Tag t order by uses desc, t.name""", TagCount.class)
                .getResultList());
    }

    static Optional<Tag> findByKey(Session session, String key) {
        return session.createSelectionQuery("from Tag where nameKey = :key", Tag.class)
                .setParameter("key", key)
                .uniqueResultOptional();
    }

    /**
     * Finds or inserts in the caller's transaction. The insert is an upsert, so that a concurrent insert of the
     * same name is answered with the existing row's id instead of a duplicate-key error; the connection's
     * READ COMMITTED isolation then lets this transaction read that row even though another one wrote it.
     */
    static Tag findOrCreate(Session session, String validName) {
        String key = Names.key(validName);
        Optional<Tag> existing = findByKey(session, key);
        if (existing.isPresent()) {
            return existing.get();
        }
        session.createNativeMutationQuery("INSERT INTO tag (name, name_key) VALUES (:name, :key)"
                        + " ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)")
                .setParameter("name", validName)
                .setParameter("key", key)
                .executeUpdate();
        // LAST_INSERT_ID() is per connection: the id this upsert inserted, or the existing row's id.
        Number id = (Number) session.createNativeQuery("SELECT LAST_INSERT_ID()", Object.class).getSingleResult();
        return session.find(Tag.class, id.intValue());
    }

    private static Tag requireLocked(Session session, int id) {
        Tag tag = session.find(Tag.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (tag == null) {
            throw new NoSuchElementException("tag " + id + " does not exist");
        }
        return tag;
    }
}
