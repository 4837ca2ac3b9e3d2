package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Schema operations never lose data they do not own, and validation only reports. */
@ExtendWith(TestDatabaseExtension.class)
class SchemaSafetyTest {

    @Test
    void aFreshSchemaFitsTheMapping(Database database) {
        assertEquals(List.of(), database.validateSchema());
    }

    @Test
    void validationReportsEveryMismatchAndChangesNothing(TestDatabase db, Database database) throws SQLException {
        db.execute("ALTER TABLE article_tag DROP FOREIGN KEY fk_article_tag_tag");
        db.execute("ALTER TABLE tag MODIFY name VARCHAR(40) NULL");
        db.execute("ALTER TABLE article DROP COLUMN title");
        List<List<Object>> columnsBefore = columns(db);

        List<String> problems = database.validateSchema();

        assertEquals(List.of(
                "column article.title varchar(50) NOT NULL collate utf8mb4_unicode_520_ci is missing",
                "column tag.name is varchar(40) NULL collate utf8mb4_unicode_520_ci,"
                        + " expected varchar(50) NOT NULL collate utf8mb4_unicode_520_ci",
                "key article_tag.fk_article_tag_tag (tag_id) -> tag.id on delete cascade is missing"), problems);
        assertEquals(columnsBefore, columns(db));
    }

    @Test
    void validationNoticesAColumnWhoseCollationDiffersFromItsTable(TestDatabase db,
            Database database) throws SQLException {
        // The table default stays right; only the key column would now compare names case-insensitively.
        db.execute("ALTER TABLE tag MODIFY name_key VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"
                + " NOT NULL DEFAULT '' INVISIBLE");

        assertEquals(List.of("column tag.name_key is varchar(150) NOT NULL invisible collate utf8mb4_unicode_520_ci,"
                + " expected varchar(150) NOT NULL invisible collate utf8mb4_bin"), database.validateSchema());
    }

    @Test
    void validationNoticesAForeignKeyThatNoLongerCascades(TestDatabase db, Database database) throws SQLException {
        db.execute("ALTER TABLE article_tag DROP FOREIGN KEY fk_article_tag_article");
        db.execute("ALTER TABLE article_tag ADD CONSTRAINT fk_article_tag_article FOREIGN KEY (article_id)"
                + " REFERENCES article (id) ON DELETE RESTRICT");

        assertEquals(List.of("key article_tag.fk_article_tag_article is (article_id) -> article.id on delete restrict,"
                + " expected (article_id) -> article.id on delete cascade"), database.validateSchema());
    }

    @Test
    void validationNoticesAMissingUniqueKeyOnTheName(TestDatabase db, Database database) throws SQLException {
        db.execute("ALTER TABLE tag DROP INDEX uk_tag_name_key, ADD INDEX ix_tag_name_key (name_key)");

        assertEquals(List.of("key tag.uk_tag_name_key (name_key) is missing"), database.validateSchema());
    }

    @Test
    void validationReportsMissingTables(Database database) throws SQLException {
        database.dropSchema();

        assertEquals(List.of("table article is missing", "table tag is missing", "table article_tag is missing",
                        "table tag_alias is missing", "table tag_count_delta is missing"), database.validateSchema());
    }

    @Test
    void createOnAnExistingSchemaKeepsEveryRow(TestDatabase db, Database database) throws SQLException {
        SampleData.persist(database);
        List<List<Object>> before = db.everything();

        database.createSchema();

        assertEquals(before, db.everything());
    }

    /** A database at version 1 with links, brought up to date by createSchema: the counts filled in, the aliases made. */
    @Test
    void createAddsTheTagCountsToAVersionOneDatabaseAndFillsThemIn(TestDatabase db, Database database)
            throws SQLException {
        SampleData.persist(database);
        db.execute("DROP TABLE tag_alias, tag_count_delta");
        db.execute("ALTER TABLE tag DROP INDEX ix_tag_article_count, DROP COLUMN article_count");

        database.createSchema();

        assertEquals(List.of(), database.validateSchema());
        assertEquals(List.of(List.of(2), List.of(2)), db.query("SELECT article_count FROM tag ORDER BY id"));
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void createOnlyCreatesWhatIsMissing(TestDatabase db) throws SQLException {
        // Another database on the same server holds tables of the same names: they are not ours (MySQL's
        // JDBC metadata would show them unless confined to the current database).
        db.executeAsAdmin("CREATE DATABASE IF NOT EXISTS articletag_other");
        db.executeAsAdmin("CREATE TABLE IF NOT EXISTS articletag_other.article_tag (article_id INT, tag_id INT)");
        SampleData.persist(db.database());
        db.execute("DROP TABLE article_tag");

        db.database().createSchema();

        assertEquals(List.of(List.of(1, "article1"), List.of(2, "article2")),
                db.query("SELECT id, title FROM article ORDER BY id"));
        assertEquals(List.of(List.of(1, "tag1"), List.of(2, "tag2")), db.query("SELECT id, name FROM tag ORDER BY id"));
        assertEquals(List.of(), db.database().validateSchema());
    }

    private static List<List<Object>> columns(TestDatabase db) throws SQLException {
        return db.query("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION");
    }
}
