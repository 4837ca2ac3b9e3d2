package example.boot;

import io.github.articletag.Database;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import javax.sql.DataSource;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole application against MySQL: Boot's DataSource from the container, Flyway, then the library. */
@SpringBootTest
@Testcontainers
class TaggingApplicationTest {

    @Container
    @ServiceConnection
    static final MySQLContainer MYSQL = new MySQLContainer(DockerImageName
            .parse(System.getProperty("articletag.test.image", "mysql:9.7")).asCompatibleSubstituteFor("mysql"));

    @Autowired
    ArticleTags tags;

    @Autowired
    Database database;

    @Autowired
    DataSource dataSource;

    @Test
    void publishesAndFindsArticlesOverTheApplicationsDataSource() throws Exception {
        tags.publish("Spring and JPA", "spring", "jpa");
        tags.publish("Tags in 🍕 land", "🍕", "Spring");

        assertEquals(List.of("Spring and JPA", "Tags in 🍕 land"), tags.titlesTagged("SPRING"));
        assertEquals(List.of("Tags in 🍕 land"), tags.titlesTagged("🍕"));
        assertEquals(List.of(), tags.titlesTagged("🍔"));
        assertEquals(List.of(), database.validateSchema());
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var history = statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            assertTrue(history.next(), "Flyway made the schema");
            assertEquals("1", history.getString(1));
            assertTrue(history.getBoolean(2));
        }
    }
}
