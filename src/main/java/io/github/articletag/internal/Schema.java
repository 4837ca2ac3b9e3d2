package io.github.articletag.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The schema the library needs, declared once: its tables, their columns, keys, indexes and collations. The
 * migration scripts the jar ships (the ones Flyway runs) are what {@link #create} runs; {@link #problems} compares the
 * connected database with this declaration. The scripts and the entity mapping cannot read Java constants, so
 * they are checked against it instead: SchemaTest creates the schema from the scripts and requires no problem,
 * and requires the mapping to map exactly {@link #COLUMNS}.
 */
public final class Schema {

    public static final String ARTICLE = "article";
    public static final String TAG = "tag";
    public static final String ARTICLE_TAG = "article_tag";
    public static final String TAG_ALIAS = "tag_alias";
    public static final String TAG_COUNT_DELTA = "tag_count_delta";

    /** The library's tables, in the order the scripts create them (and the reverse of the order they are dropped). */
    public static final List<String> TABLES = List.of(ARTICLE, TAG, ARTICLE_TAG, TAG_ALIAS, TAG_COUNT_DELTA);

    /** The tables the entities map: the tutorial's. Aliases are read and written in SQL only. */
    public static final List<String> MAPPED_TABLES = List.of(ARTICLE, TAG, ARTICLE_TAG);

    /**
     * The collation of the text that is displayed and ordered: it exists on MySQL and MariaDB alike and, unlike
     * utf8mb4_unicode_ci, tells characters beyond the BMP apart. Tag identity does not rely on it.
     */
    public static final String TEXT_COLLATION = "utf8mb4_unicode_520_ci";

    /** The collation that compares byte for byte: {@code tag.name_key}, and titles compared exactly. */
    public static final String BINARY_COLLATION = "utf8mb4_bin";

    /** Where the migration scripts are, in the jar. */
    private static final String MIGRATIONS = "/io/github/articletag/migration/";

    /** The same, as Flyway's location. */
    public static final String FLYWAY_LOCATION = "classpath:" + MIGRATIONS.substring(1, MIGRATIONS.length() - 1);

    /**
     * The migration scripts, in the order Flyway runs them, each with the column whose presence shows that it
     * ran (none for the first, whose CREATE TABLE IF NOT EXISTS can always run again).
     */
    private static final List<Migration> SCRIPTS = List.of(
            new Migration("V1__article_tag.sql", null),
            new Migration("V2__tag_article_count.sql", "tag.article_count"),
            new Migration("V3__tag_alias.sql", "tag_alias.tag_id"),
            new Migration("V4__tag_count_delta.sql", "tag_count_delta.delta"));

    private record Migration(String script, String ranIfColumnExists) {
    }

    /**
     * table.column to "type, nullability, extra, collation" as INFORMATION_SCHEMA shows them (int without a
     * display width, extra in lower case), in the order of the tables. The collation is checked per column, not
     * only the table's default: tag identity relies on name_key comparing byte for byte.
     */
    public static final Map<String, String> COLUMNS;

    static {
        String name = "varchar(" + Names.MAX_LENGTH + ") NOT NULL collate " + TEXT_COLLATION;
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(ARTICLE + ".id", "int NOT NULL auto_increment");
        columns.put(ARTICLE + ".title", name);
        columns.put(TAG + ".id", "int NOT NULL auto_increment");
        columns.put(TAG + ".name", name);
        columns.put(TAG + ".name_key",
                "varchar(" + Names.MAX_KEY_LENGTH + ") NOT NULL invisible collate " + BINARY_COLLATION);
        columns.put(TAG + ".article_count", "int NOT NULL invisible");
        columns.put(ARTICLE_TAG + ".article_id", "int NOT NULL");
        columns.put(ARTICLE_TAG + ".tag_id", "int NOT NULL");
        columns.put(TAG_ALIAS + ".name_key", "varchar(" + Names.MAX_KEY_LENGTH + ") NOT NULL collate " + BINARY_COLLATION);
        columns.put(TAG_ALIAS + ".name", name);
        columns.put(TAG_ALIAS + ".tag_id", "int NOT NULL");
        columns.put(TAG_COUNT_DELTA + ".tag_id", "int NOT NULL");
        columns.put(TAG_COUNT_DELTA + ".counted", "varchar(64) NOT NULL collate ascii_bin");
        columns.put(TAG_COUNT_DELTA + ".stripe", "tinyint unsigned NOT NULL");
        columns.put(TAG_COUNT_DELTA + ".delta", "int NOT NULL");
        COLUMNS = Collections.unmodifiableMap(columns);
    }

    /**
     * table.constraint (primary, unique and foreign keys) to its columns, and for foreign keys the referenced
     * table.column and the delete rule: the library deletes articles and tags relying on the cascade. Sorted,
     * so that problems are listed in a stable order.
     */
    private static final Map<String, String> KEYS = new TreeMap<>(Map.of(
            TAG_ALIAS + ".PRIMARY", "(name_key)",
            TAG_ALIAS + ".fk_tag_alias_tag", "(tag_id) -> tag.id on delete cascade",
            ARTICLE + ".PRIMARY", "(id)",
            TAG + ".PRIMARY", "(id)",
            TAG + ".uk_tag_name_key", "(name_key)",
            ARTICLE_TAG + ".PRIMARY", "(article_id, tag_id)",
            ARTICLE_TAG + ".fk_article_tag_article", "(article_id) -> article.id on delete cascade",
            ARTICLE_TAG + ".fk_article_tag_tag", "(tag_id) -> tag.id on delete cascade",
            TAG_COUNT_DELTA + ".PRIMARY", "(tag_id, counted, stripe)",
            TAG_COUNT_DELTA + ".fk_tag_count_delta_tag", "(tag_id) -> tag.id on delete cascade"));

    /**
     * table.index to its columns, for the indexes that are neither keys nor implied by one: the paged queries
     * read article_tag by tag through the foreign key's index, and the most used tags through the count's.
     */
    private static final Map<String, String> INDEXES = new TreeMap<>(Map.of(
            TAG_ALIAS + ".fk_tag_alias_tag", "(tag_id)",
            ARTICLE_TAG + ".fk_article_tag_tag", "(tag_id)",
            TAG + ".ix_tag_article_count", "(article_count, id)",
            TAG_COUNT_DELTA + ".ix_tag_count_delta_counted", "(counted, tag_id)"));

    private Schema() {
    }

    /**
     * Runs the migration scripts that have not run: creates the tables that are missing and brings existing ones
     * up to date, leaving their rows.
     */
    public static void create(Connection connection, List<TaggedType<?>> types) throws SQLException {
        List<String> ran = new ArrayList<>();
        Sql.on(connection, sql -> {
            for (Migration migration : SCRIPTS) {
                if (migration.ranIfColumnExists() != null && pairs(sql, "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME), "
                        + "COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE " + mapped("", TABLES))
                        .containsKey(migration.ranIfColumnExists())) {
                    continue;
                }
                for (String statement : scriptStatements(migration.script())) {
                    // A migration's UPDATE fills in what existing links imply: with no link there is nothing to
                    // fill, and skipping it lets the schema be created where such writes are refused (a
                    // multi-primary group refuses any write to a table a cascading foreign key refers to).
                    if (!statement.startsWith("UPDATE") || sql.exists("SELECT 1 FROM " + ARTICLE_TAG + " LIMIT 1")) {
                        change(sql, "createSchema", statement, ran);
                    }
                }
            }
            for (TaggedType<?> type : types) {
                for (String statement : type.table().ddl(type.ownerType())) {
                    change(sql, "createSchema", statement.replaceFirst("^CREATE TABLE ", "CREATE TABLE IF NOT EXISTS "),
                            ran);
                }
            }
            return null;
        });
    }

    /**
     * Drops the library's tables and the tagged types' link and count tables, links first, and nothing else; quiet
     * when they do not exist.
     */
    public static void drop(Connection connection, List<TaggedType<?>> types) throws SQLException {
        List<String> dropOrder = new ArrayList<>();
        types.forEach(type -> dropOrder.addAll(List.of(type.table().links(), type.table().counts())));
        List<String> library = new ArrayList<>(TABLES);
        Collections.reverse(library);
        dropOrder.addAll(library);
        Sql.on(connection, sql -> {
            // One statement: the server checks the privilege on every table before it drops any.
            change(sql, "dropSchema", "DROP TABLE IF EXISTS " + String.join(", ", dropOrder), new ArrayList<>());
            return null;
        });
    }

    /**
     * Runs one statement of a schema operation; a user the server does not allow it (a runtime user without DDL, as
     * the guide's production setup has) is told so in the library's words, with the privilege the server named and
     * what had run before.
     */
    private static void change(Sql sql, String operation, String statement, List<String> ran) throws SQLException {
        String shown = statement.substring(0, Math.min(statement.length(), 60)).replaceAll("\\s+", " ") + "…";
        try {
            sql.execute(statement);
        } catch (SQLException e) {
            String privilege = ServerErrors.deniedPrivilege(e);
            if (privilege == null) {
                throw e;
            }
            throw new IllegalStateException(operation + " needs the " + privilege + " privilege, which the database"
                    + " user does not have (the server refused \"" + shown + "\": " + e.getMessage() + "); run "
                    + operation + " as a user with DDL privileges (the migration user), the application as the"
                    + " runtime user (SELECT, INSERT, UPDATE, DELETE). " + (ran.isEmpty() ? "Nothing was changed."
                    : ran.size() + " statement(s) had run before it: " + ran), e);
        }
        ran.add(shown);
    }

    /**
     * Every difference between the database and the declaration, the tagged types' link and count tables included
     * (their owners' tables are the application's to check); empty when they agree.
     */
    public static List<String> problems(Connection connection, List<TaggedType<?>> types) throws SQLException {
        List<String> tables = new ArrayList<>(TABLES);
        Map<String, String> columns = new LinkedHashMap<>(COLUMNS);
        Map<String, String> keys = new TreeMap<>(KEYS);
        Map<String, String> indexes = new TreeMap<>(INDEXES);
        for (TaggedType<?> type : types) {
            TaggedTable t = type.table();
            String owner = t.ownerColumn();
            String cascade = " on delete cascade";
            tables.addAll(List.of(t.links(), t.counts()));
            columns.put(t.links() + "." + owner, type.ownerType().toLowerCase(java.util.Locale.ROOT) + " NOT NULL");
            columns.put(t.links() + ".tag_id", "int NOT NULL");
            columns.put(t.counts() + ".tag_id", "int NOT NULL");
            columns.put(t.counts() + "." + TaggedTable.COUNT_COLUMN, "int NOT NULL");
            keys.put(t.links() + ".PRIMARY", "(" + owner + ", tag_id)");
            keys.put(t.links() + "." + t.ownerKey(), "(" + owner + ") -> " + t.table() + "." + t.idColumn() + cascade);
            keys.put(t.links() + "." + t.tagKey(), "(tag_id) -> tag.id" + cascade);
            keys.put(t.counts() + ".PRIMARY", "(tag_id)");
            keys.put(t.counts() + "." + t.countsTagKey(), "(tag_id) -> tag.id" + cascade);
            indexes.put(t.links() + "." + t.linksByTag(), "(tag_id, " + owner + ")");
            indexes.put(t.counts() + "." + t.countsByCount(), "(" + TaggedTable.COUNT_COLUMN + ", tag_id)");
        }
        return Sql.on(connection, sql -> problems(sql, tables, columns, keys, indexes));
    }

    private static List<String> problems(Sql sql, List<String> expectedTables, Map<String, String> columns,
                                         Map<String, String> keys, Map<String, String> indexes) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, String> collations = pairs(sql, "SELECT TABLE_NAME, TABLE_COLLATION FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE " + mapped("", expectedTables));
        Set<String> tables = collations.keySet();
        for (String table : expectedTables) {
            String collation = collations.get(table);
            if (collation == null) {
                problems.add("table " + table + " is missing");
            } else if (TABLES.contains(table) && !collation.equals(TEXT_COLLATION)) {
                problems.add("table " + table + " has collation " + collation + ", expected " + TEXT_COLLATION);
            }
        }
        // Integer types without the display width MariaDB still shows.
        compare("column", columns, pairs(sql, "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME), "
                + "CONCAT(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(COLUMN_TYPE, '^int\\\\([0-9]+\\\\)', 'int'), "
                + "'^bigint\\\\([0-9]+\\\\)', 'bigint'), '^tinyint\\\\([0-9]+\\\\)', 'tinyint'), "
                + "IF(IS_NULLABLE = 'YES', ' NULL', ' NOT NULL'), IF(EXTRA = '', '', CONCAT(' ', LOWER(EXTRA))), "
                + "IF(COLLATION_NAME IS NULL, '', CONCAT(' collate ', COLLATION_NAME))) "
                + "FROM INFORMATION_SCHEMA.COLUMNS WHERE " + mapped("", expectedTables)), tables, problems);
        compare("key", keys, pairs(sql, "SELECT CONCAT(k.TABLE_NAME, '.', k.CONSTRAINT_NAME), "
                + "CONCAT('(', GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', '), ')', "
                + "IF(MAX(k.REFERENCED_TABLE_NAME) IS NULL, '', CONCAT(' -> ', MAX(k.REFERENCED_TABLE_NAME), '.', "
                + "MAX(k.REFERENCED_COLUMN_NAME), ' on delete ', LOWER(MAX(r.DELETE_RULE))))) "
                + "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k "
                + "LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA "
                + "AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                + "WHERE " + mapped("k.", expectedTables) + " GROUP BY k.TABLE_NAME, k.CONSTRAINT_NAME"), tables,
                problems);
        compare("index", indexes, pairs(sql, "SELECT CONCAT(TABLE_NAME, '.', INDEX_NAME), "
                + "CONCAT('(', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ', '), ')') "
                + "FROM INFORMATION_SCHEMA.STATISTICS WHERE " + mapped("", expectedTables)
                + " GROUP BY TABLE_NAME, INDEX_NAME"),
                tables, problems);
        return problems;
    }

    /** A condition on an INFORMATION_SCHEMA table ({@code alias} its prefix): these tables of this database. */
    private static String mapped(String alias, List<String> tables) {
        return alias + "TABLE_SCHEMA = DATABASE() AND " + alias + "TABLE_NAME IN "
                + tables.stream().map(table -> "'" + table + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Adds a problem for each expected table.element that differs or is missing (where its table exists: a
     * missing table is one problem, not one per column).
     */
    private static void compare(String kind, Map<String, String> expected, Map<String, String> actual,
                                Set<String> tables, List<String> problems) {
        expected.forEach((element, definition) -> {
            String found = actual.get(element);
            if (found == null && tables.contains(element.substring(0, element.indexOf('.')))) {
                problems.add(kind + " " + element + " " + definition + " is missing");
            } else if (found != null && !found.equals(definition)) {
                problems.add(kind + " " + element + " is " + found + ", expected " + definition);
            }
        });
    }

    /** A script's statements, without its comments. */
    private static List<String> scriptStatements(String script) {
        try (InputStream in = Schema.class.getResourceAsStream(MIGRATIONS + script)) {
            if (in == null) {
                throw new IllegalStateException("the migration script " + MIGRATIONS + script
                        + " is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(text.split(";")).map(String::strip).filter(sql -> !sql.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A two-column query's rows, as first column to second. */
    private static Map<String, String> pairs(Sql sql, String text) throws SQLException {
        Map<String, String> pairs = new HashMap<>();
        sql.forEach(text, row -> pairs.put(row.getString(1), row.getString(2)), List.of());
        return pairs;
    }
}
