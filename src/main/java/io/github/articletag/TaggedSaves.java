package io.github.articletag;

import io.github.articletag.internal.Arguments;
import io.github.articletag.internal.Sql;
import io.github.articletag.internal.TagLookup;
import io.github.articletag.internal.TaggedType;
import io.github.articletag.internal.Tagging;
import io.github.articletag.internal.Transactions;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.Session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * How {@link TaggedRepository} saves an application's entity: its columns through Hibernate, its tags through the
 * library, in one transaction, with the entity's state put back as it was whenever an attempt is rolled back.
 * Package-private, as the entities' bookkeeping it uses is.
 */
final class TaggedSaves {

    private TaggedSaves() {
    }

    /** {@link TaggedRepository#save}. */
    static <T extends Taggable> T save(Transactions transactions, TaggedType<T> type, T entity) {
        Arguments.notNull(type.table().noun(), entity);
        Long id = type.id(entity);
        TagChanges changes = entity.tagChanges();
        List<Tag> added = List.copyOf(changes.additions());
        List<Tagging.TagRef> addedRefs = StoredEntities.refs(added);
        List<Tagging.TagRef> removedRefs = StoredEntities.refs(changes.removals());
        boolean ownChanged = id == null || entity.savedState() == null
                || type.changedSince(entity.savedState(), entity);
        if (!ownChanged && added.isEmpty() && removedRefs.isEmpty()) {
            return entity;
        }
        Object version = type.version(entity);
        List<TagLookup.Stored> ids;
        try {
            // Not run again after a lost connection: the commit may have inserted the entity or raised its version.
            ids = transactions.retryingConflicts(session -> {
                // As before the save, in every attempt: an attempt rolled back may have set an id or a version.
                type.restoreVersion(entity, version);
                if (id == null) {
                    type.forgetId(entity);
                }
                long owner;
                if (id == null) {
                    owner = type.insert(session, entity);
                } else {
                    owner = id;
                    if (ownChanged) {
                        update(transactions, type, session, entity, id);
                    }
                }
                return Sql.on(session, sql -> {
                    if (!ownChanged) {
                        Tagging.requireExists(sql, type.table(), owner);
                    }
                    return Tagging.change(sql, type.table(), owner, addedRefs, removedRefs);
                });
            });
        } catch (RuntimeException e) {
            type.restoreVersion(entity, version);
            if (id == null) {
                type.forgetId(entity);
            }
            throw e;
        }
        StoredEntities.adoptIds(entity, added, ids);
        entity.markSaved(type.state(entity));
        return entity;
    }

    /** {@link TaggedRepository#saveAll}. */
    static <T extends Taggable> List<T> saveAll(Transactions transactions, TaggedType<T> type, List<T> entities) {
        Arguments.notNull(type.table().noun() + "s", entities);
        Set<T> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<List<Tag>> added = new ArrayList<>(entities.size());
        List<List<Tagging.TagRef>> refs = new ArrayList<>(entities.size());
        for (int i = 0; i < entities.size(); i++) {
            T entity = entities.get(i);
            String which = type.table().noun() + " " + i + " of the list";
            if (entity == null) {
                throw new IllegalArgumentException(which + " is null");
            }
            if (type.id(entity) != null) {
                throw new IllegalArgumentException(which + " has an id already (" + type.id(entity)
                        + "): saveAll inserts new entities; save a read one's changes with save");
            }
            if (!seen.add(entity)) {
                throw new IllegalArgumentException(which + " is in the list twice");
            }
            added.add(List.copyOf(entity.tagChanges().additions()));
            refs.add(StoredEntities.refs(added.get(i)));
        }
        List<List<TagLookup.Stored>> stored;
        try {
            // Not run again after a lost connection: the commit may have inserted them.
            stored = transactions.retryingConflicts(session -> {
                entities.forEach(type::forgetId);
                List<Long> ids = type.insertAll(session, entities);
                return Sql.on(session, sql -> Tagging.linkNew(sql, type.table(), ids, refs));
            });
        } catch (RuntimeException e) {
            entities.forEach(type::forgetId);
            throw e;
        }
        for (int i = 0; i < entities.size(); i++) {
            StoredEntities.adoptIds(entities.get(i), added.get(i), stored.get(i));
            entities.get(i).markSaved(type.state(entities.get(i)));
        }
        return entities;
    }

    /**
     * Writes the entity's columns; a row that is gone is {@link NoSuchElementException}, one changed since it was
     * read (a {@code @Version} that differs) {@link OptimisticLockException}, counted.
     */
    private static <T extends Taggable> void update(Transactions transactions, TaggedType<T> type, Session session,
                                                   T entity, long id) {
        try {
            type.update(session, entity);
        } catch (OptimisticLockException e) {
            Sql.on(session, sql -> {
                Tagging.requireExists(sql, type.table(), id);
                return null;
            });
            transactions.counters().optimisticLockConflict();
            throw e;
        }
    }

}
