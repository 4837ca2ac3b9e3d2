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
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        List<NewArticle> clean = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            NewArticle article = articles.get(i);
            if (article == null) {
                throw new IllegalArgumentException("article " + i + " of the import is null");
            }
            try {
                String title = Article.normalizeTitle(article.title());
                Set<String> names = new LinkedHashSet<>();
                for (String name : article.tagNames()) {
                    names.add(Tag.normalizeName(name));
                }
                clean.add(new NewArticle(title, List.copyOf(names)));
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
                Set<Integer> seen = new HashSet<>();
                for (String name : articles.get(i).tagNames()) {
                    int tagId = tagIds.get(name);
                    if (seen.add(tagId)) { // "Java" and "java" are one tag: one link
                        links.setInt(1, ids.get(i));
                        links.setInt(2, tagId);
                        links.addBatch();
                        if (++pending == BATCH) {
                            links.executeBatch();
                            pending = 0;
                        }
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
     * The id of every tag name used, creating the missing tags. New names go in as one batch of upserts, so a
     * tag created meanwhile by someone else is reused rather than a duplicate-key error; then one query per
     * {@link #BATCH} names reads the ids back.
     */
    private static Map<String, Integer> tagIds(Connection connection, List<NewArticle> articles) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        articles.forEach(article -> names.addAll(article.tagNames()));
        Map<String, Integer> ids = new HashMap<>();
        List<String> unresolved = new ArrayList<>(names);
        select(connection, unresolved, ids, false);
        unresolved.removeIf(ids::containsKey);
        if (!unresolved.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO tag (name) VALUES (?) ON DUPLICATE KEY UPDATE id = id")) {
                for (String name : unresolved) {
                    upsert.setString(1, name);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            select(connection, unresolved, ids, true);
        }
        return ids;
    }

    /**
     * Reads the ids of {@code names} into {@code ids}. The database compares names by its collation (case and
     * accents aside); a name whose stored spelling differs from the requested one is matched ignoring case,
     * and failing that, when it must exist, asked for on its own, so that the database decides.
     */
    private static void select(Connection connection, List<String> names, Map<String, Integer> ids,
                               boolean mustExist) throws SQLException {
        for (int from = 0; from < names.size(); from += BATCH) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + BATCH));
            Map<String, Integer> found = new HashMap<>();
            Map<String, Integer> foundIgnoringCase = new HashMap<>();
            String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, id FROM tag WHERE name IN (" + placeholders + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        found.put(result.getString(1), result.getInt(2));
                        foundIgnoringCase.put(result.getString(1).toLowerCase(Locale.ROOT), result.getInt(2));
                    }
                }
            }
            for (String name : chunk) {
                Integer id = found.get(name);
                if (id == null) {
                    id = foundIgnoringCase.get(name.toLowerCase(Locale.ROOT));
                }
                if (id == null && mustExist) {
                    id = selectOne(connection, name);
                    if (id == null) {
                        throw new IllegalStateException("tag '" + name + "' was inserted but cannot be read back");
                    }
                }
                if (id != null) {
                    ids.put(name, id);
                }
            }
        }
    }

    private static Integer selectOne(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM tag WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getInt(1) : null;
            }
        }
    }
}
