package io.github.articletag.internal;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.hibernate.type.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An application's entity type that the library tags, as Hibernate maps it: its table and id column, read from the
 * mapping, and the link and count tables the library derives from them ({@code <table>_tag} with the column
 * {@code <table>_id}, and {@code <table>_tag_count}). Its own columns are Hibernate's to load and write; the
 * library writes them through a stateless session on the transaction's connection, so that one statement updates
 * exactly the entity the caller holds (its {@code @Version} included).
 *
 * @param <T> the entity class
 */
public final class TaggedType<T> {

    /** The longest name MySQL and MariaDB take for a table, a key or an index. */
    private static final int MAX_IDENTIFIER = 64;

    private final Class<T> type;
    private final SessionFactoryImplementor factory;
    private final EntityPersister persister;
    private final boolean longIds;
    private final TaggedTable table;

    private TaggedType(Class<T> type, SessionFactoryImplementor factory, EntityPersister persister, boolean longIds,
                       TaggedTable table) {
        this.type = type;
        this.factory = factory;
        this.persister = persister;
        this.longIds = longIds;
        this.table = table;
    }

    /**
     * The tagged type of {@code type}, as {@code factory} maps it.
     *
     * @throws IllegalArgumentException if the factory does not map the class, maps it to more than one table, its id
     *                                  is not an {@code Integer} or {@code Long}, or a derived table or key name
     *                                  would be too long
     */
    public static <T> TaggedType<T> of(SessionFactory factory, Class<T> type) {
        SessionFactoryImplementor implementor = factory.unwrap(SessionFactoryImplementor.class);
        EntityPersister persister;
        try {
            persister = implementor.getMappingMetamodel().getEntityDescriptor(type);
        } catch (RuntimeException notMapped) {
            throw new IllegalArgumentException(type.getName() + " is not an entity of this database's session"
                    + " factory: list it among the classes the database is opened with", notMapped);
        }
        Class<?> id = persister.getIdentifierType().getReturnedClass();
        boolean longIds = id == Long.class || id == long.class;
        if (!longIds && id != Integer.class && id != int.class) {
            throw new IllegalArgumentException(type.getName() + " has an id of type " + id.getName()
                    + ": a tagged type needs an Integer or Long id");
        }
        if (persister.getSubclassTableSpan() > 1) {
            throw new IllegalArgumentException(type.getName() + " maps to more than one table (JOINED inheritance or a"
                    + " secondary table): a tagged type is one table's rows, which a page reads with their tags in one"
                    + " statement");
        }
        AbstractEntityPersister mapped = (AbstractEntityPersister) persister;
        String table = unquoted(mapped.getRootTableName());
        String noun = type.getSimpleName().substring(0, 1).toLowerCase(Locale.ROOT) + type.getSimpleName().substring(1);
        TaggedTable tables = TaggedTable.of(table, unquoted(mapped.getIdentifierColumnNames()[0]), table + "_tag",
                table + "_id", noun);
        for (String name : List.of(tables.counts(), tables.countsByCount(), tables.countsTagKey(), tables.ownerKey(),
                tables.linksByTag())) {
            if (name.length() > MAX_IDENTIFIER) {
                throw new IllegalArgumentException("the table of " + type.getName() + " has too long a name for its"
                        + " tags' tables: '" + name + "' is longer than " + MAX_IDENTIFIER + " characters");
            }
        }
        return new TaggedType<>(type, implementor, persister, longIds, tables);
    }

    private static String unquoted(String name) {
        return name.replace("`", "").replace("\"", "");
    }

    /** The entity class. */
    public Class<T> type() {
        return type;
    }

    /** The tables, as the statements name them. */
    public TaggedTable table() {
        return table;
    }

    /** The SQL type of the link table's owner column: the owners' id type. */
    public String ownerType() {
        return longIds ? "BIGINT" : "INT";
    }

    /** The entity's id, or null before it is saved. */
    public Long id(T entity) {
        Object id = factory.getPersistenceUnitUtil().getIdentifier(entity);
        return id == null ? null : ((Number) id).longValue();
    }

    /**
     * The entities {@code ids} picks, in id order, each with its tags, in one statement: the page's ids, the
     * entities' rows (their columns as Hibernate maps them) and their tags, so one snapshot without a transaction
     * of several statements. Loaded in the caller's session (read-only there for a read, detached once it closes).
     */
    public Map<T, List<TagLookup.Stored>> loadWithTags(Session session, TaggedArticles ids) {
        String sql = "SELECT {owner.*}, t.id AS articletag_tag_id, t.name AS articletag_tag_name FROM (" + ids.sql()
                + ") p JOIN " + table.table() + " owner ON owner." + table.idColumn() + " = p.owner_id LEFT JOIN "
                + table.links() + " l ON l." + table.ownerColumn() + " = p.owner_id LEFT JOIN tag t ON t.id = l.tag_id"
                + " ORDER BY p.owner_id";
        NativeQuery<?> query = session.createNativeQuery(sql).addEntity("owner", type)
                .addScalar("articletag_tag_id", StandardBasicTypes.INTEGER)
                .addScalar("articletag_tag_name", StandardBasicTypes.STRING);
        for (int i = 0; i < ids.parameters().size(); i++) {
            query.setParameter(i + 1, ids.parameters().get(i));
        }
        Map<T, List<TagLookup.Stored>> loaded = new LinkedHashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            List<TagLookup.Stored> tags = loaded.computeIfAbsent(type.cast(columns[0]), entity -> new ArrayList<>());
            if (columns[1] != null) {
                tags.add(new TagLookup.Stored((Integer) columns[1], (String) columns[2]));
            }
        }
        return loaded;
    }

    /** Whether {@code id} can be an id of this type at all (an {@code Integer} id is in the int range). */
    public boolean canBe(long id) {
        return longIds || (id >= Integer.MIN_VALUE && id <= Integer.MAX_VALUE);
    }

    /** A copy of the entity's mapped state, to tell later whether it changed ({@link #changedSince}). */
    public Object[] state(T entity) {
        Object[] values = persister.getValues(entity);
        Type[] types = persister.getPropertyTypes();
        for (int i = 0; i < values.length; i++) {
            values[i] = types[i].deepCopy(values[i], factory);
        }
        return values;
    }

    /** Whether the entity's mapped state differs from {@code saved} (taken with {@link #state}). */
    public boolean changedSince(Object[] saved, T entity) {
        Object[] values = persister.getValues(entity);
        Type[] types = persister.getPropertyTypes();
        for (int i = 0; i < values.length; i++) {
            if (!types[i].isEqual(saved[i], values[i], factory)) {
                return true;
            }
        }
        return false;
    }

    /** Takes back an id an insert rolled back had set. */
    public void forgetId(T entity) {
        persister.getIdentifierMapping().setIdentifier(entity, null, null);
    }

    /** The entity's version, or null if the type has none. */
    public Object version(T entity) {
        return persister.isVersioned() ? persister.getVersion(entity) : null;
    }

    /** Puts back a version {@link #version} read, after an attempt that changed it was rolled back. */
    public void restoreVersion(T entity, Object version) {
        if (persister.isVersioned()) {
            persister.setValue(entity, persister.getVersionPropertyIndex(), version);
        }
    }

    /** Inserts the entity's row in the session's transaction; its generated id is set on it. */
    public long insert(Session session, T entity) {
        stateless(session, stateless -> stateless.insert(entity));
        return id(entity);
    }

    /** Inserts the entities' rows, one statement each (their ids may be generated), in the session's transaction. */
    public List<Long> insertAll(Session session, List<T> entities) {
        stateless(session, stateless -> entities.forEach(stateless::insert));
        return entities.stream().map(this::id).toList();
    }

    /**
     * Updates the entity's row in the session's transaction, checking and raising its version if it has one.
     *
     * @throws OptimisticLockException if no row was updated: its version is not the entity's, or it is gone
     */
    public void update(Session session, T entity) {
        try {
            stateless(session, stateless -> stateless.update(entity));
        } catch (StaleStateException changed) {
            throw new OptimisticLockException(table.noun() + " " + id(entity) + " was changed by someone else after it"
                    + " was read: read it again and apply the change again", changed, entity);
        }
    }

    /** Runs {@code work} in a stateless session on the session's connection, inside its transaction. */
    private void stateless(Session session, java.util.function.Consumer<StatelessSession> work) {
        session.doWork(connection -> {
            try (StatelessSession stateless = factory.withStatelessOptions().connection(connection)
                    .openStatelessSession()) {
                work.accept(stateless);
            }
        });
    }
}
