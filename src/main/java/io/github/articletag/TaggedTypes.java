package io.github.articletag;

import io.github.articletag.internal.TaggedType;
import io.github.articletag.internal.Transactions;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.SessionFactory;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.articletag.internal.Arguments.notNull;

/**
 * The application's tagged types of a session factory, and their repositories: what {@link Database} and its
 * {@link Database.Replicas} hand out. Package-private.
 */
final class TaggedTypes {

    private TaggedTypes() {
    }

    /** The factory's entities that extend {@link Taggable}, in a stable order. */
    static List<TaggedType<?>> of(SessionFactory factory) {
        return factory.getMetamodel().getEntities().stream()
                .map(EntityType::getJavaType)
                .filter(Taggable.class::isAssignableFrom)
                .sorted(Comparator.comparing(Class::getName))
                .<TaggedType<?>>map(type -> TaggedType.of(factory, type))
                .toList();
    }

    /** A repository per tagged type, by class, over {@code transactions}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<Class<?>, TaggedRepository<?>> repositories(Transactions transactions,
                                                           List<TaggedType<?>> types) {
        Map<Class<?>, TaggedRepository<?>> repositories = new LinkedHashMap<>();
        types.forEach(type -> repositories.put(type.type(), new TaggedRepository(transactions, type)));
        return Collections.unmodifiableMap(repositories);
    }

    /** The repository of {@code type} among {@code tagged}, or an error naming the types there are. */
    @SuppressWarnings("unchecked")
    static <T extends Taggable> TaggedRepository<T> lookUp(Map<Class<?>, TaggedRepository<?>> tagged,
                                                         Class<T> type) {
        TaggedRepository<?> repository = tagged.get(notNull("type", type));
        if (repository == null) {
            throw new IllegalArgumentException(type.getName() + " is not a tagged type of this database: open it"
                    + " with the class among its entity classes; its tagged types are "
                    + tagged.keySet().stream().map(Class::getSimpleName).toList());
        }
        return (TaggedRepository<T>) repository;
    }
}
