package io.github.articletag;

import io.github.articletag.internal.Arguments;
import io.github.articletag.internal.Completion;
import io.github.articletag.internal.Keyset;
import io.github.articletag.internal.Links;
import io.github.articletag.internal.Names;
import io.github.articletag.internal.RelatedOwners;
import io.github.articletag.internal.RelatedTags;
import io.github.articletag.internal.Sql;
import io.github.articletag.internal.TagReads;
import io.github.articletag.internal.TaggedArticles;
import io.github.articletag.internal.TaggedType;
import io.github.articletag.internal.Tagging;
import io.github.articletag.internal.Transactions;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.Session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The entities of one of the application's tagged types ({@link Taggable}), with their tags, each call in its own
 * transaction: what {@link ArticleRepository} is for articles, at the same bounds. Get it from
 * {@link Database#tagged(Class)}.
 *
 * <p>The entities returned are detached, loaded read-only by Hibernate with their tags. A page reads its ids (by
 * key, as the articles' pages do), the entities' rows and their tags in one statement, which Hibernate maps to
 * your entities. Ids are given as {@code long}, whether the entity's id is an {@code Integer} or a {@code Long}.
 *
 * @param <T> the entity class
 */
public final class TaggedRepository<T extends Taggable> {

    private final Transactions transactions;
    private final TaggedType<T> type;
    /** The repository's name in the calls' observations: the entity class's simple name. */
    private final String observedAs;

    TaggedRepository(Transactions transactions, TaggedType<T> type) {
        this.transactions = transactions;
        this.type = type;
        this.observedAs = type.type().getSimpleName();
    }

    /** The entity class. */
    public Class<T> type() {
        return type.type();
    }

    /**
     * The statements that create this type's link and count tables (primary keys, the index the pages read, foreign
     * keys with {@code ON DELETE CASCADE} to the entity's table and to {@code tag}), for the application's own
     * migration; {@link Database#validateSchema()} checks them.
     */
    public List<String> ddl() {
        return type.table().ddl(type.ownerType());
    }

    /**
     * Saves an entity: a new one with its tags, or a read one's changes: its own columns if they changed since it
     * was read (with its {@code @Version} checked and raised, if it has one), and the tags added and removed, as
     * changes, so that a tag another user added meanwhile stays. One transaction: all of it or nothing.
     *
     * <p>Tags are matched as {@link ArticleRepository#save} matches them. On success the entity (and each new tag)
     * has its id; on failure nothing is written and the objects are as before.
     *
     * @return {@code entity}
     * @throws IllegalArgumentException     if the entity is null
     * @throws NoSuchElementException       if the entity, or a tag with an id that it adds, no longer exists
     * @throws OptimisticLockException      if the entity has a {@code @Version} and someone else changed it since
     *                                      it was read: read it again, and apply the change again
     * @throws DatabaseUnavailableException if the connection was lost (see src/docs/errors.md)
     */
    public T save(T entity) {
        return transactions.call(observedAs, "save", () -> TaggedSaves.save(transactions, type, entity));
    }

    /**
     * Saves many new entities with their tags at once, in one transaction (retried on a conflict): each row inserted
     * by Hibernate, then every tag named found or created at once, the links in one batch and each tag counted
     * once. For an import of thousands; a list, held in memory.
     *
     * @return {@code entities}, each with its id and its tags' ids
     * @throws IllegalArgumentException naming it, if an entity is null, saved already, or in the list twice
     * @throws NoSuchElementException   if a tag with an id no longer exists (nothing is saved)
     */
    public List<T> saveAll(List<T> entities) {
        return transactions.call(observedAs, "saveAll", () -> TaggedSaves.saveAll(transactions, type, entities));
    }

    /** The entity with this id and its tags. */
    public Optional<T> findWithTags(long id) {
        return transactions.call(observedAs, "findWithTags", () -> {
            if (!type.canBe(id)) {
                return Optional.empty();
            }
            return transactions.readSnapshot(false, session -> one(session, id));
        });
    }

    /**
     * A page of all the entities by id, with their tags.
     *
     * @param after the cursor of the previous page ({@link Page#next()}), or null for the first page
     * @param size  how many at most, 1 to 1000
     * @throws IllegalArgumentException if the size is out of range or the cursor is not one of this listing
     */
    public Page<T> findPage(String after, int size) {
        return transactions.call(observedAs, "findPage", () -> {
            long afterId = Keyset.afterLongId(after);
            Arguments.size(size);
            return transactions.read(session -> Keyset.byId(withTags(session, TaggedArticles.all(type.table(), afterId,
                    Keyset.rowsFor(size))), size, type::id));
        });
    }

    /** A page of the entities tagged {@code tagName}: {@link #find} with {@code TagQuery.withAll(tagName)}. */
    public Page<T> findTagged(String tagName, String after, int size) {
        return transactions.call(observedAs, "findTagged", () ->
                find(TagQuery.withAll(Names.require(Names.TAG_NAME, tagName)), after, size));
    }

    /**
     * A page of the entities {@code query} picks, by id, with their tags, read as {@link ArticleRepository#find}
     * reads articles (the least used tag's range drives, at any depth), with the entities, in one statement (after
     * the tags' lookup that chooses the query, where there is a choice).
     * A query that names no tag to carry walks at most {@value TaggedArticles#WALK} ids per page, as there: a page
     * may hold fewer than {@code size}, or none, while {@link Page#next()} is not null.
     *
     * @throws IllegalArgumentException if the query is null, the size out of range or the cursor foreign
     */
    public Page<T> find(TagQuery query, String after, int size) {
        return transactions.call(observedAs, "find", () -> {
            Arguments.notNull("tag query", query);
            long afterId = Keyset.afterLongId(after);
            Arguments.size(size);
            return transactions.readSnapshot(TaggedArticles.walksOwners(query), session -> {
                List<T> rows = withTags(session, Sql.on(session, sql -> TaggedArticles.matching(sql, type.table(), query,
                        afterId, Keyset.rowsFor(size), false)));
                Long walkedTo = TaggedArticles.walksOwners(query) && rows.size() <= size
                        ? Sql.on(session, sql -> TaggedArticles.walkedTo(sql, type.table(), afterId)) : null;
                return Keyset.byId(rows, size, type::id, walkedTo);
            });
        });
    }

    /**
     * How many entities {@code query} picks, or {@code atMost} if at least that many do: for one tag alone the
     * type's kept count of it, otherwise counted as a page of {@code atMost} would read them (a query that names
     * no tag to carry walks the entities until {@code atMost} match, as {@link ArticleRepository#count} does).
     *
     * @throws IllegalArgumentException if the query is null or {@code atMost} is less than 1
     */
    public long count(TagQuery query, int atMost) {
        return transactions.call(observedAs, "count", () -> {
            Arguments.notNull("tag query", query);
            if (atMost < 1) {
                throw new IllegalArgumentException("atMost must be at least 1, was " + atMost);
            }
            return transactions.read(session -> Sql.on(session,
                    sql -> TaggedArticles.count(sql, type.table(), query, atMost)));
        });
    }

    /**
     * Other entities of this type sharing tags with this one, most shared tags first (then by id), with their
     * tags, read in one snapshot. Counted over a sample as {@link ArticleRepository#findRelated} counts articles:
     * for each of its tags, the {@value RelatedTags#SAMPLE} newest other entities that carry it.
     *
     * @param limit how many at most, 1 to 1000
     */
    public List<RelatedItem<T>> findRelated(long id, int limit) {
        return transactions.call(observedAs, "findRelated", () -> {
            Arguments.size(limit);
            return transactions.readSnapshot(true, session -> {
                List<RelatedOwners.Shared> ranked = Sql.on(session, sql -> RelatedOwners.ranked(sql, type.table(), id, limit));
                Map<Long, T> byId = new HashMap<>();
                List<Long> ids = ranked.stream().map(RelatedOwners.Shared::id).toList();
                withTags(session, TaggedArticles.in(type.table(), ids)).forEach(entity -> byId.put(type.id(entity), entity));
                List<RelatedItem<T>> related = new ArrayList<>();
                ranked.stream().filter(rank -> byId.containsKey(rank.id()))
                        .forEach(rank -> related.add(new RelatedItem<>(byId.get(rank.id()), rank.shared())));
                return related;
            });
        });
    }

    /**
     * Tags an entity with each of {@code tagNames}, creating the tags that do not exist yet; a tag it has already
     * is left alone. All or nothing, in one transaction (retried on a conflict).
     *
     * @return the entity with all its tags
     * @throws IllegalArgumentException if a name is invalid
     * @throws NoSuchElementException   if the entity does not exist
     */
    public T tag(long id, String... tagNames) {
        return transactions.call(observedAs, "tag", () -> {
            List<String> names = Names.inKeyOrder(Names.atLeastOneTag(Arrays.asList(Arguments.notNull("tag names",
                    tagNames))).values());
            requireCanBe(id);
            return transactions.retrying(session -> {
                Sql.on(session, sql -> Tagging.add(sql, type.table(), id, Tagging.tagsOf(sql, type.table(), id), names));
                // The entity with its tags, as this transaction left them, in one statement.
                return one(session, id).orElseThrow(() -> Tagging.missing(type.table(), id));
            });
        });
    }

    /**
     * Removes one tag from an entity: exactly one link.
     *
     * @return {@code false} if the entity did not carry that tag
     * @throws IllegalArgumentException if the name is invalid
     * @throws NoSuchElementException   if the entity does not exist
     */
    public boolean untag(long id, String tagName) {
        return transactions.call(observedAs, "untag", () -> {
            String key = Tag.keyOf(tagName);
            requireCanBe(id);
            return transactions.retrying(session -> Sql.on(session, sql -> Tagging.untag(sql, type.table(), id, key)));
        });
    }

    /**
     * Gives an entity exactly the tags {@code tagNames} name (none, if empty), creating the missing, in one
     * transaction that locks the entity's row, so that concurrent replacements apply one after the other.
     *
     * @return the entity with its tags
     * @throws IllegalArgumentException if a name is null or invalid
     * @throws NoSuchElementException   if the entity does not exist
     */
    public T replaceTags(long id, Collection<String> tagNames) {
        return transactions.call(observedAs, "replaceTags", () -> {
            List<String> names = Names.inKeyOrder(tagNames);
            requireCanBe(id);
            return transactions.retrying(session -> {
                Sql.on(session, sql -> {
                    Tagging.replace(sql, type.table(), id, names);
                    return null;
                });
                return one(session, id).orElseThrow(() -> Tagging.missing(type.table(), id));
            });
        });
    }

    /**
     * Tags many existing entities with each of {@code tagNames} at once, as {@link ArticleRepository#tagAll} does.
     *
     * @param ids      1 to {@value Links#MAX_OWNERS} entities
     * @param tagNames 1 to {@value Links#MAX_TAGS} tag names
     * @return how many links were added
     * @throws IllegalArgumentException if an id or a name is null or invalid, or there are too few or too many
     * @throws NoSuchElementException   naming them, if some of the entities do not exist (nothing is changed)
     */
    public int tagAll(Collection<? extends Number> ids, Collection<String> tagNames) {
        return transactions.call(observedAs, "tagAll", () -> {
            SortedSet<Long> owners = Links.bulkIds(type.table(), ids);
            List<String> names = Names.inKeyOrder(tagNames);
            Links.requireBulkTagCount(names.size());
            return transactions.retrying(session -> Sql.on(session,
                    sql -> Tagging.tagAll(sql, type.table(), owners, names)));
        });
    }

    /**
     * Removes each of {@code tagNames} from many entities at once, as {@link ArticleRepository#untagAll} does.
     *
     * @return how many links were removed
     * @throws IllegalArgumentException if an id or a name is null or invalid, or there are too few or too many
     * @throws NoSuchElementException   naming them, if some of the entities do not exist (nothing is changed)
     */
    public int untagAll(Collection<? extends Number> ids, Collection<String> tagNames) {
        return transactions.call(observedAs, "untagAll", () -> {
            SortedSet<Long> owners = Links.bulkIds(type.table(), ids);
            List<String> keys = List.copyOf(Names.distinctTags(tagNames).keySet());
            Links.requireBulkTagCount(keys.size());
            return transactions.retrying(session -> Sql.on(session,
                    sql -> Tagging.untagAll(sql, type.table(), owners, keys)));
        });
    }

    /**
     * Deletes an entity's row and its links, its tags' counts for this type counted down; its tags stay.
     *
     * @return {@code false} if there was no such entity
     */
    public boolean delete(long id) {
        return transactions.call(observedAs, "delete", () -> {
            if (!type.canBe(id)) {
                return false;
            }
            return transactions.retryingConflicts(session -> Sql.on(session,
                    sql -> Tagging.delete(sql, type.table(), id)));
        });
    }

    /**
     * A page of the tags this type uses, with the number of its entities carrying each, most used first (then the
     * newest), in one statement that reads the type's count index; tags it does not use are left out. The counts of
     * every type together: {@link TagRepository#usage}.
     *
     * @throws IllegalArgumentException if the size is out of range or the cursor not one of this listing
     */
    public Page<TagCount> tagCounts(String after, int size) {
        return transactions.call(observedAs, "tagCounts", () -> {
            long[] key = Keyset.afterCount(after);
            Arguments.size(size);
            return Keyset.byCount(transactions.read(session -> Sql.on(session,
                    sql -> TagReads.byCount(sql, type.table(), key, Keyset.rowsFor(size)))), size);
        });
    }

    /**
     * Completion for what a user typed, among the tags this type uses: those whose name starts with {@code prefix}
     * under the identity rule ({@link Tag#keyOf}), most used by this type first (then the newest), bounded whatever
     * the prefix as {@link TagRepository#suggest} is (the most used being the type's).
     *
     * @param size how many at most, 1 to 1000
     * @throws IllegalArgumentException if the prefix is null, blank, too long or holds a character refused in tag
     *         names (a joiner at its end is dropped: what it joins to is not typed yet)
     */
    public List<TagCount> suggest(String prefix, int size) {
        return transactions.call(observedAs, "suggest", () -> {
            String key = Names.prefixKey(prefix);
            Arguments.size(size);
            return transactions.read(session -> Sql.on(session,
                    sql -> Completion.of(sql, type.table(), key, size)));
        });
    }

    /**
     * The tags that occur most often on this type's entities carrying every one of {@code tagNames}, as
     * {@link TagRepository#related(Collection, int)} counts them for articles (over the
     * {@value RelatedTags#SAMPLE} newest such entities).
     *
     * @throws IllegalArgumentException if there are no names or one is invalid, or the size is out of range
     */
    public List<TagCount> relatedTags(Collection<String> tagNames, int size) {
        return transactions.call(observedAs, "relatedTags", () -> {
            List<String> keys = List.copyOf(Names.atLeastOneTag(tagNames).keySet());
            Arguments.size(size);
            return transactions.readSnapshot(true, session -> Sql.on(session,
                    sql -> RelatedTags.of(sql, type.table(), keys, size)));
        });
    }

    /**
     * The entities {@code ids} picks, in id order, with their tags, in one statement ({@link TaggedType#loadWithTags}),
     * each given its tags: one Tag object per tag, as in one session.
     */
    private List<T> withTags(Session session, TaggedArticles ids) {
        Map<Integer, Tag> tags = new HashMap<>();
        List<T> entities = new ArrayList<>();
        type.loadWithTags(session, ids).forEach((entity, stored) -> {
            List<Tag> own = new ArrayList<>();
            stored.forEach(tag -> own.add(tags.computeIfAbsent(tag.id(), tagId -> StoredEntities.tag(tag))));
            entity.loaded(own, type.state(entity));
            entities.add(entity);
        });
        return entities;
    }

    /** The entity with its tags, in the caller's transaction, in one statement. */
    private Optional<T> one(Session session, long id) {
        return withTags(session, TaggedArticles.in(type.table(), List.of(id))).stream().findFirst();
    }

    private void requireCanBe(long id) {
        if (!type.canBe(id)) {
            throw Tagging.missing(type.table(), id);
        }
    }
}
