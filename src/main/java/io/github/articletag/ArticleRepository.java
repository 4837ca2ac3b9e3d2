package io.github.articletag;

import io.github.articletag.internal.Arguments;
import io.github.articletag.internal.ArticleImporter;
import io.github.articletag.internal.ArticleSummaries;
import io.github.articletag.internal.ArticleWrites;
import io.github.articletag.internal.Keyset;
import io.github.articletag.internal.Links;
import io.github.articletag.internal.Names;
import io.github.articletag.internal.RelatedTags;
import io.github.articletag.internal.Sql;
import io.github.articletag.internal.TagLookup;
import io.github.articletag.internal.TaggedArticles;
import io.github.articletag.internal.TaggedTable;
import io.github.articletag.internal.Tagging;
import io.github.articletag.internal.Transactions;
import jakarta.persistence.OptimisticLockException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Articles, each call in its own transaction. The articles returned are detached with their tags loaded.
 * Every query returns a bounded page (see {@link Page}) in a fixed number of SQL statements, and reads about as
 * many rows as it returns, at any depth.
 */
public final class ArticleRepository {

    /** The repository's name in the calls' observations. */
    private static final String CALLS = "articles";

    private final Transactions transactions;

    ArticleRepository(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Saves an article: a new one with its tags, or the changes made to a loaded one since it was loaded or
     * last saved (its new title, the tags added and removed: {@link Article#hasUnsavedChanges()}).
     *
     * <p>Tags are matched to the database as {@link TagRepository#findOrCreate} does: a tag with an id is that
     * tag; a new {@link Tag} is the existing tag of the same name ({@link Tag#keyOf}) or is created. Only changes
     * are written, so a tag another user added to the same article meanwhile stays. A title is written only if
     * the database still holds the title this article was loaded with.
     *
     * <p>On success the article (and each new tag in it) has its id, and its changes count as saved. On
     * failure nothing is written and the objects are exactly as before: fix the cause and save again.
     *
     * @return {@code article}
     * @throws IllegalArgumentException        if the article is null
     * @throws NoSuchElementException          if the article, or a tag with an id that it adds, no longer exists
     *                                         (deleted, or merged into another tag)
     * @throws OptimisticLockException         if someone else changed the title since the article was loaded:
     *                                         load it again, and apply the change again
     * @throws DatabaseUnavailableException    if the connection was lost (see src/docs/errors.md)
     */
    public Article save(Article article) {
        return transactions.call(CALLS, "save", () -> {
            Arguments.notNull("article", article);
            if (article.getId() == null) {
                List<Tag> tags = List.copyOf(article.getTags());
                List<Tagging.TagRef> refs = StoredEntities.refs(tags);
                // Not safe to repeat after a lost connection: the commit may have inserted the article already.
                ArticleWrites.Inserted inserted = transactions.retryingConflicts(session -> Sql.on(session,
                        sql -> ArticleWrites.insert(sql, article.getTitle(), refs)));
                article.assignId(inserted.id());
                StoredEntities.adoptIds(article, tags, inserted.tags());
            } else if (article.hasUnsavedChanges()) {
                int id = article.getId();
                String expectedTitle = article.isTitleChanged() ? article.savedTitle() : null;
                List<Tag> added = List.copyOf(article.unsavedTagAdditions());
                List<Tagging.TagRef> addedRefs = StoredEntities.refs(added);
                List<Tagging.TagRef> removedRefs = StoredEntities.refs(article.unsavedTagRemovals());
                // Every change is written so that writing it twice changes nothing more: safe to repeat.
                List<TagLookup.Stored> ids = transactions.retrying(session -> Sql.on(session, sql -> ArticleWrites.update(sql,
                        transactions.counters(), id, expectedTitle, article.getTitle(), addedRefs, removedRefs)));
                StoredEntities.adoptIds(article, added, ids);
            } else {
                return article;
            }
            article.markSaved();
            return article;
        });
    }

    /** The article with this id and its tags. */
    public Optional<Article> findWithTags(int id) {
        return transactions.call(CALLS, "findWithTags", () ->
                transactions.read(session -> Sql.on(session, sql -> ArticleSummaries.one(sql, id))).stream()
                    .findFirst().map(StoredEntities::article));
    }

    /**
     * A page of all articles by id, with their tags, in one statement.
     *
     * @param after the cursor of the previous page ({@link Page#next()}), or null for the first page
     * @param size  how many articles at most, 1 to 1000
     * @throws IllegalArgumentException if the size is out of range or the cursor is not one of this listing
     */
    public Page<Article> findPage(String after, int size) {
        return transactions.call(CALLS, "findPage", () -> {
            int afterId = Keyset.afterId(after);
            Arguments.size(size);
            return StoredEntities.page(Keyset.byId(transactions.read(session -> Sql.on(session,
                    sql -> ArticleSummaries.page(sql, afterId, Keyset.rowsFor(size)))), size, ArticleSummaries.Row::id));
        });
    }

    /**
     * Like {@link #findPage}, as read-only summaries: the same rows, cheaper to read, for listings (see the
     * guide's performance page, src/docs/performance.md). One statement.
     */
    public Page<ArticleSummary> summarizePage(String after, int size) {
        return transactions.call(CALLS, "summarizePage", () -> {
            int afterId = Keyset.afterId(after);
            Arguments.size(size);
            return Keyset.byId(transactions.read(session -> Sql.on(session, sql -> ArticleSummaries
                    .summaries(ArticleSummaries.page(sql, afterId, Keyset.rowsFor(size))))), size, ArticleSummary::id);
        });
    }

    /**
     * A page of the articles tagged {@code tagName}, by id, with all their tags, in one statement (the page's ids
     * from the tag's range of links, joined to those articles and their tags). Same as {@link #find} with
     * {@code TagQuery.withAll(tagName)}.
     *
     * @param after the cursor of the previous page, or null for the first page
     * @param size  how many articles at most, 1 to 1000
     * @throws IllegalArgumentException if the name is invalid, the size out of range or the cursor foreign
     */
    public Page<Article> findTagged(String tagName, String after, int size) {
        return transactions.call(CALLS, "findTagged", () ->
                find(TagQuery.withAll(Names.require(Names.TAG_NAME, tagName)), after, size));
    }

    /** Like {@link #findTagged}, as read-only summaries, in one statement. */
    public Page<ArticleSummary> summarizeTagged(String tagName, String after, int size) {
        return transactions.call(CALLS, "summarizeTagged", () ->
                summarize(TagQuery.withAll(Names.require(Names.TAG_NAME, tagName)), after, size));
    }

    /**
     * A page of the articles tagged with every one of {@code tagNames}: {@link #find} with
     * {@code new TagQuery(tagNames, List.of(), List.of())}.
     */
    public Page<Article> findTaggedWithAll(Collection<String> tagNames, String after, int size) {
        return transactions.call(CALLS, "findTaggedWithAll", () ->
                find(new TagQuery(List.copyOf(Names.atLeastOneTag(tagNames).values()), List.of(), List.of()), after,
                    size));
    }

    /**
     * A page of the articles tagged with at least one of {@code tagNames}: {@link #find} with
     * {@code new TagQuery(List.of(), tagNames, List.of())}.
     */
    public Page<Article> findTaggedWithAny(Collection<String> tagNames, String after, int size) {
        return transactions.call(CALLS, "findTaggedWithAny", () ->
                find(new TagQuery(List.of(), List.copyOf(Names.atLeastOneTag(tagNames).values()), List.of()), after,
                    size));
    }

    /** Like {@link #findTaggedWithAll}, as read-only summaries. */
    public Page<ArticleSummary> summarizeTaggedWithAll(Collection<String> tagNames, String after, int size) {
        return transactions.call(CALLS, "summarizeTaggedWithAll", () ->
                summarize(new TagQuery(List.copyOf(Names.atLeastOneTag(tagNames).values()), List.of(), List.of()),
                    after, size));
    }

    /** Like {@link #findTaggedWithAny}, as read-only summaries. */
    public Page<ArticleSummary> summarizeTaggedWithAny(Collection<String> tagNames, String after, int size) {
        return transactions.call(CALLS, "summarizeTaggedWithAny", () ->
                summarize(new TagQuery(List.of(), List.copyOf(Names.atLeastOneTag(tagNames).values()), List.of()),
                    after, size));
    }

    /**
     * A page of the articles {@code query} picks, by id, with all their tags. One statement for one tag alone, or
     * for any of some tags alone: the page's ids, its articles and their tags; otherwise the tags' kept counts and
     * aliases are read first to choose the query, which then finds the tags by name itself: the page and its cursor
     * are one moment's truth, the moment of its statement. A page reads the links
     * of the least used tag of {@code allOf} (or the next page of each tag of {@code anyOf}, if they carry fewer),
     * up to the page's last article, and one primary-key lookup per article and other tag: its cost does not grow
     * with depth, and is about the page's when the other conditions pass most articles. A query that names no tag
     * in {@code allOf} or {@code anyOf} ({@link TagQuery#untagged()}, {@link TagQuery#withNone}) walks the articles
     * themselves, at most {@value TaggedArticles#WALK} ids past the cursor per page: when few of them match, a page
     * may hold fewer than {@code size} articles, or none, while {@link Page#next()} is not null; follow it to go on.
     *
     * @param after the cursor of the previous page ({@link Page#next()}), or null for the first page
     * @param size  how many articles at most, 1 to 1000
     * @throws IllegalArgumentException if the query is null, the size out of range or the cursor foreign
     */
    public Page<Article> find(TagQuery query, String after, int size) {
        return transactions.call(CALLS, "find", () -> StoredEntities.page(matching(query, after, size)));
    }

    /** Like {@link #find}, as read-only summaries. */
    public Page<ArticleSummary> summarize(TagQuery query, String after, int size) {
        return transactions.call(CALLS, "summarize", () -> {
            Page<ArticleSummaries.Row> rows = matching(query, after, size);
            return new Page<>(ArticleSummaries.summaries(rows.items()), rows.next());
        });
    }

    /**
     * The page of {@link #find} as rows: the tags' kept counts and aliases choose the query, and one statement
     * reads the page's ids, their articles and tags. A page that walks the articles reads where its walk ended in the
     * page's snapshot (see {@link Transactions#readSnapshot}).
     */
    private Page<ArticleSummaries.Row> matching(TagQuery query, String after, int size) {
        Arguments.notNull("tag query", query);
        int afterId = Keyset.afterId(after);
        Arguments.size(size);
        return transactions.readSnapshot(TaggedArticles.walksOwners(query), session -> Sql.on(session, sql -> {
            List<ArticleSummaries.Row> rows = ArticleSummaries.of(sql, TaggedArticles.matching(sql, TaggedTable.ARTICLE,
                    query, afterId, Keyset.rowsFor(size), false));
            boolean walked = TaggedArticles.walksOwners(query) && rows.size() <= size;
            return Keyset.byId(rows, size, ArticleSummaries.Row::id,
                    walked ? TaggedArticles.walkedTo(sql, TaggedTable.ARTICLE, afterId) : null);
        }));
    }

    /**
     * How many articles {@code query} picks, or {@code atMost} if at least that many do ("1,000+" in a paging
     * UI): bounded like a page of {@code atMost} articles. For one tag alone it is the tag's kept count, one
     * statement; otherwise the tags' lookup chooses the query, then the count, which finds the tags itself. A
     * query that names no tag in {@code allOf} or {@code anyOf} counts by walking the articles until
     * {@code atMost} match, unlike its pages: its cost grows with the articles it passes over (all of them when
     * fewer match).
     *
     * @param atMost where counting stops, at least 1
     * @throws IllegalArgumentException if the query is null or {@code atMost} is less than 1
     */
    public long count(TagQuery query, int atMost) {
        return transactions.call(CALLS, "count", () -> {
            Arguments.notNull("tag query", query);
            if (atMost < 1) {
                throw new IllegalArgumentException("atMost must be at least 1, was " + atMost);
            }
            return transactions.read(session -> Sql.on(session,
                    sql -> TaggedArticles.count(sql, TaggedTable.ARTICLE, query, atMost)));
        });
    }

    /**
     * Other articles sharing tags with this one, most shared tags first (then by id), in two statements that read
     * one snapshot. Counted as related tags are, over a sample: for each of its tags, the
     * {@value RelatedTags#SAMPLE} newest other articles that carry it. Exact while each of its tags is on at most
     * that many articles; beyond, a popular tag counts only for its newest articles, so that the cost is bounded
     * for an article carrying a tag on 100,000 articles too.
     *
     * @param limit how many at most, 1 to 1000
     */
    public List<RelatedArticle> findRelated(int articleId, int limit) {
        return transactions.call(CALLS, "findRelated", () -> {
            Arguments.size(limit);
            return transactions.readSnapshot(true, session -> Sql.on(session, sql -> ArticleSummaries.related(sql, articleId, limit)));
        });
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
        return transactions.call(CALLS, "tag", () -> {
            List<String> names = Names.inKeyOrder(Names.atLeastOneTag(Arrays.asList(Arguments.notNull("tag names", tagNames))).values());
            return StoredEntities.article(transactions.retrying(session -> Sql.on(session,
                    sql -> ArticleWrites.tag(sql, articleId, names))));
        });
    }

    /**
     * Tags many existing articles with each of {@code tagNames} at once, creating the tags that do not exist yet;
     * links already there are left alone. All or nothing, in one transaction (retried on a conflict): one statement
     * per tag and 1,000 articles, sent as one JDBC batch, besides the tags and the kept counts.
     *
     * @param articleIds 1 to {@value Links#MAX_OWNERS} articles
     * @param tagNames   1 to {@value Links#MAX_TAGS} tag names
     * @return how many links were added
     * @throws IllegalArgumentException if an id or a name is null or invalid, or there are too few or too many
     * @throws NoSuchElementException   naming them, if some of the articles do not exist (nothing is changed)
     */
    public int tagAll(Collection<Integer> articleIds, Collection<String> tagNames) {
        return transactions.call(CALLS, "tagAll", () -> {
            SortedSet<Long> articles = Links.bulkIds(TaggedTable.ARTICLE, articleIds);
            List<String> names = Names.inKeyOrder(tagNames);
            Links.requireBulkTagCount(names.size());
            return transactions.retrying(session -> Sql.on(session,
                    sql -> Tagging.tagAll(sql, TaggedTable.ARTICLE, articles, names)));
        });
    }

    /**
     * Removes each of {@code tagNames} from many articles at once; names that are no tag's are skipped. All or
     * nothing, in one transaction (retried on a conflict), in JDBC batches like {@link #tagAll}.
     *
     * @return how many links were removed
     * @throws IllegalArgumentException if an id or a name is null or invalid, or there are too few or too many
     * @throws NoSuchElementException   naming them, if some of the articles do not exist (nothing is changed)
     */
    public int untagAll(Collection<Integer> articleIds, Collection<String> tagNames) {
        return transactions.call(CALLS, "untagAll", () -> {
            SortedSet<Long> articles = Links.bulkIds(TaggedTable.ARTICLE, articleIds);
            List<String> keys = List.copyOf(Names.distinctTags(tagNames).keySet());
            Links.requireBulkTagCount(keys.size());
            return transactions.retrying(session -> Sql.on(session,
                    sql -> Tagging.untagAll(sql, TaggedTable.ARTICLE, articles, keys)));
        });
    }

    /**
     * Gives an article exactly the tags {@code tagNames} name (none, if it is empty), creating those that do not
     * exist yet: the links it lacks are added and the others removed, in one transaction that locks the article,
     * so that concurrent replacements of its tags apply one after the other.
     *
     * @return the article with its tags
     * @throws IllegalArgumentException if a name is null or invalid
     * @throws NoSuchElementException   if the article does not exist
     */
    public Article replaceTags(int articleId, Collection<String> tagNames) {
        return transactions.call(CALLS, "replaceTags", () -> {
            List<String> names = Names.inKeyOrder(tagNames);
            // As tag() returns it: no entity load through Hibernate.
            return StoredEntities.article(transactions.retrying(session -> Sql.on(session,
                    sql -> ArticleWrites.replaceTags(sql, articleId, names))));
        });
    }

    /**
     * Removes one tag from an article: exactly one {@code article_tag} row.
     *
     * @return {@code false} if the article did not carry that tag; of several concurrent calls for the same
     *         link, exactly one returns {@code true}
     * @throws IllegalArgumentException if the name is invalid
     * @throws NoSuchElementException   if the article does not exist
     */
    public boolean untag(int articleId, String tagName) {
        return transactions.call(CALLS, "untag", () -> {
            String key = Tag.keyOf(tagName);
            return transactions.retrying(session -> Sql.on(session, sql -> Tagging.untag(sql, TaggedTable.ARTICLE, articleId, key)));
        });
    }

    /**
     * Imports many articles with their tags at once: new tags are created, existing ones reused, all in one
     * transaction, in batches of multi-row INSERTs (see the guide's performance page, src/docs/performance.md for the figures).
     * Every title and name is checked before any SQL runs. For inputs too large to hold in memory, see
     * {@link #importArticles(Stream, LongConsumer)}.
     *
     * @return the new articles' ids, in the order given
     * @throws IllegalArgumentException naming the article at fault if a title or tag name is invalid
     */
    public List<Integer> importArticles(List<NewArticle> articles) {
        return transactions.call(CALLS, "importArticles", () -> {
            List<NewArticle> validated = ArticleImporter.validated(articles);
            if (validated.isEmpty()) {
                return List.of();
            }
            // Run again after a deadlock with a concurrent import (the server rolled it back), never after a lost
            // connection: its commit may have inserted everything already.
            List<Integer> imported = transactions.retryingConflicts(session -> Sql.on(session, sql -> {
                List<Integer> ids = new ArrayList<>(validated.size());
                ArticleImporter.insert(sql, validated.iterator(), false, ids::add, inserted -> { });
                return ids;
            }));
            transactions.counters().imported(imported.size()); // once committed: an attempt run again counts once
            return imported;
        });
    }

    /**
     * Imports a stream of articles of any length in bounded memory: one chunk of {@value ArticleImporter#BATCH}
     * articles and the ids of the distinct tag names met are held at a time, whatever the length of the stream.
     * All of it is one transaction: if anything fails, nothing is imported. Each article is
     * checked when the stream reaches it; a bad one fails the import then, and the transaction is rolled back.
     * A stream cannot be read twice, so unlike the list form this one is not run again after a deadlock: the
     * {@code PessimisticLockException} (or similar) reaches the caller, with nothing imported.
     *
     * @param progress receives the number of articles imported so far, after each chunk (in the calling thread)
     * @return how many articles were imported
     * @throws IllegalArgumentException naming the article at fault (by position) if a title or tag name is invalid
     */
    public long importArticles(Stream<NewArticle> articles, LongConsumer progress) {
        return transactions.call(CALLS, "importArticles", () -> {
            Iterator<NewArticle> input = Arguments.notNull("articles", articles).iterator();
            Arguments.notNull("progress", progress);
            return transactions.run(session -> Sql.on(session,
                    sql -> ArticleImporter.insert(sql, input, true, id -> { }, countedProgress(progress))));
        });
    }

    /**
     * Imports a stream of articles of any length in batches of {@value ArticleImporter#TRANSACTION}, each batch its own
     * transaction (run again after a conflict, as the list form is): no transaction holds more than one batch's
     * rows and locks, and an import can be stopped and resumed. After each batch is committed, {@code progress} is
     * told how many articles this call has imported ({@code total} is -1: a stream's length is not known);
     * returning {@code false} stops the import there. To resume, import the same input again skipping that many
     * ({@code stream.skip(imported)}): batches are committed whole and in input order. Each article is checked when
     * the stream reaches it; a bad one fails the import before its batch is written, the batches before it staying
     * imported. For an import that is all or nothing, see {@link #importArticles(Stream, LongConsumer)}.
     *
     * @param progress told after each committed batch; {@link Progress#NONE} to import everything
     * @return how many articles were imported, in input order
     * @throws IllegalArgumentException     naming the article at fault by its position and how many articles were
     *                                      imported before its batch, if a title or tag name is invalid
     * @throws DatabaseUnavailableException if the connection was lost; if during a commit, whether that batch was
     *                                      imported is unknown, and the last count reported is what was before it
     */
    public long importInBatches(Stream<NewArticle> articles, Progress progress) {
        return transactions.call(CALLS, "importInBatches", () -> {
            Iterator<NewArticle> input = Arguments.notNull("articles", articles).iterator();
            Arguments.notNull("progress", progress);
            long imported = 0;
            while (input.hasNext()) {
                List<NewArticle> batch = ArticleImporter.nextBatch(input, imported);
                long inserted = transactions.retryingConflicts(session -> Sql.on(session,
                        sql -> ArticleImporter.insert(sql, batch.iterator(), false, id -> { }, done -> { })));
                transactions.counters().imported(inserted);
                imported += inserted;
                if (!progress.batchDone(imported, -1)) {
                    break;
                }
            }
            return imported;
        });
    }

    /** Passes an import's progress on, and adds each chunk to the database's count of articles imported. */
    private LongConsumer countedProgress(LongConsumer progress) {
        long[] counted = {0};
        return inserted -> {
            transactions.counters().imported(inserted - counted[0]);
            counted[0] = inserted;
            progress.accept(inserted);
        };
    }

    /**
     * Deletes an article and its links; its tags stay.
     *
     * @return {@code false} if there was no such article
     */
    public boolean delete(int articleId) {
        return transactions.call(CALLS, "delete", () ->
                transactions.retryingConflicts(session -> Sql.on(session, sql -> Tagging.delete(sql, TaggedTable.ARTICLE, articleId))));
    }
}
