package io.github.articletag.internal;

import io.github.articletag.Article;
import io.github.articletag.Tag;
import io.github.articletag.Taggable;
import org.hibernate.HibernateException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PreCollectionRecreateEvent;
import org.hibernate.event.spi.PreCollectionRecreateEventListener;
import org.hibernate.event.spi.PreCollectionUpdateEvent;
import org.hibernate.event.spi.PreCollectionUpdateEventListener;
import org.hibernate.event.spi.PreDeleteEvent;
import org.hibernate.event.spi.PreDeleteEventListener;
import org.hibernate.integrator.spi.Integrator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the links Hibernate itself writes for {@code Article.tags} (a new article's tags, changes flushed from a
 * managed article) and those an article, or an entity of a tagged type, removed through the session takes with it: just before Hibernate sends
 * the statements, in the same
 * transaction, so the kept counts stay exact for plain JPA code too. Installed in every session factory through
 * Hibernate's {@link Integrator} service; it ignores every other collection.
 */
public final class TagCountListener implements Integrator, PreCollectionRecreateEventListener,
        PreCollectionUpdateEventListener, PreDeleteEventListener {

    private static final String ROLE = Article.class.getName() + ".tags";

    /** The tables of the application's tagged types met so far, by entity class. */
    private final Map<Class<?>, TaggedTable> tagged = new ConcurrentHashMap<>();

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        if (metadata.getCollectionBinding(ROLE) == null) {
            return; // a factory that does not map the library's entities
        }
        EventListenerRegistry registry = sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
        registry.appendListeners(EventType.PRE_COLLECTION_RECREATE, this);
        registry.appendListeners(EventType.PRE_COLLECTION_UPDATE, this);
        registry.appendListeners(EventType.PRE_DELETE, this);
    }

    @Override
    public void onPreRecreateCollection(PreCollectionRecreateEvent event) {
        if (isTags(event)) {
            SortedMap<Integer, Integer> deltas = new TreeMap<>();
            tags(event.getCollection()).forEach(tag -> deltas.put(tag.getId(), 1));
            change(event, deltas);
        }
    }

    @Override
    public void onPreUpdateCollection(PreCollectionUpdateEvent event) {
        if (isTags(event)) {
            Set<Tag> before = new HashSet<>();
            if (event.getCollection().getStoredSnapshot() instanceof Map<?, ?> snapshot) {
                snapshot.keySet().forEach(tag -> before.add((Tag) tag));
            }
            Set<Tag> after = tags(event.getCollection());
            SortedMap<Integer, Integer> deltas = new TreeMap<>();
            after.stream().filter(tag -> !before.contains(tag)).forEach(tag -> deltas.put(tag.getId(), 1));
            before.stream().filter(tag -> !after.contains(tag)).forEach(tag -> deltas.put(tag.getId(), -1));
            change(event, deltas);
        }
    }

    /**
     * An article removed through the session: the database's cascade removes its links, whatever the session
     * loaded of them, and Hibernate sends nothing for them.
     */
    @Override
    public boolean onPreDelete(PreDeleteEvent event) {
        Object entity = event.getEntity();
        TaggedTable owners = entity instanceof Article ? TaggedTable.ARTICLE
                : entity instanceof Taggable ? tagged.computeIfAbsent(entity.getClass(),
                        type -> TaggedType.of(event.getFactory(), type).table()) : null;
        if (owners != null) {
            try {
                Sql.on(event.getSession().getJdbcCoordinator().getLogicalConnection().getPhysicalConnection(),
                        sql -> new Links(sql, owners).beforeOwnerDeletion(event.getId()));
            } catch (SQLException e) {
                throw new HibernateException("could not count down the tags of a deleted " + owners.noun(), e);
            }
        }
        return false; // no veto
    }

    private static boolean isTags(AbstractCollectionEvent event) {
        return ROLE.equals(event.getCollection().getRole());
    }

    private static Set<Tag> tags(PersistentCollection<?> collection) {
        Set<Tag> tags = new HashSet<>();
        for (Object tag : (Collection<?>) collection) {
            tags.add((Tag) tag);
        }
        return tags;
    }

    private static void change(AbstractCollectionEvent event, SortedMap<Integer, Integer> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        try {
            Sql.on(connection(event), sql -> {
                new Links(sql, TaggedTable.ARTICLE).count(deltas);
                return null;
            });
        } catch (SQLException e) {
            throw new HibernateException("could not count the links of " + deltas.keySet(), e);
        }
    }

    private static Connection connection(AbstractCollectionEvent event) {
        return event.getSession().getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
    }
}
