package example.boot;

import io.github.articletag.Article;
import io.github.articletag.ArticleRepository;
import io.github.articletag.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production setup of the guide's Spring Boot page: Boot's Flyway migrates as the migration user
 * ({@code spring.flyway.user}), the application and the library run as a runtime user holding only
 * {@code SELECT, INSERT, UPDATE, DELETE}.
 */
@SpringBootTest
@Testcontainers
class TwoUsersTest {

    private static final String RUNTIME_PASSWORD = "Pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

    // A server of its own: the runtime user is made before the application starts.
    @Container
    static final MySQLContainer MYSQL = new MySQLContainer(DockerImageName
            .parse(System.getProperty("articletag.test.image", "mysql:9.7")).asCompatibleSubstituteFor("mysql"));

    @DynamicPropertySource
    static void twoUsers(DynamicPropertyRegistry properties) throws Exception {
        // MySQLContainer gives root the test user's password.
        try (var connection = DriverManager.getConnection(MYSQL.getJdbcUrl(), "root", MYSQL.getPassword());
             var statement = connection.createStatement()) {
            statement.execute("CREATE USER 'runtime'@'%' IDENTIFIED BY '" + RUNTIME_PASSWORD + "'");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + MYSQL.getDatabaseName() + ".* TO 'runtime'@'%'");
        }
        properties.add("spring.datasource.url", MYSQL::getJdbcUrl);
        properties.add("spring.datasource.username", () -> "runtime");
        properties.add("spring.datasource.password", () -> RUNTIME_PASSWORD);
        // tag::spring-two-users[]
        properties.add("spring.flyway.user", MYSQL::getUsername); // the migration user, with DDL
        properties.add("spring.flyway.password", MYSQL::getPassword);
        // end::spring-two-users[]
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    ArticleRepository articles;

    @Test
    void flywayMigratesAsTheMigrationUserAndTheLibraryRunsAsTheRuntimeUser() throws Exception {
        Article article = new Article("two users");
        article.addTag(new Tag("least privilege"));
        int id = articles.save(article).getId();
        assertEquals(List.of(id), articles.findTagged("least privilege", null, 10).items().stream()
                .map(Article::getId).toList());

        List<String> grants = new ArrayList<>();
        List<String> installers = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            try (var result = statement.executeQuery("SHOW GRANTS")) {
                while (result.next()) {
                    grants.add(result.getString(1));
                }
            }
            try (var result = statement.executeQuery("SELECT DISTINCT installed_by FROM flyway_schema_history")) {
                while (result.next()) {
                    installers.add(result.getString(1));
                }
            }
        }
        assertTrue(grants.stream().anyMatch(grant -> grant.startsWith("GRANT SELECT, INSERT, UPDATE, DELETE ON")),
                grants.toString());
        assertTrue(grants.stream().noneMatch(grant -> grant.contains("CREATE") || grant.contains("ALL")),
                grants.toString());
        assertEquals(List.of(MYSQL.getUsername()), installers, "Flyway ran as the migration user");
    }
}
