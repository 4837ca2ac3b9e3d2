package io.github.articletag.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the tables in the current database with what the mapping needs, through INFORMATION_SCHEMA, and
 * lists every difference; it changes nothing. Hibernate's own validation stops at the first problem and
 * ignores keys; this names them all. SchemaTest checks that a freshly created schema passes, which keeps
 * these expectations and the entity mapping in step.
 */
final class SchemaCheck {

    /** The mapped tables, in the order they are created. */
    static final List<String> TABLES = List.of("article", "tag", "article_tag");

    /** table.column to "type, nullability, extra" as INFORMATION_SCHEMA shows them (int without width). */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("article.id", "int NOT NULL auto_increment");
        COLUMNS.put("article.title", "varchar(50) NOT NULL");
        COLUMNS.put("tag.id", "int NOT NULL auto_increment");
        COLUMNS.put("tag.name", "varchar(50) NOT NULL");
        COLUMNS.put("article_tag.article_id", "int NOT NULL");
        COLUMNS.put("article_tag.tag_id", "int NOT NULL");
    }

    /** table.constraint to its columns, and for foreign keys the referenced table.column. */
    private static final Map<String, String> KEYS = Map.of(
            "article.PRIMARY", "(id)",
            "tag.PRIMARY", "(id)",
            "tag.uk_tag_name", "(name)",
            "article_tag.PRIMARY", "(article_id, tag_id)",
            "article_tag.fk_article_tag_article", "(article_id) -> article.id",
            "article_tag.fk_article_tag_tag", "(tag_id) -> tag.id");

    private SchemaCheck() {
    }

    /** The mapped tables that exist in the connection's current database. */
    static Set<String> existingTables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        for (List<String> row : query(connection, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('article', 'tag', 'article_tag')")) {
            tables.add(row.get(0));
        }
        return tables;
    }

    /** Every difference between the database and the mapping; empty when they agree. */
    static List<String> problems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        Set<String> tables = existingTables(connection);
        for (String table : TABLES) {
            if (!tables.contains(table)) {
                problems.add("table " + table + " is missing");
            }
        }
        for (List<String> row : query(connection, "SELECT TABLE_NAME, TABLE_COLLATION FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('article', 'tag', 'article_tag')")) {
            if (!row.get(1).startsWith("utf8mb4_")) {
                problems.add("table " + row.get(0) + " has collation " + row.get(1) + ", expected utf8mb4");
            }
        }
        Map<String, String> columns = new HashMap<>();
        for (List<String> row : query(connection, "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME), "
                + "CONCAT(REGEXP_REPLACE(COLUMN_TYPE, '^int\\\\([0-9]+\\\\)', 'int'), "
                + "IF(IS_NULLABLE = 'YES', ' NULL', ' NOT NULL'), IF(EXTRA = '', '', CONCAT(' ', EXTRA))) "
                + "FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME IN ('article', 'tag', 'article_tag')")) {
            columns.put(row.get(0), row.get(1));
        }
        COLUMNS.forEach((column, expected) -> {
            String table = column.substring(0, column.indexOf('.'));
            String actual = columns.get(column);
            if (actual == null && tables.contains(table)) {
                problems.add("column " + column + " is missing");
            } else if (actual != null && !actual.equals(expected)) {
                problems.add("column " + column + " is " + actual + ", expected " + expected);
            }
        });
        Map<String, String> keys = new HashMap<>();
        for (List<String> row : query(connection, "SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME), "
                + "CONCAT('(', GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ', '), ')', "
                + "IF(MAX(REFERENCED_TABLE_NAME) IS NULL, '', "
                + "CONCAT(' -> ', MAX(REFERENCED_TABLE_NAME), '.', MAX(REFERENCED_COLUMN_NAME)))) "
                + "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME IN ('article', 'tag', 'article_tag') GROUP BY TABLE_NAME, CONSTRAINT_NAME")) {
            keys.put(row.get(0), row.get(1));
        }
        new TreeSet<>(KEYS.keySet()).forEach(key -> {
            String table = key.substring(0, key.indexOf('.'));
            String actual = keys.get(key);
            String expected = KEYS.get(key);
            if (actual == null && tables.contains(table)) {
                problems.add("key " + key + " " + expected + " is missing");
            } else if (actual != null && !actual.equals(expected)) {
                problems.add("key " + key + " is " + actual + ", expected " + expected);
            }
        });
        return problems;
    }

    private static List<List<String>> query(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            List<List<String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getString(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
