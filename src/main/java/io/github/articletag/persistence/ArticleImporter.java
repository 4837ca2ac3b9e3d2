package io.github.articletag.persistence;

import io.github.articletag.domain.Article;
import io.github.articletag.domain.Tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bulk path of {@link ArticleRepository#importArticles}: JDBC batches on the session's connection.
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
final class ArticleImporter {

    /** Rows per JDBC batch: bounds the driver's memory, and each rewritten INSERT stays well under 1 MiB. */
    static final int BATCH = 1000;

    private ArticleImporter() {
    }

    /** Validates everything first, so that bad input fails before any SQL runs. */
    static List<NewArticle> validated(List<NewArticle> articles) {
        if (articles == null) {
            throw new IllegalArgumentException("articles to import must not be null");
        }
        List<NewArticle> clean = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            NewArticle article = articles.get(i);
            if (article == null) {
                throw new IllegalArgumentException("article " + i + " of the import is null");
            }
            try {
                String title = Article.normalizeTitle(article.title());
                Map<String, String> names = new LinkedHashMap<>(); // key to the first spelling: "Java", "java" is one tag
                for (String name : article.tagNames()) {
                    String normalized = Tag.normalizeName(name);
                    names.putIfAbsent(Tag.keyOf(normalized), normalized);
                }
                clean.add(new NewArticle(title, List.copyOf(names.values())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("article " + i + " of the import: " + e.getMessage(), e);
            }
        }
        return clean;
    }

    /** Inserts the (validated) articles, their new tags and their links; returns the ids in input order. */
    static List<Integer> insert(Connection connection, List<NewArticle> articles) throws SQLException {
        Map<String, Integer> tagIds = tagIds(connection, articles);
        List<Integer> ids = insertArticles(connection, articles);
        try (PreparedStatement links = connection.prepareStatement(
                "INSERT INTO article_tag (article_id, tag_id) VALUES (?, ?)")) {
            int pending = 0;
            for (int i = 0; i < articles.size(); i++) {
                for (String name : articles.get(i).tagNames()) { // one per tag already (validated)
                    links.setInt(1, ids.get(i));
                    links.setInt(2, tagIds.get(Tag.keyOf(name)));
                    links.addBatch();
                    if (++pending == BATCH) {
                        links.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                links.executeBatch();
            }
        }
        return ids;
    }

    private static List<Integer> insertArticles(Connection connection, List<NewArticle> articles) throws SQLException {
        boolean consecutiveIds = autoIncrementIncrement(connection) == 1;
        List<Integer> ids = new ArrayList<>(articles.size());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO article (title) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            int pending = 0;
            for (NewArticle article : articles) {
                insert.setString(1, article.title());
                if (!consecutiveIds) {
                    insert.executeUpdate();
                    readKeys(insert, ids);
                    continue;
                }
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    readKeys(insert, ids);
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
                readKeys(insert, ids);
            }
        }
        if (ids.size() != articles.size()) {
            throw new IllegalStateException("the driver returned " + ids.size() + " ids for " + articles.size()
                    + " inserted articles");
        }
        return ids;
    }

    private static void readKeys(PreparedStatement statement, List<Integer> ids) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            while (keys.next()) {
                ids.add(keys.getInt(1));
            }
        }
    }

    private static int autoIncrementIncrement(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT @@SESSION.auto_increment_increment")) {
            result.next();
            return result.getInt(1);
        }
    }

    /**
     * The id of every tag used, by {@link Tag#keyOf key}, creating the missing tags. The missing ones go in as one
     * batch of upserts, so that a tag created meanwhile by someone else is reused rather than a duplicate-key
     * error; then one query per {@link #BATCH} keys reads the ids back. The upsert updates {@code name_key} to
     * itself, never {@code id}: MySQL refuses an update of the AUTO_INCREMENT column in a multi-row INSERT
     * (error 1869) when the duplicate is a row that same statement generated.
     */
    private static Map<String, Integer> tagIds(Connection connection, List<NewArticle> articles) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>(); // key to the first spelling met
        articles.forEach(article -> article.tagNames().forEach(name -> names.putIfAbsent(Tag.keyOf(name), name)));
        Map<String, Integer> ids = new HashMap<>();
        select(connection, List.copyOf(names.keySet()), ids);
        // In key order: concurrent imports sharing new names then lock the same rows in the same order instead of
        // deadlocking (they did in every run when each upserted in its input order).
        List<String> missing = names.keySet().stream().filter(key -> !ids.containsKey(key)).sorted().toList();
        if (!missing.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO tag (name, name_key) VALUES (?, ?) ON DUPLICATE KEY UPDATE name_key = name_key")) {
                for (String key : missing) {
                    upsert.setString(1, names.get(key));
                    upsert.setString(2, key);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            select(connection, missing, ids);
            for (String key : missing) {
                if (!ids.containsKey(key)) {
                    throw new IllegalStateException("tag '" + names.get(key) + "' was inserted but cannot be read back");
                }
            }
        }
        return ids;
    }

    /** Reads the ids of the tags with these keys into {@code ids}; {@code name_key} compares byte for byte. */
    private static void select(Connection connection, List<String> keys, Map<String, Integer> ids)
            throws SQLException {
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH));
            String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name_key, id FROM tag WHERE name_key IN (" + placeholders + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        ids.put(result.getString(1), result.getInt(2));
                    }
                }
            }
        }
    }
}
