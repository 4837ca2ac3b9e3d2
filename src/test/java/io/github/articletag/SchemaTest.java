package io.github.articletag;

import io.github.articletag.testing.LogCapture;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import io.github.articletag.internal.Schema;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The tables the mapping creates, read back from INFORMATION_SCHEMA, and the drop/create lifecycle. */
@ExtendWith(TestDatabaseExtension.class)
class SchemaTest {

    @Test
    void createsTheThreeTutorialTablesTheAliasesAndTheCountChanges(TestDatabase db) throws SQLException {
        assertEquals(List.of(List.of("article"), List.of("article_tag"), List.of("tag"), List.of("tag_alias"),
                List.of("tag_count_delta")), db.query(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME",
                db.schemaName()));
    }

    @Test
    void columnsHaveTheTutorialsTypesAndNullability(TestDatabase db) throws SQLException {
        assertEquals(List.of(
                        List.of("article", "id", "int", "NO", "auto_increment"),
                        List.of("article", "title", "varchar(50)", "NO", ""),
                        List.of("article_tag", "article_id", "int", "NO", ""),
                        List.of("article_tag", "tag_id", "int", "NO", ""),
                        List.of("tag", "id", "int", "NO", "auto_increment"),
                        List.of("tag", "name", "varchar(50)", "NO", ""),
                        List.of("tag", "name_key", "varchar(150)", "NO", "invisible"),
                        List.of("tag", "article_count", "int", "NO", "invisible"),
                        List.of("tag_alias", "name_key", "varchar(150)", "NO", ""),
                        List.of("tag_alias", "name", "varchar(50)", "NO", ""),
                        List.of("tag_alias", "tag_id", "int", "NO", ""),
                        List.of("tag_count_delta", "tag_id", "int", "NO", ""),
                        List.of("tag_count_delta", "counted", "varchar(64)", "NO", ""),
                        List.of("tag_count_delta", "stripe", "tinyint unsigned", "NO", ""),
                        List.of("tag_count_delta", "delta", "int", "NO", "")),
                db.query("SELECT TABLE_NAME, COLUMN_NAME, "
                                // MySQL 8 reports int, MariaDB int(11): compare the type without a display width.
                                + "REGEXP_REPLACE(REGEXP_REPLACE(COLUMN_TYPE, '^int\\\\([0-9]+\\\\)', 'int'),"
                                + " '^tinyint\\\\([0-9]+\\\\)', 'tinyint'), IS_NULLABLE, LOWER(EXTRA) "
                                + "FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? "
                                + "ORDER BY TABLE_NAME, ORDINAL_POSITION",
                        db.schemaName()));
    }

    @Test
    void joinTablePrimaryKeyIsArticleIdThenTagId(TestDatabase db) throws SQLException {
        assertEquals(List.of(List.of("article_id"), List.of("tag_id")), db.query(
                "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE "
                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'article_tag' AND CONSTRAINT_NAME = 'PRIMARY' "
                        + "ORDER BY ORDINAL_POSITION",
                db.schemaName()));
    }

    @Test
    void foreignKeysHaveReadableNamesAndPointAtTheEntityTables(TestDatabase db) throws SQLException {
        assertEquals(List.of(
                        List.of("fk_article_tag_article", "article_id", "article", "id"),
                        List.of("fk_article_tag_tag", "tag_id", "tag", "id")),
                db.query("SELECT CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
                                + "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE "
                                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'article_tag' "
                                + "AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME",
                        db.schemaName()));
    }

    @Test
    void deletingAnArticleOrATagDeletesItsLinksAndAliasesInTheDatabase(TestDatabase db) throws SQLException {
        assertEquals(List.of(
                        List.of("fk_article_tag_article", "CASCADE"),
                        List.of("fk_article_tag_tag", "CASCADE"),
                        List.of("fk_tag_alias_tag", "CASCADE"),
                        List.of("fk_tag_count_delta_tag", "CASCADE")),
                db.query("SELECT CONSTRAINT_NAME, DELETE_RULE FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS "
                        + "WHERE CONSTRAINT_SCHEMA = ? ORDER BY CONSTRAINT_NAME", db.schemaName()));
    }

    @Test
    void constraintsAndIndexesHaveNoGeneratedNames(TestDatabase db) throws SQLException {
        assertEquals(List.of(
                        List.of("article", "PRIMARY"),
                        List.of("article_tag", "fk_article_tag_tag"),
                        List.of("article_tag", "PRIMARY"),
                        List.of("tag", "ix_tag_article_count"),
                        List.of("tag", "PRIMARY"),
                        List.of("tag", "uk_tag_name_key"),
                        List.of("tag_alias", "fk_tag_alias_tag"),
                        List.of("tag_alias", "PRIMARY"),
                        List.of("tag_count_delta", "ix_tag_count_delta_counted"),
                        List.of("tag_count_delta", "PRIMARY")),
                db.query("SELECT DISTINCT TABLE_NAME, INDEX_NAME FROM INFORMATION_SCHEMA.STATISTICS "
                        + "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME", db.schemaName()));
    }

    @Test
    void tablesAreUtf8mb4WhateverTheServerDefault(TestDatabase db) throws SQLException {
        assertEquals(List.of(
                        List.of("article", "utf8mb4_unicode_520_ci"),
                        List.of("article_tag", "utf8mb4_unicode_520_ci"),
                        List.of("tag", "utf8mb4_unicode_520_ci"),
                        List.of("tag_alias", "utf8mb4_unicode_520_ci"),
                        List.of("tag_count_delta", "utf8mb4_unicode_520_ci")),
                db.query("SELECT TABLE_NAME, TABLE_COLLATION FROM INFORMATION_SCHEMA.TABLES "
                        + "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", db.schemaName()));
    }

    /** The mapping names no DDL of its own: its tables and columns must be exactly those the schema declares. */
    @Test
    void theMappingMapsExactlyTheDeclaredColumns(Database database) {
        MappingMetamodel metamodel = database.sessionFactory().unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel();
        Set<String> mapped = new TreeSet<>();
        for (Class<?> entity : Database.ENTITY_CLASSES) {
            AbstractEntityPersister persister = (AbstractEntityPersister) metamodel.getEntityDescriptor(entity);
            addColumns(mapped, persister.getTableName(), persister.getIdentifierColumnNames());
            for (String property : persister.getPropertyNames()) {
                addColumns(mapped, persister.getTableName(), persister.getPropertyColumnNames(property));
            }
        }
        metamodel.forEachCollectionDescriptor(descriptor -> {
            AbstractCollectionPersister collection = (AbstractCollectionPersister) descriptor;
            addColumns(mapped, collection.getTableName(), collection.getKeyColumnNames());
            addColumns(mapped, collection.getTableName(), collection.getElementColumnNames());
        });

        assertEquals(Schema.COLUMNS.keySet().stream()
                .filter(column -> Schema.MAPPED_TABLES.contains(column.substring(0, column.indexOf('.'))))
                .collect(Collectors.toCollection(TreeSet::new)), mapped);
    }

    private static void addColumns(Set<String> columns, String table, String[] names) {
        for (String name : names) {
            columns.add(table + "." + name);
        }
    }

    @Test
    void hibernatesOwnValidationAcceptsTheCreatedSchema(Database database) throws Exception {
        database.sessionFactory().getSchemaManager().validate(); // throws on the first difference
    }

    @Test
    void theNameKeyComparesByteForByteAndSelectStarShowsTheTutorialsColumns(TestDatabase db,
            Database database) throws SQLException {
        assertEquals(List.of(List.of("name", "utf8mb4", "utf8mb4_unicode_520_ci"),
                        List.of("name_key", "utf8mb4", "utf8mb4_bin")),
                db.query("SELECT COLUMN_NAME, CHARACTER_SET_NAME, COLLATION_NAME FROM INFORMATION_SCHEMA.COLUMNS "
                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'tag' AND COLLATION_NAME IS NOT NULL "
                        + "ORDER BY COLUMN_NAME", db.schemaName()));
        SampleData.persist(database);
        try (var connection = db.connect(); var statement = connection.createStatement();
             var result = statement.executeQuery("SELECT * FROM tag")) {
            assertEquals(2, result.getMetaData().getColumnCount(), "the invisible name_key shows in SELECT *");
        }
    }

    @Test
    void dropAndCreateTwiceInARowLeaveOneEmptySchema(TestDatabase db, Database database) throws SQLException {
        SampleData.persist(database);

        database.recreateSchema();
        database.recreateSchema();

        assertEquals(Schema.TABLES.size(), db.query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?",
                db.schemaName()).get(0).get(0) instanceof Number n ? n.intValue() : -1);
        assertEquals(List.of(List.of(0L)), db.query("SELECT COUNT(*) FROM article_tag"));
        assertEquals(List.of(List.of(0L)), db.query("SELECT COUNT(*) FROM article"));
    }

    @Test
    void droppingAnEmptyDatabaseIsQuiet(TestDatabase db) throws Exception {
        db.database().dropSchema();

        String logged = LogCapture.during(() -> {
            db.database().dropSchema();
            db.database().dropSchema();
            db.database().createSchema();
        });

        assertEquals(List.of(), LogCapture.warnings(logged), "drop on an empty database warned");
        assertEquals(Schema.TABLES.size(), db.query("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?",
                db.schemaName()).size());
    }

    @Test
    void anotherApplicationsTableKeepsItsRows(TestDatabase db, Database database) throws SQLException {
        db.execute("CREATE TABLE other_app_note (id INT PRIMARY KEY, body VARCHAR(20))");
        try {
            db.execute("INSERT INTO other_app_note VALUES (1, 'keep me')");

            database.dropSchema();
            database.createSchema();

            assertEquals(List.of(List.of(1, "keep me")), db.query("SELECT id, body FROM other_app_note"));
        } finally {
            db.execute("DROP TABLE other_app_note");
        }
    }

    @Test
    void dialectFitsTheServerActuallyConnected(TestDatabase db) throws Exception {
        String version = (String) db.query("SELECT VERSION()").get(0).get(0);

        String logged = LogCapture.during(() -> {
            try (Database fresh = Database.open(db.settings())) {
                if (version.contains("MariaDB")) {
                    assertInstanceOf(MariaDBDialect.class, fresh.dialect());
                } else {
                    assertInstanceOf(MySQLDialect.class, fresh.dialect());
                    assertFalse(fresh.dialect() instanceof MariaDBDialect);
                }
                ServerVersion server = ServerVersion.parse(version);
                assertEquals(server.major(), fresh.dialect().getVersion().getMajor());
                assertEquals(server.minor(), fresh.dialect().getVersion().getMinor());
            }
        });

        assertFalse(logged.contains("HHH000511"), logged);
        assertEquals(List.of(), LogCapture.warnings(logged), "opening the database warned");
    }
}
