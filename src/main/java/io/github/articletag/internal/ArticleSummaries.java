package io.github.articletag.internal;

import io.github.articletag.ArticleSummary;
import io.github.articletag.RelatedArticle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The listing queries behind {@code ArticleRepository}'s summaries and {@code findRelated}: one statement
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

    /** The first {@code rows} articles after {@code afterId}, by id. */
    public static List<ArticleSummary> page(Connection connection, int afterId, int rows) throws SQLException {
        return query(connection, WITH_TAG_NAMES.formatted(
                "(SELECT id, title FROM article WHERE id > ? ORDER BY id LIMIT ?)"), List.of(afterId, rows));
    }

    /** The articles {@code ids} picks, by id, in one statement. */
    public static List<ArticleSummary> of(Connection connection, TaggedArticles ids) throws SQLException {
        return query(connection, WITH_TAG_NAMES.formatted("(SELECT a.id, a.title FROM article a JOIN ("
                + ids.sql() + ") p ON p.article_id = a.id)"), ids.parameters());
    }

    /**
     * The articles sharing most tags with this one, counted on the links alone: the titles are read only for the
     * few that rank, never for the thousands of candidates.
     */
    public static List<RelatedArticle> related(Connection connection, int articleId, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT r.article_id, a.title, r.shared FROM (
                    SELECT other.article_id, COUNT(*) AS shared
                    FROM article_tag self JOIN article_tag other ON other.tag_id = self.tag_id
                    WHERE self.article_id = ? AND other.article_id <> ?
                    GROUP BY other.article_id ORDER BY shared DESC, other.article_id LIMIT ?
                ) r JOIN article a ON a.id = r.article_id ORDER BY r.shared DESC, r.article_id""")) {
            statement.setInt(1, articleId);
            statement.setInt(2, articleId);
            statement.setInt(3, limit);
            List<RelatedArticle> related = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    related.add(new RelatedArticle(result.getInt(1), result.getString(2), result.getLong(3)));
                }
            }
            return related;
        }
    }

    private static List<ArticleSummary> query(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
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
        names.sort(Names.LISTING_ORDER);
        return new ArticleSummary(id, title, names);
    }
}
