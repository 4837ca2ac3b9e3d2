package io.github.articletag;

import io.github.articletag.own.OwnSchema;
import io.github.articletag.own.Post;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The production setup of the guide: a migration user with DDL makes the schema, the application runs as a runtime
 * user holding only {@code SELECT, INSERT, UPDATE, DELETE} on the database. Every runtime call works as that user,
 * and each schema operation refuses in the library's words, naming itself and the privilege, with nothing changed.
 */
@ExtendWith(TestDatabaseExtension.class)
class TwoUsersTest {

    private static final String DATABASE = "articletag_two_users";
    private static final String MIGRATION = "articletag_migration";
    private static final String RUNTIME = "articletag_runtime";

    private ConnectionSettings admin;
    private String url;
    private ConnectionSettings migration;
    private ConnectionSettings runtime;

    @BeforeEach
    void createUsers(TestDatabase db) throws SQLException {
        assumeTrue(db.admin().isPresent(), "needs a server with grant tables and an administrator (the container"
                + " backend; the embedded server has no users, and for DB_URL no administrator is known)");
        admin = db.admin().get();
        url = db.settings().url().replaceFirst("/" + db.schemaName() + "(?=$|\\?)", "/" + DATABASE);
        migration = new ConnectionSettings(url, MIGRATION, password());
        runtime = new ConnectionSettings(url, RUNTIME, password());
        dropUsers();
        asAdmin("CREATE DATABASE " + DATABASE,
                "CREATE USER '" + MIGRATION + "'@'%' IDENTIFIED BY '" + migration.password() + "'",
                "GRANT ALL ON " + DATABASE + ".* TO '" + MIGRATION + "'@'%'",
                "CREATE USER '" + RUNTIME + "'@'%' IDENTIFIED BY '" + runtime.password() + "'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON " + DATABASE + ".* TO '" + RUNTIME + "'@'%'");
        try (Database database = OwnSchema.open(migration)) {
            OwnSchema.recreate(database);
        }
    }

    @AfterEach
    void dropUsers() throws SQLException {
        if (admin != null) {
            asAdmin("DROP DATABASE IF EXISTS " + DATABASE, "DROP USER IF EXISTS '" + MIGRATION + "'@'%'",
                    "DROP USER IF EXISTS '" + RUNTIME + "'@'%'");
        }
    }

    @Test
    void theRuntimeUserRunsEveryRuntimeCallWithoutDdl() {
        try (Database database = OwnSchema.open(runtime)) {
            assertEquals(List.of(), database.validateSchema());
            SampleData.persist(database);
            ArticleRepository articles = database.articles();
            TagRepository tags = database.tags();
            Article article = articles.save(new Article("runtime"));
            articles.tag(article.getId(), "java", "sql", "spare");
            articles.untag(article.getId(), "spare");
            articles.replaceTags(article.getId(), List.of("java", "sql", "jpa"));
            articles.tagAll(List.of(1, 2, article.getId()), List.of("bulk"));
            articles.untagAll(List.of(1), List.of("bulk"));
            List<Integer> imported = articles.importArticles(List.of(new NewArticle("one", List.of("java", "new"))));
            assertEquals(1, articles.importArticles(Stream.of(new NewArticle("two", List.of("java"))), done -> { }));
            Tag java = tags.findByName("java").orElseThrow();
            tags.addAlias(java.getId(), "jvm");
            assertEquals(List.of("jvm"), tags.aliases(java.getId(), null, 10).items());
            assertTrue(tags.removeAlias("jvm"));
            tags.rename(tags.findOrCreate("old").getId(), "older");
            tags.merge(tags.findByName("jpa").orElseThrow().getId(), java.getId());
            int javaArticles = articles.findTagged("java", null, 10).items().size();
            assertTrue(javaArticles >= 3, "the article, the imported one and the merged tag's: " + javaArticles);
            assertEquals(javaArticles, articles.count(TagQuery.withAll("java"), 100));
            articles.find(new TagQuery(List.of("java"), List.of(), List.of("sql")), null, 10);
            articles.findRelated(article.getId(), 5);
            tags.suggest("ja", 5);
            tags.related("java", 5);
            tags.counts(null, 10);
            assertTrue(tags.usage("java").isPresent());
            assertTrue(tags.recount() >= 0);
            assertTrue(tags.deleteUnused() >= 1, "older was unused");
            assertTrue(articles.delete(imported.get(0)));
            assertTrue(tags.delete(tags.findByName("new").orElseThrow().getId()));
            database.inTransaction(session -> session.createNativeQuery("SELECT 1", Integer.class).getSingleResult());

            TaggedRepository<Post> posts = database.tagged(Post.class);
            Post post = posts.save(new Post("post", "body", "ana", Instant.parse("2026-12-01T10:15:30Z")));
            posts.tag(post.getId(), "java", "posts");
            assertEquals(1, posts.findTagged("posts", null, 10).items().size());
            assertEquals(2, posts.tagCounts(null, 10).items().size());
            assertTrue(posts.delete(post.getId()));

            assertEquals(List.of(), database.validateSchema());
            assertEquals(List.of(), wrongCounts(database));
        }
    }

    @Test
    void aSchemaOperationByTheRuntimeUserIsRefusedInTheLibrarysWordsWithNothingChanged() throws SQLException {
        try (Database database = OwnSchema.open(runtime)) {
            SampleData.persist(database);
            List<String> before = contents();

            assertRefused("dropSchema needs the DROP privilege", database::dropSchema);
            assertRefused("createSchema needs the CREATE privilege", database::createSchema);
            assertRefused("dropSchema needs the DROP privilege", database::recreateSchema);

            assertEquals(before, contents());
            assertEquals(List.of(), database.validateSchema());
        }
    }

    private static void assertRefused(String expected, Runnable operation) {
        String message = assertThrows(IllegalStateException.class, operation::run).getMessage();
        assertTrue(message.startsWith(expected), message);
        assertTrue(message.contains("Nothing was changed."), message);
        assertTrue(message.contains("the migration user"), message);
    }

    /** Every table of the database with its rows, as the administrator sees them. */
    private List<String> contents() throws SQLException {
        List<String> contents = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, admin.user(), admin.password());
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SHOW TABLES")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int column = 1; column <= columns; column++) {
                            row.append(' ').append(result.getString(column));
                        }
                        contents.add(row.toString());
                    }
                }
            }
            contents.add("tables " + Set.copyOf(tables));
        }
        contents.sort(null);
        return contents;
    }

    private static List<Object> wrongCounts(Database database) {
        return database.fromTransaction(session -> List.copyOf(session.createNativeQuery("SELECT t.id FROM tag t"
                + " WHERE t.article_count + COALESCE((SELECT SUM(d.delta) FROM tag_count_delta d WHERE d.tag_id = t.id"
                + " AND d.counted = 'article_tag'), 0) <> (SELECT COUNT(*) FROM article_tag l WHERE l.tag_id = t.id)",
                Object.class).getResultList()));
    }

    private void asAdmin(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String password() {
        return "Pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    }
}
