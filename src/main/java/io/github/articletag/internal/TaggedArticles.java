package io.github.articletag.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A page of the ids of articles picked by their tags, read from article_tag's {@code (tag_id, article_id)} index
 * (the foreign key's index, which InnoDB extends with the primary key): each tag's articles are a range of it in
 * id order, so a page reads about as many entries as it returns, at any depth.
 *
 * @param sql        the query; its one column is {@code article_id}, in id order
 * @param parameters its parameters, in order
 */
public record TaggedArticles(String sql, List<Object> parameters) {

    /**
     * Articles tagged with every one of the tags with these keys, after {@code afterId}, at most {@code rows}. The
     * least used tag's range drives (STRAIGHT_JOIN keeps it first, so the order comes from the index, not a sort),
     * and each other tag is a primary-key lookup per article: a page reads at most the least used tag's links.
     * With several keys, their tags' kept counts are read first; a key that no tag has matches nothing.
     */
    public static TaggedArticles allOf(Connection connection, List<String> keys, int afterId, int rows)
            throws SQLException {
        List<String> rarestFirst = keys;
        if (keys.size() > 1) {
            rarestFirst = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT name_key FROM tag WHERE name_key IN ("
                    + String.join(", ", Collections.nCopies(keys.size(), "?")) + ") ORDER BY article_count, id")) {
                for (int i = 0; i < keys.size(); i++) {
                    statement.setString(i + 1, keys.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rarestFirst.add(result.getString(1));
                    }
                }
            }
            if (rarestFirst.size() < keys.size()) {
                return new TaggedArticles("SELECT 0 AS article_id FROM DUAL WHERE FALSE", List.of());
            }
        }
        StringBuilder sql = new StringBuilder("SELECT STRAIGHT_JOIN l0.article_id FROM tag t0"
                + " JOIN article_tag l0 ON l0.tag_id = t0.id AND t0.name_key = ?");
        for (int i = 1; i < rarestFirst.size(); i++) {
            sql.append(" JOIN tag t").append(i).append(" ON t").append(i).append(".name_key = ?")
                    .append(" JOIN article_tag l").append(i).append(" ON l").append(i).append(".tag_id = t").append(i)
                    .append(".id AND l").append(i).append(".article_id = l0.article_id");
        }
        sql.append(" WHERE l0.article_id > ? ORDER BY l0.article_id LIMIT ?");
        List<Object> parameters = new ArrayList<>(rarestFirst);
        parameters.add(afterId);
        parameters.add(rows);
        return new TaggedArticles(sql.toString(), parameters);
    }

    /**
     * Articles tagged with at least one of the tags with these keys, after {@code afterId}, at most {@code rows}:
     * each tag's first {@code rows} after the cursor, merged. Reading every tag's whole range and sorting it
     * instead is what made such a query cost as much as its tags are popular.
     */
    public static TaggedArticles anyOf(List<String> keys, int afterId, int rows) {
        List<String> parts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (String key : keys) {
            parts.add("(SELECT l.article_id FROM tag t JOIN article_tag l ON l.tag_id = t.id"
                    + " WHERE t.name_key = ? AND l.article_id > ? ORDER BY l.article_id LIMIT ?)");
            parameters.add(key);
            parameters.add(afterId);
            parameters.add(rows);
        }
        parameters.add(rows);
        return new TaggedArticles("SELECT u.article_id FROM (" + String.join(" UNION ", parts)
                + ") u ORDER BY u.article_id LIMIT ?", parameters);
    }

    /** Sets the parameters on a statement whose text holds this query, starting at {@code first}. */
    private void bind(PreparedStatement statement, int first) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(first + i, parameters.get(i));
        }
    }

    /** Runs the query. */
    public List<Integer> ids(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1);
            List<Integer> ids = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getInt(1));
                }
            }
            return ids;
        }
    }
}
