package io.github.articletag;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library inside an application that owns the pool, the schema migrations or the EntityManagerFactory:
 * the shipped Flyway migration, the application's DataSource, the application's factory.
 */
@ExtendWith(TestDatabaseExtension.class)
class ApplicationSetupTest {

    private static final String MIGRATED = "articletag_flyway";

    @Test
    void aDatabaseMigratedByFlywayPassesTheLibrarysAndHibernatesValidation(TestDatabase db) throws Exception {
        db.executeAsAdmin("DROP DATABASE IF EXISTS " + MIGRATED);
        db.executeAsAdmin("CREATE DATABASE " + MIGRATED);
        ConnectionSettings migrated = db.adminSettingsFor(MIGRATED);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(migrated.url(), migrated.user(), migrated.password())
                    .locations("classpath:io/github/articletag/migration")
                    .load();
            assertEquals(4, flyway.migrate().migrationsExecuted, "V1 to V4");

            try (Database database = Database.open(migrated)) {
                assertEquals(List.of(), database.validateSchema());
                database.sessionFactory().getSchemaManager().validate(); // throws on the first difference
                SampleData.persist(database);
                assertEquals(2, database.articles().findPage(null, 1000).items().size());
            }
            assertEquals(0, flyway.migrate().migrationsExecuted, "a second migrate finds nothing to do");
        } finally {
            db.executeAsAdmin("DROP DATABASE IF EXISTS " + MIGRATED);
        }
    }

    @Test
    void theLibraryRunsOverTheApplicationsDataSourceAndLeavesItOpen(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.settings().url());
        config.setUsername(db.settings().user());
        config.setPassword(db.settings().password());
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ"); // MySQL's default, not what the library needs
        config.setPoolName("application");
        try (HikariDataSource applications = new HikariDataSource(config)) {
            try (Database database = Database.open(applications)) {
                SampleData.persist(database);
                Article article = database.articles().findWithTags(1).orElseThrow();
                article.addTag(new Tag("from the application's pool"));
                database.articles().save(article);
                assertEquals(3, database.articles().findWithTags(1).orElseThrow().getTags().size());
                assertTrue(database.tags().findOrCreate("🍕").getId() > 0);
                assertEquals(List.of(), database.validateSchema());
            }
            assertFalse(applications.isClosed(), "closing the Database closed the application's pool");
        }
    }

    @Test
    void theRepositoriesWorkOverTheApplicationsOwnFactory(TestDatabase db) {
        try (EntityManagerFactory factory = new HibernatePersistenceConfiguration("application")
                .managedClasses(Database.ENTITY_CLASSES)
                .jdbcUrl(db.settings().url())
                .jdbcCredentials(db.settings().user(), db.settings().password())
                // As an application must against MariaDB 11, where Connector/J's metadata fails.
                .properties(ServerVersion.probe(db.settings()).hibernateProperties())
                .property("hibernate.connection.provider_class",
                        "org.hibernate.hikaricp.internal.HikariCPConnectionProvider")
                .createEntityManagerFactory()) {
            try (Database database = Database.using(factory)) {
                database.articles().save(new Article("through the application's factory"));
                database.articles().tag(1, "a", "b");
                assertEquals(Set.of("a", "b"), WorkingWithLoadedArticlesTest.names(
                        database.articles().findWithTags(1).orElseThrow()));
            }
            assertTrue(factory.isOpen(), "closing the Database closed the application's factory");
        }
    }

    @Test
    void aFactoryWithoutTheLibrarysEntitiesIsRefusedByName(TestDatabase db) {
        try (EntityManagerFactory factory = new HibernatePersistenceConfiguration("unrelated")
                .jdbcUrl(db.settings().url())
                .jdbcCredentials(db.settings().user(), db.settings().password())
                .properties(ServerVersion.probe(db.settings()).hibernateProperties())
                .property("hibernate.connection.pool_size", "1")
                .createEntityManagerFactory()) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> Database.using(factory));

            assertEquals("the factory does not map io.github.articletag.Article: add Database.ENTITY_CLASSES"
                    + " to its managed classes", failure.getMessage());
        }
    }
}
