package io.github.articletag.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.Article;
import io.github.articletag.ArticleRepository;
import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;
import io.github.articletag.NewArticle;
import io.github.articletag.Tag;
import io.github.articletag.TagRepository;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auto-configuration in a Spring Boot application started as Boot starts one (SpringApplication, every
 * auto-configuration on the class path, Boot's HikariCP DataSource) against the test server.
 */
@ExtendWith(TestDatabaseExtension.class)
class AutoConfigurationTest {

    /** An application with no configuration of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlainApplication {
    }

    /** An application that opens the library on the library's own pool. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OwnPoolApplication {
        @Bean(destroyMethod = "close")
        Database myDatabase(Environment environment) {
            return Database.open(new ConnectionSettings(environment.getProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password")));
        }
    }

    /** An application that opens the library itself. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OwnDatabaseApplication {
        @Bean(destroyMethod = "close")
        Database myDatabase(DataSource dataSource) {
            return Database.open(dataSource);
        }
    }

    @Test
    void aDataSourceIsAllItTakesToGetTheDatabaseAndItsRepositories(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class)) {
            Database database = context.getBean(Database.class);
            assertSame(database.articles(), context.getBean(ArticleRepository.class));
            assertSame(database.tags(), context.getBean(TagRepository.class));
            Article saved = context.getBean(ArticleRepository.class).save(withTag("Boot", "spring"));
            assertEquals(List.of("Boot"), db.database().articles().findTagged("spring", null, 10).items().stream()
                    .map(Article::getTitle).toList(), "over the same database as the test's own connection");
            assertEquals(saved.getId(), database.articles().findWithTags(saved.getId()).orElseThrow().getId());
        }
    }

    @Test
    void bootsPoolGetsTheDriverPropertiesTheApplicationDidNotSet(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class,
                "spring.datasource.hikari.data-source-properties.prepStmtCacheSize=100")) {
            var properties = context.getBean(HikariDataSource.class).getDataSourceProperties();
            assertEquals("100", properties.getProperty("prepStmtCacheSize"), "the application's own value wins");
            Database.DRIVER_PROPERTIES.forEach((name, value) -> {
                if (!name.equals("prepStmtCacheSize")) {
                    assertEquals(value, properties.getProperty(name), name);
                }
            });
        }
        String url = db.settings().url() + (db.settings().url().contains("?") ? "&" : "?") + "USELOCALSESSIONSTATE=false";
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class, "spring.datasource.url=" + url,
                "spring.datasource.hikari.data-source-properties.cacheprepstmts=false")) {
            var properties = context.getBean(HikariDataSource.class).getDataSourceProperties();
            assertEquals(null, properties.getProperty("useLocalSessionState"), "set in the URL, in another case");
            assertEquals(null, properties.getProperty("cachePrepStmts"), "set by the application, in another case");
            assertEquals("4096", properties.getProperty("prepStmtCacheSqlLimit"));
        }
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class,
                "articletag.datasource.driver-properties=false")) {
            assertEquals(Map.of(), Map.copyOf(context.getBean(HikariDataSource.class).getDataSourceProperties()));
        }
    }

    @Test
    void aSchemaThatDoesNotFitFailsTheStartListingEveryDifferenceAndChangesNothing(TestDatabase db)
            throws Exception {
        db.execute("ALTER TABLE tag DROP COLUMN article_count");
        db.execute("DROP TABLE tag_alias");
        List<List<Object>> before = db.query("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1, 2");

        BeanCreationException failure = assertThrows(BeanCreationException.class,
                () -> start(db, PlainApplication.class).close());
        SchemaMismatchException mismatch = assertInstanceOf(SchemaMismatchException.class, rootCause(failure));
        assertEquals(db.database().validateSchema(), mismatch.getProblems());
        assertTrue(mismatch.getProblems().size() >= 2, mismatch.getMessage());
        assertTrue(mismatch.getMessage().contains("article_count"), mismatch.getMessage());
        assertTrue(mismatch.getMessage().contains("tag_alias"), mismatch.getMessage());
        assertEquals(before, db.query("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1, 2"));

        try (ConfigurableApplicationContext context = start(db, PlainApplication.class,
                "articletag.schema.validate=false")) {
            Health health = context.getBean("articletagHealthIndicator", HealthIndicator.class).health();
            assertEquals(Status.DOWN, health.getStatus(), "started on request, and the health says why");
            assertEquals(mismatch.getProblems(), health.getDetails().get("schema"));
        }
    }

    @Test
    void everyBeanBacksOffWhenTheApplicationDefinesItsOwn(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(db, OwnDatabaseApplication.class)) {
            assertEquals(List.of("myDatabase"), List.of(context.getBeanNamesForType(Database.class)));
            Database mine = context.getBean(Database.class);
            assertSame(mine.articles(), context.getBean(ArticleRepository.class), "repositories of the application's");
            assertTrue(context.containsBean("articletagHealthIndicator"), "and the health and meters watch it");
        }
    }

    @Test
    void healthSaysWhichServerAnswersAndThatItTakesWrites(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class)) {
            Health health = context.getBean("articletagHealthIndicator", HealthIndicator.class).health();
            assertEquals(Status.UP, health.getStatus(), health.toString());
            Map<String, Object> details = health.getDetails();
            assertEquals("valid", details.get("schema"));
            assertEquals(db.database().server().toString(), details.get("server"));
            assertEquals(false, details.get("readOnly"));
            assertTrue(details.get("endpoint").toString().matches(".+:\\d+"), details.toString());
            assertFalse(details.containsKey("member"), "a single server is no group member: " + details);
        }
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class,
                "management.health.articletag.enabled=false")) {
            assertFalse(context.containsBean("articletagHealthIndicator"));
        }
    }

    @Test
    void metersCountWhatTheLibraryResolvedOrReported(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class)) {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            ArticleRepository articles = context.getBean(ArticleRepository.class);
            assertEquals(8, registry.find("articletag.retries").functionCounters().size(), "one per cause");
            assertEquals(0.0, count(registry, "articletag.retries", "deadlock"));

            articles.importArticles(Stream.of(new NewArticle("a", List.of("x")), new NewArticle("b", List.of())),
                    progress -> { });
            assertEquals(2.0, count(registry, "articletag.imported.articles", null));
            articles.importArticles(List.of(new NewArticle("c", List.of("x"))));
            assertEquals(3.0, count(registry, "articletag.imported.articles", null), "a list, once committed");

            Article loaded = articles.findWithTags(articles.save(new Article("first")).getId()).orElseThrow();
            db.database().articles().findWithTags(loaded.getId()).ifPresent(other -> {
                other.setTitle("changed meanwhile");
                db.database().articles().save(other);
            });
            loaded.setTitle("mine");
            assertThrows(OptimisticLockException.class, () -> articles.save(loaded));
            assertEquals(1.0, count(registry, "articletag.optimistic.lock.conflicts", null));
            assertEquals(0.0, count(registry, "articletag.outcome.unknown", null));
        }
    }

    @Test
    void everyCallIsTimedInBootsRegistryByRepositoryCallAndOutcome(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class)) {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            ArticleRepository articles = context.getBean(ArticleRepository.class);
            articles.save(new Article("timed"));
            assertThrows(IllegalArgumentException.class, () -> articles.findPage(null, 0));

            assertEquals(1, registry.find("articletag.call").tag("articletag.repository", "articles")
                    .tag("articletag.call", "save").tag("outcome", "success").timer().count());
            assertEquals(1, registry.find("articletag.call").tag("articletag.call", "findPage")
                    .tag("outcome", "refused").tag("error", "IllegalArgumentException").timer().count());
        }
    }

    @Test
    void theLibrarysOwnPoolReportsHikariCpsMetrics(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(db, OwnPoolApplication.class)) {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(Database.class).articles().findPage(null, 1);

            assertTrue(registry.find("hikaricp.connections").tag("pool", "article-tag").gauge() != null,
                    "the library's pool");
            assertTrue(registry.find("hikaricp.connections.acquire").tag("pool", "article-tag").timer().count() > 0);
        }
    }

    @Test
    void withoutActuatorOrMicrometerTheApplicationStillGetsTheDatabase(TestDatabase db) {
        try (ConfigurableApplicationContext context = start(db, PlainApplication.class,
                new WithoutJars("spring-boot-health-", "micrometer-", "spring-boot-micrometer-"))) {
            assertTrue(context.containsBean("articletagDatabase"));
            assertFalse(context.containsBean("articletagHealthIndicator"));
            assertFalse(context.containsBean("articletagMeters"));
            assertFalse(context.containsBean("articletagCallObservations"));
            ArticleRepository articles = context.getBean(ArticleRepository.class);
            assertEquals("unobserved", articles.findWithTags(articles.save(new Article("unobserved")).getId())
                    .orElseThrow().getTitle());
        }
    }

    /**
     * The test's class path without some jars, as an application without them sees it: their classes cannot be
     * loaded and their resources (their auto-configuration lists) are not found.
     */
    private static final class WithoutJars extends ClassLoader {

        private final List<String> jarPrefixes;

        WithoutJars(String... jarPrefixes) {
            super(AutoConfigurationTest.class.getClassLoader());
            this.jarPrefixes = List.of(jarPrefixes);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            URL file = getParent().getResource(name.replace('.', '/') + ".class");
            if (file != null && hidden(file)) {
                throw new ClassNotFoundException(name + " is hidden");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            URL found = super.getResource(name);
            return found == null || hidden(found) ? null : found;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> visible = new ArrayList<>();
            for (URL url : Collections.list(getParent().getResources(name))) {
                if (!hidden(url)) {
                    visible.add(url);
                }
            }
            return Collections.enumeration(visible);
        }

        private boolean hidden(URL url) {
            String path = url.toString();
            String jar = path.substring(0, Math.max(0, path.indexOf(".jar!")));
            String file = jar.substring(jar.lastIndexOf('/') + 1);
            return jarPrefixes.stream().anyMatch(file::startsWith);
        }
    }

    private static double count(MeterRegistry registry, String name, String cause) {
        var search = registry.find(name);
        FunctionCounter counter = (cause == null ? search : search.tag("cause", cause)).functionCounter();
        assertTrue(counter != null, name + " is registered");
        return counter.count();
    }

    private static Article withTag(String title, String tag) {
        Article article = new Article(title);
        article.addTag(new Tag(tag));
        return article;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof SchemaMismatchException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ConfigurableApplicationContext start(TestDatabase db, Class<?> application, String... properties) {
        return start(db, application, null, properties);
    }

    private static ConfigurableApplicationContext start(TestDatabase db, Class<?> application,
                                                        ClassLoader classLoader, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + db.settings().url(),
                "spring.datasource.username=" + db.settings().user(),
                "spring.datasource.password=" + db.settings().password(),
                "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new));
        if (classLoader != null) {
            builder.resourceLoader(new DefaultResourceLoader(classLoader));
        }
        return builder.run();
    }
}
