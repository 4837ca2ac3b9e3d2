package io.github.articletag.persistence;

import io.github.articletag.domain.Article;
import io.github.articletag.domain.Tag;
import org.hibernate.Session;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Articles, each call in its own transaction. The articles returned are detached with their tags loaded,
 * and every query runs in a fixed number of SQL statements whatever the size of its result.
 */
public final class ArticleRepository {

    /** Loads articles with their tags; the caller adds a where clause on {@code a}. */
    private static final String WITH_TAGS = "from Article a left join fetch a.tags ";

    private final Transactions transactions;

    ArticleRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Saves a new article and, through the relationship, its new tags; returns it with its id set. */
    public Article save(Article article) {
        if (article.getId() != null) {
            throw new IllegalArgumentException(article + " is already saved");
        }
        transactions.run(session -> {
            session.persist(article);
            return article;
        });
        return article;
    }

    /** The article with this id and its tags. */
    public Optional<Article> findWithTags(int id) {
        return transactions.read(session -> session
                .createSelectionQuery(WITH_TAGS + "where a.id = :id", Article.class)
                .setParameter("id", id)
                .uniqueResultOptional());
    }

    /** All articles by id, with their tags, in one statement. */
    public List<Article> findAllWithTags() {
        return transactions.read(session -> session
                .createSelectionQuery(WITH_TAGS + "order by a.id", Article.class)
                .getResultList());
    }

    /**
     * A page of articles by id, with their tags, in one statement: Hibernate 7.4 pages a collection fetch in
     * SQL (the page of articles becomes a derived table joined to their tags), so nothing is paged in memory;
     * {@code hibernate.query.fail_on_pagination_over_collection_fetch} would turn that into an error.
     *
     * @param offset how many articles to skip, at least 0
     * @param size   how many to return at most, 1 to 1000
     */
    public List<Article> findPage(int offset, int size) {
        checkPage(offset, size);
        return transactions.read(session -> session
                .createSelectionQuery(WITH_TAGS + "order by a.id", Article.class)
                .setFirstResult(offset)
                .setMaxResults(size)
                .getResultList());
    }

    /**
     * Like {@link #findPage}, as read-only summaries: the same rows, about twice as fast, for listings.
     *
     * @param offset how many articles to skip, at least 0
     * @param size   how many to return at most, 1 to 1000
     */
    public List<ArticleSummary> summarizePage(int offset, int size) {
        checkPage(offset, size);
        return transactions.read(session -> session.doReturningWork(
                connection -> ArticleSummaries.page(connection, offset, size)));
    }

    /** Like {@link #findTagged}, as read-only summaries, in one statement. */
    public List<ArticleSummary> summarizeTagged(String tagName) {
        String key = Tag.keyOf(tagName);
        return transactions.read(session -> session.doReturningWork(
                connection -> ArticleSummaries.tagged(connection, key)));
    }

    /** Articles tagged {@code tagName}, by id, with all their tags. */
    public List<Article> findTagged(String tagName) {
        return findTaggedWithAll(List.of(tagName));
    }

    /**
     * Articles tagged with every one of {@code tagNames}, by id, with all their tags, in one statement.
     *
     * @throws IllegalArgumentException if there are no names or one is invalid
     */
    public List<Article> findTaggedWithAll(Collection<String> tagNames) {
        List<String> keys = keys(tagNames);
        StringBuilder query = new StringBuilder(WITH_TAGS + "where true");
        for (int i = 0; i < keys.size(); i++) {
            // One semi-join per name; a name no tag has matches nothing.
            query.append(" and exists (select 1 from a.tags t").append(i)
                    .append(" where t").append(i).append(".nameKey = :key").append(i).append(')');
        }
        query.append(" order by a.id");
        return transactions.read(session -> {
            var selection = session.createSelectionQuery(query.toString(), Article.class);
            for (int i = 0; i < keys.size(); i++) {
                selection.setParameter("key" + i, keys.get(i));
            }
            return selection.getResultList();
        });
    }

    /**
     * Articles tagged with at least one of {@code tagNames}, by id, with all their tags, in one statement.
     *
     * @throws IllegalArgumentException if there are no names or one is invalid
     */
    public List<Article> findTaggedWithAny(Collection<String> tagNames) {
        List<String> keys = keys(tagNames);
        return transactions.read(session -> session
                .createSelectionQuery(WITH_TAGS + """
                        where exists (select 1 from a.tags t where t.nameKey in :keys)
                        order by a.id""", Article.class)
                .setParameter("keys", keys)
                .getResultList());
    }

    /**
     * Other articles sharing tags with this one, most shared tags first (then by id), in one statement.
     *
     * @param limit how many at most, at least 1
     */
    public List<RelatedArticle> findRelated(int articleId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return transactions.read(session -> session
                .createSelectionQuery("""
                        select other.id, other.title, count(t.id)
                        from Article self join self.tags t join t.articles other
                        where self.id = :id and other.id <> :id
                        group by other.id, other.title
                        order by count(t.id) desc, other.id""", RelatedArticle.class)
                .setParameter("id", articleId)
                .setMaxResults(limit)
                .getResultList());
    }

    /**
     * Tags an article with each of {@code tagNames}, creating the tags that do not exist yet. A tag the article
     * already has is left alone. All or nothing: every name is checked before any SQL runs, and it all happens
     * in one transaction (retried on deadlock).
     *
     * @return the article with all its tags
     * @throws IllegalArgumentException if a name is invalid
     * @throws NoSuchElementException   if the article does not exist
     */
    public Article tag(int articleId, String... tagNames) {
        if (tagNames == null) {
            throw new IllegalArgumentException("tag names must not be null");
        }
        List<String> names = normalize(Arrays.asList(tagNames));
        return transactions.retrying(session -> {
            Article article = require(session, articleId);
            for (String name : names) {
                article.addTag(TagRepository.findOrCreate(session, name));
            }
            return article;
        });
    }

    /**
     * Removes one tag from an article: exactly one {@code article_tag} row.
     *
     * @return {@code false} if the article did not carry that tag
     * @throws NoSuchElementException if the article does not exist
     */
    public boolean untag(int articleId, String tagName) {
        String key = Tag.keyOf(tagName);
        return transactions.retrying(session -> {
            Article article = require(session, articleId);
            return TagRepository.findByKey(session, key).map(article::removeTag).orElse(false);
        });
    }

    /**
     * Imports many articles with their tags at once: new tags are created, existing ones reused, all in one
     * transaction, in batches of multi-row INSERTs (see the README's performance section for the figures).
     * Every title and name is checked before any SQL runs.
     *
     * @return the new articles' ids, in the order given
     * @throws IllegalArgumentException naming the article at fault if a title or tag name is invalid
     */
    public List<Integer> importArticles(List<NewArticle> articles) {
        List<NewArticle> validated = ArticleImporter.validated(articles);
        if (validated.isEmpty()) {
            return List.of();
        }
        return transactions.run(session -> session.doReturningWork(
                connection -> ArticleImporter.insert(connection, validated)));
    }

    /**
     * Deletes an article and its links; its tags stay.
     *
     * @return {@code false} if there was no such article
     */
    public boolean delete(int articleId) {
        // One statement: the foreign key's ON DELETE CASCADE removes the links.
        return transactions.run(session -> session
                .createMutationQuery("delete from Article where id = :id")
                .setParameter("id", articleId)
                .executeUpdate()) > 0;
    }

    private static Article require(Session session, int id) {
        return session.createSelectionQuery(WITH_TAGS + "where a.id = :id", Article.class)
                .setParameter("id", id)
                .uniqueResultOptional()
                .orElseThrow(() -> new NoSuchElementException("article " + id + " does not exist"));
    }

    private static void checkPage(int offset, int size) {
        if (offset < 0 || size < 1 || size > 1000) {
            throw new IllegalArgumentException(
                    "page offset must be at least 0 and size 1 to 1000, were " + offset + " and " + size);
        }
    }

    /** The names as they would be stored, one per tag (the first spelling of each), in the order given. */
    private static List<String> normalize(Collection<String> tagNames) {
        return List.copyOf(byKey(tagNames).values());
    }

    /** The distinct keys of the names ({@link Tag#keyOf}), in the order given. */
    private static List<String> keys(Collection<String> tagNames) {
        return List.copyOf(byKey(tagNames).keySet());
    }

    private static Map<String, String> byKey(Collection<String> tagNames) {
        if (tagNames == null || tagNames.isEmpty()) {
            throw new IllegalArgumentException("at least one tag name is needed");
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : tagNames) {
            String normalized = Tag.normalizeName(name);
            names.putIfAbsent(Tag.keyOf(normalized), normalized);
        }
        return names;
    }
}
