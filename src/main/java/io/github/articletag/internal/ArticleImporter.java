package io.github.articletag.internal;

import io.github.articletag.NewArticle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * The bulk path of {@code ArticleRepository.importArticles}: JDBC batches on the session's connection, chunk by
 * chunk, so that a stream of any length is imported in bounded memory.
 *
 * <p>Why not entities: Hibernate 7 does not batch inserts of entities with IDENTITY ids (it needs each id
 * back at once), so 10,000 articles would be 10,000 round trips. Here, article rows go out as batches that
 * Connector/J rewrites into multi-row INSERTs ({@code rewriteBatchedStatements=true}), and their ids come back
 * as generated keys. Connector/J computes those keys from {@code LAST_INSERT_ID()} and
 * {@code auto_increment_increment}: right as long as one multi-row INSERT receives consecutive ids, which
 * InnoDB guarantees for inserts whose row count is known in advance, in every {@code innodb_autoinc_lock_mode}.
 * Where {@code auto_increment_increment} is not 1 (some multi-primary setups) the importer inserts articles
 * one by one instead. The schema (AUTO_INCREMENT ids) stays as it is.
 */
public final class ArticleImporter {

    /** Rows per JDBC batch: bounds the driver's memory, and each rewritten INSERT stays well under 1 MiB. */
    public static final int BATCH = Sql.CHUNK;

    /**
     * Articles per transaction of an import committed batch by batch. The counts of every tag a transaction met
     * are written at its commit: with tags spread over a vocabulary of 1,000, batches of 1,000 cost about one
     * count update per article, and made the import of 1,000,000 articles several times slower than one
     * transaction; ten times as many cost a tenth of that, still a bounded transaction.
     */
    public static final int TRANSACTION = 10 * BATCH;

    private ArticleImporter() {
    }

    /** Validates everything first, so that bad input fails before any SQL runs. */
    public static List<NewArticle> validated(List<NewArticle> articles) {
        Arguments.notNull("articles to import", articles);
        List<NewArticle> clean = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            clean.add(validated(articles.get(i), i));
        }
        return clean;
    }

    /**
     * The next batch of up to {@link #TRANSACTION} articles of an import committed batch by batch, validated.
     *
     * @param imported how many articles of the input were imported before this batch
     * @throws IllegalArgumentException naming the article at fault by its position, and where to resume
     */
    public static List<NewArticle> nextBatch(Iterator<NewArticle> articles, long imported) {
        List<NewArticle> batch = new ArrayList<>(TRANSACTION);
        try {
            while (batch.size() < TRANSACTION && articles.hasNext()) {
                batch.add(validated(articles.next(), imported + batch.size()));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; the " + imported + " articles before its batch"
                    + " are imported: import the rest by skipping them", e);
        }
        return batch;
    }

    /**
     * The article with its title and names as they would be stored, one name per tag (the first spelling met:
     * "Java" and "java" are one tag).
     *
     * @throws IllegalArgumentException naming the article by its position in the import
     */
    private static NewArticle validated(NewArticle article, long index) {
        if (article == null) {
            throw new IllegalArgumentException("article " + index + " of the import is null");
        }
        try {
            String title = Names.require(Names.ARTICLE_TITLE, article.title());
            return new NewArticle(title, List.copyOf(Names.distinctTags(article.tagNames()).values()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("article " + index + " of the import: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts the articles in chunks of {@link #BATCH}: for each chunk, the tags it names that are not known yet
     * (found, or created by upsert), then its articles in one batch, then their links in one batch; at the end,
     * the tags' counts. Memory holds one chunk, and the ids and counts of the distinct tag names met, never the
     * whole input.
     *
     * @param articles  the articles, validated already or not ({@code validate})
     * @param ids       receives each new article's id, in input order
     * @param progress  receives the number of articles inserted so far, after each chunk
     * @return how many articles were inserted
     */
    public static long insert(Sql sql, Iterator<NewArticle> articles, boolean validate, IntConsumer ids,
                              LongConsumer progress) throws SQLException {
        boolean consecutiveIds = sql.list("SELECT @@SESSION.auto_increment_increment", row -> row.getInt(1)).get(0) == 1;
        Links links = new Links(sql, TaggedTable.ARTICLE);
        Map<String, Integer> tagIds = new HashMap<>();
        SortedMap<Integer, Integer> counts = new TreeMap<>(); // tag id to links inserted, for the kept counts
        long inserted = 0;
        List<NewArticle> chunk = new ArrayList<>(BATCH);
        // Each article's tag keys, computed once for the tag lookups and the links alike.
        List<List<String>> chunkKeys = new ArrayList<>(BATCH);
        while (articles.hasNext()) {
            chunk.clear();
            chunkKeys.clear();
            while (chunk.size() < BATCH && articles.hasNext()) {
                NewArticle next = articles.next();
                NewArticle article = validate ? validated(next, inserted + chunk.size()) : next;
                chunk.add(article);
                chunkKeys.add(article.tagNames().stream().map(Names::key).toList());
            }
            resolveTags(sql, chunk, chunkKeys, tagIds);
            List<Integer> chunkIds = insertArticles(sql, chunk, consecutiveIds);
            List<List<Integer>> chunkLinks = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                // Two names of one article can be one tag: a tag's name and its alias's.
                Set<Integer> articleTags = new LinkedHashSet<>();
                chunkKeys.get(i).forEach(key -> articleTags.add(tagIds.get(key)));
                for (int tagId : articleTags) {
                    chunkLinks.add(List.of(chunkIds.get(i), tagId));
                    counts.merge(tagId, 1, Integer::sum); // every link is new (so are the articles)
                }
            }
            links.insertNew(chunkLinks);
            chunkIds.forEach(ids::accept);
            inserted += chunk.size();
            progress.accept(inserted);
        }
        // Once, at the end, for every tag met: per chunk, an import of random tags changed as many counts (each a
        // move in the count index) as it inserted links. Unlike the other paths, the links' foreign-key checks
        // hold shared locks on these tags by now; a concurrent writer of one of them that this upgrade deadlocks
        // with is rolled back and retried (see Links).
        links.countImported(counts);
        return inserted;
    }

    private static List<Integer> insertArticles(Sql sql, List<NewArticle> chunk, boolean consecutiveIds)
            throws SQLException {
        String insert = "INSERT INTO article (title) VALUES (?)";
        List<Integer> ids = new ArrayList<>(chunk.size());
        if (consecutiveIds) {
            ids.addAll(sql.batchInsert(insert, chunk.stream().map(article -> List.of(article.title())).toList()));
        } else {
            for (NewArticle article : chunk) {
                ids.add(sql.insert(insert, article.title()));
            }
        }
        if (ids.size() != chunk.size()) {
            throw new IllegalStateException("the driver returned " + ids.size() + " ids for " + chunk.size()
                    + " inserted articles");
        }
        return ids;
    }

    /**
     * Adds to {@code tagIds} (by {@link Names#key key}; {@code chunkKeys} holds each article's keys, in the
     * order of its names) every tag the chunk names that it lacks, creating the
     * missing tags. Those go in as one batch of upserts, so that a tag created meanwhile by someone else is
     * reused rather than a duplicate-key error, in key order, so that concurrent imports lock the same rows in
     * the same order instead of deadlocking (they did in every run when each upserted in its input order). The
     * upsert updates {@code name_key} to itself, never {@code id}: MySQL refuses an update of the AUTO_INCREMENT
     * column in a multi-row INSERT (error 1869) when the duplicate is a row that same statement generated.
     */
    private static void resolveTags(Sql sql, List<NewArticle> chunk, List<List<String>> chunkKeys,
                                    Map<String, Integer> tagIds) throws SQLException {
        Map<String, String> names = new TreeMap<>(); // key to the first spelling met, in key order
        for (int i = 0; i < chunk.size(); i++) {
            List<String> articleNames = chunk.get(i).tagNames();
            List<String> keys = chunkKeys.get(i);
            for (int j = 0; j < keys.size(); j++) {
                if (!tagIds.containsKey(keys.get(j))) {
                    names.putIfAbsent(keys.get(j), articleNames.get(j));
                }
            }
        }
        if (names.isEmpty()) {
            return;
        }
        select(sql, List.copyOf(names.keySet()), tagIds);
        List<String> missing = names.keySet().stream().filter(key -> !tagIds.containsKey(key)).toList();
        if (missing.isEmpty()) {
            return;
        }
        sql.batch("INSERT INTO tag (name, name_key) VALUES (?, ?) ON DUPLICATE KEY UPDATE name_key = name_key",
                missing.stream().map(key -> List.of(names.get(key), key)).toList());
        TagLookup.aliasAmong(sql, missing).ifPresent(alias -> {
            throw new ConcurrentChange("'" + alias.name() + "' became an alias of tag " + alias.tagId()
                    + " while the import created it as a tag");
        });
        select(sql, missing, tagIds);
        for (String key : missing) {
            if (!tagIds.containsKey(key)) {
                throw new IllegalStateException("tag '" + names.get(key) + "' was inserted but cannot be read back");
            }
        }
    }

    /** Reads the ids of the tags these keys stand for (their own, or an alias's) into {@code ids}. */
    private static void select(Sql sql, List<String> keys, Map<String, Integer> ids) throws SQLException {
        TagLookup.resolve(sql, keys).forEach((key, tag) -> ids.put(key, tag.id()));
    }
}
