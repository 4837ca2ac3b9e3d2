package io.github.articletag.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;

/**
 * Keeps {@code tag.article_count}: each path that adds or removes links changes the counts of their tags in the
 * same transaction, by exactly what it inserted or deleted (links Hibernate writes are counted by
 * {@link TagCountListener}). The counts are changed before the links, in one statement whose rows InnoDB locks in
 * id order: that lock covers the shared lock the link's foreign-key check takes on the tag, so no writer holds
 * the shared lock and then waits for the exclusive one, which deadlocked concurrent writers of a popular tag when
 * the count came after the link. The importers are the exception: they count once, at the end (ArticleImporter
 * says why), and a deadlock that meets is a conflict the transactions retry like any other.
 */
public final class TagCounts {

    /** Up to this many tags are changed in one statement. */
    private static final int FEW = 16;

    private TagCounts() {
    }

    /**
     * Adds {@code deltas} (tag id to change) to the tags' counts: a few tags (a call's) in one statement; many (an
     * import's chunk) as a batch of one-row updates in id order, since MySQL tries a CASE's branches one by one.
     */
    public static void change(Connection connection, SortedMap<Integer, Integer> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        if (deltas.size() > FEW) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tag SET article_count = article_count + ? WHERE id = ?")) {
                for (Map.Entry<Integer, Integer> delta : deltas.entrySet()) {
                    update.setInt(1, delta.getValue());
                    update.setInt(2, delta.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE tag SET article_count = article_count + CASE id");
        deltas.keySet().forEach(id -> sql.append(" WHEN ? THEN ?"));
        sql.append(" END WHERE id IN (").append(String.join(", ", Collections.nCopies(deltas.size(), "?"))).append(')');
        try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
            int parameter = 1;
            for (Map.Entry<Integer, Integer> delta : deltas.entrySet()) {
                update.setInt(parameter++, delta.getKey());
                update.setInt(parameter++, delta.getValue());
            }
            for (int id : deltas.keySet()) {
                update.setInt(parameter++, id);
            }
            update.executeUpdate();
        }
    }

    /**
     * Before an article is deleted (its links go by ON DELETE CASCADE, which changes no count): locks the article,
     * so that no link is added to it meanwhile, and counts its links down.
     *
     * @return false if there is no such article
     */
    public static boolean beforeArticleDeletion(Connection connection, Object articleId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM article WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, articleId);
            try (var found = lock.executeQuery()) {
                if (!found.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE tag t JOIN article_tag l ON l.tag_id = t.id"
                + " SET t.article_count = t.article_count - 1 WHERE l.article_id = ?")) {
            update.setObject(1, articleId);
            update.executeUpdate();
        }
        return true;
    }
}
