package io.github.articletag.persistence;

import io.github.articletag.domain.Article;
import org.hibernate.SessionFactory;

import java.util.List;
import java.util.Optional;

/**
 * Articles, each call in its own transaction. The articles returned are detached, with their tags loaded.
 */
public final class ArticleRepository {

    private final SessionFactory sessionFactory;

    ArticleRepository(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** Saves a new article and, through the relationship, its new tags; returns it with its id set. */
    public Article save(Article article) {
        sessionFactory.inTransaction(session -> session.persist(article));
        return article;
    }

    /** The article with this id and its tags. */
    public Optional<Article> findWithTags(int id) {
        return sessionFactory.fromTransaction(session -> session
                .createSelectionQuery("from Article a left join fetch a.tags where a.id = :id", Article.class)
                .setParameter("id", id)
                .uniqueResultOptional());
    }

    /** All articles by id, with their tags, in one statement. */
    public List<Article> findAllWithTags() {
        return sessionFactory.fromTransaction(session -> session
                .createSelectionQuery("from Article a left join fetch a.tags order by a.id", Article.class)
                .getResultList());
    }
}
