package io.github.articletag.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The schema in one place: creating it from the migration script the jar ships (the same one Flyway runs),
 * dropping it, and comparing the tables in the current database with what the mapping needs, through
 * INFORMATION_SCHEMA. The comparison lists every difference and changes nothing; Hibernate's own validation
 * stops at the first problem and ignores keys. SchemaTest checks that a created schema passes both, which
 * keeps the script, these expectations and the entity mapping in step.
 */
final class Schema {

    /** The migration that creates the schema, in the jar: Flyway's location {@value #MIGRATIONS}. */
    static final String MIGRATIONS = "classpath:io/github/articletag/migration";
    private static final String SCRIPT = "/io/github/articletag/migration/V1__article_tag.sql";

    /** The mapped tables, in the order they are created. */
    static final List<String> TABLES = List.of("article", "tag", "article_tag");

    /** The mapped tables, links first, so that no foreign key stands in the way of a drop. */
    static final List<String> TABLES_DROP_ORDER = List.of("article_tag", "article", "tag");

    /** The collation of the text columns that are only displayed and ordered. */
    private static final String TEXT = " collate utf8mb4_unicode_520_ci";

    /**
     * table.column to "type, nullability, extra, collation" as INFORMATION_SCHEMA shows them (int without a
     * display width, extra in lower case). The collation is checked per column, not only the table's default:
     * tag identity relies on name_key comparing byte for byte.
     */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("article.id", "int NOT NULL auto_increment");
        COLUMNS.put("article.title", "varchar(50) NOT NULL" + TEXT);
        COLUMNS.put("tag.id", "int NOT NULL auto_increment");
        COLUMNS.put("tag.name", "varchar(50) NOT NULL" + TEXT);
        COLUMNS.put("tag.name_key", "varchar(150) NOT NULL invisible collate utf8mb4_bin");
        COLUMNS.put("article_tag.article_id", "int NOT NULL");
        COLUMNS.put("article_tag.tag_id", "int NOT NULL");
    }

    /**
     * table.constraint (primary, unique and foreign keys) to its columns, and for foreign keys the referenced
     * table.column and the delete rule: the library deletes articles and tags relying on the cascade.
     */
    private static final Map<String, String> KEYS = Map.of(
            "article.PRIMARY", "(id)",
            "tag.PRIMARY", "(id)",
            "tag.uk_tag_name_key", "(name_key)",
            "article_tag.PRIMARY", "(article_id, tag_id)",
            "article_tag.fk_article_tag_article", "(article_id) -> article.id on delete cascade",
            "article_tag.fk_article_tag_tag", "(tag_id) -> tag.id on delete cascade");

    private Schema() {
    }

    /** Runs the migration script: creates the tables that are missing, leaves the others and their rows. */
    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : scriptStatements()) {
                statement.execute(sql);
            }
        }
    }

    /** Drops the mapped tables, links first, and nothing else; quiet when they do not exist. */
    static void drop(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + String.join(", ", TABLES_DROP_ORDER));
        }
    }

    /** The script's statements, without its comments. */
    static List<String> scriptStatements() {
        try (InputStream in = Schema.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the migration script " + SCRIPT + " is missing from the classpath");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(script.split(";")).map(String::strip).filter(sql -> !sql.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            if (!row.get(1).equals("utf8mb4_unicode_520_ci")) {
                problems.add("table " + row.get(0) + " has collation " + row.get(1)
                        + ", expected utf8mb4_unicode_520_ci");
            }
        }
        Map<String, String> columns = pairs(connection, "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME), "
                + "CONCAT(REGEXP_REPLACE(COLUMN_TYPE, '^int\\\\([0-9]+\\\\)', 'int'), "
                + "IF(IS_NULLABLE = 'YES', ' NULL', ' NOT NULL'), IF(EXTRA = '', '', CONCAT(' ', LOWER(EXTRA))), "
                + "IF(COLLATION_NAME IS NULL, '', CONCAT(' collate ', COLLATION_NAME))) "
                + "FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME IN ('article', 'tag', 'article_tag')");
        COLUMNS.forEach((column, expected) -> {
            String table = column.substring(0, column.indexOf('.'));
            String actual = columns.get(column);
            if (actual == null && tables.contains(table)) {
                problems.add("column " + column + " is missing");
            } else if (actual != null && !actual.equals(expected)) {
                problems.add("column " + column + " is " + actual + ", expected " + expected);
            }
        });
        Map<String, String> keys = pairs(connection, "SELECT CONCAT(k.TABLE_NAME, '.', k.CONSTRAINT_NAME), "
                + "CONCAT('(', GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', '), ')', "
                + "IF(MAX(k.REFERENCED_TABLE_NAME) IS NULL, '', CONCAT(' -> ', MAX(k.REFERENCED_TABLE_NAME), '.', "
                + "MAX(k.REFERENCED_COLUMN_NAME), ' on delete ', LOWER(MAX(r.DELETE_RULE))))) "
                + "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k "
                + "LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA "
                + "AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                + "WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME IN ('article', 'tag', 'article_tag') "
                + "GROUP BY k.TABLE_NAME, k.CONSTRAINT_NAME");
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

    /** A two-column query's rows, as first column to second. */
    private static Map<String, String> pairs(Connection connection, String sql) throws SQLException {
        Map<String, String> pairs = new HashMap<>();
        for (List<String> row : query(connection, sql)) {
            pairs.put(row.get(0), row.get(1));
        }
        return pairs;
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
