package io.github.articletag.internal;

import io.github.articletag.ArticleSummary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The listing queries behind {@code ArticleRepository.summarizePage} and {@code summarizeTagged}: one join
 * each, read on the session's connection and mapped by hand, because building entities costs more than the
 * query itself (see the README's performance section).
 */
public final class ArticleSummaries {

    /** Articles with their tag names; {@code %s} is the set of articles, a derived table of ids and titles. */
    private static final String WITH_TAG_NAMES = """
            SELECT a.id, a.title, t.name FROM %s a
            LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id
            ORDER BY a.id""";

    private ArticleSummaries() {
    }

    public static List<ArticleSummary> page(Connection connection, int offset, int size) throws SQLException {
        return query(connection, WITH_TAG_NAMES.formatted(
                "(SELECT id, title FROM article ORDER BY id LIMIT ? OFFSET ?)"), size, offset);
    }

    /** Articles tagged with the tag whose {@link Names#key key} is given. */
    public static List<ArticleSummary> tagged(Connection connection, String tagKey) throws SQLException {
        return query(connection, WITH_TAG_NAMES.formatted("""
                (SELECT id, title FROM article WHERE id IN (
                    SELECT x.article_id FROM article_tag x JOIN tag y ON y.id = x.tag_id WHERE y.name_key = ?))"""),
                tagKey);
    }

    private static List<ArticleSummary> query(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<ArticleSummary> summaries = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int id = -1;
                String title = null;
                List<String> names = new ArrayList<>();
                while (result.next()) {
                    if (result.getInt(1) != id) {
                        if (title != null) {
                            summaries.add(summary(id, title, names));
                        }
                        id = result.getInt(1);
                        title = result.getString(2);
                        names = new ArrayList<>();
                    }
                    String name = result.getString(3);
                    if (name != null) {
                        names.add(name);
                    }
                }
                if (title != null) {
                    summaries.add(summary(id, title, names));
                }
            }
            return summaries;
        }
    }

    private static ArticleSummary summary(int id, String title, List<String> names) {
        names.sort(null);
        return new ArticleSummary(id, title, names);
    }
}
