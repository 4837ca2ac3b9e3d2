package io.github.articletag.persistence;

import io.github.articletag.domain.Tag;
import org.hibernate.SessionFactory;

import java.util.Optional;

/**
 * Tags, each call in its own transaction. The tags returned are detached, with their articles loaded.
 */
public final class TagRepository {

    private final SessionFactory sessionFactory;

    TagRepository(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** The tag with this id and its articles. */
    public Optional<Tag> findWithArticles(int id) {
        return sessionFactory.fromTransaction(session -> session
                .createSelectionQuery("from Tag t left join fetch t.articles where t.id = :id", Tag.class)
                .setParameter("id", id)
                .uniqueResultOptional());
    }
}
