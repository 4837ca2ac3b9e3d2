package example.boot;

import io.github.articletag.Article;
import io.github.articletag.ArticleRepository;
import io.github.articletag.Tag;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An application whose own migrations start at version 1, as the guide's Spring Boot page, src/docs/spring-boot.md
 * describes: the library's location left out of Boot's Flyway, and its migrations run before the application's
 * (whose posts' and products' link tables refer to the library's tag table), with a history table of their own.
 */
@SpringBootTest(properties = {"articletag.flyway.add-location=false",
        "spring.flyway.locations=classpath:db/own-versions,classpath:db/migration",
        "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0"})
@Testcontainers
class OwnVersionsTest {

    // A server of its own, not shared with TaggingApplicationTest: this one's Flyway history starts empty.
    @Container
    @ServiceConnection
    static final MySQLContainer MYSQL = new MySQLContainer(DockerImageName
            .parse(System.getProperty("articletag.test.image", "mysql:9.7")).asCompatibleSubstituteFor("mysql"));

    /** The guide's sample (src/docs/spring-boot.md), run: Boot's Flyway migrates the application, then the library's. */
    @TestConfiguration
    static class Migrations {
        // tag::spring-flyway-before-yours[]
        @Bean
        FlywayMigrationStrategy libraryThenApplication(DataSource dataSource) {
            return applications -> {
                Flyway.configure().dataSource(dataSource)
                        .locations("classpath:io/github/articletag/migration")
                        .table("articletag_schema_history")
                        .baselineOnMigrate(true).baselineVersion("0") // your tables may be there already
                        .load().migrate();
                applications.migrate(); // your tagged types' link tables refer to the library's tag table
            };
        }
        // end::spring-flyway-before-yours[]
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    ArticleRepository articles;

    @Test
    void bothVersionOnesRunEachInItsOwnHistoryAndTheLibraryStarts() throws Exception {
        assertEquals(List.of("1", "2", "3", "4"), versions("articletag_schema_history"),
                "on an empty schema: no baseline");
        assertEquals(List.of("0", "1", "10"), versions("flyway_schema_history"), "baseline, then V1 and V10");
        Article article = new Article("Own versions");
        article.addTag(new Tag("flyway"));
        int id = articles.save(article).getId();
        assertEquals(List.of(id), articles.findTagged("flyway", null, 10).items().stream().map(Article::getId).toList());
    }

    private List<String> versions(String table) throws Exception {
        List<String> versions = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var history = statement.executeQuery("SELECT version FROM " + table + " WHERE success ORDER BY installed_rank")) {
            while (history.next()) {
                versions.add(history.getString(1));
            }
        }
        return versions;
    }
}
