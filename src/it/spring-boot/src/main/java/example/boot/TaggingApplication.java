package example.boot;

import io.github.articletag.Database;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * The application: Spring Boot owns the DataSource and runs Flyway (application.properties points it at the
 * migration the library ships); the library runs over that DataSource and never touches the schema.
 */
@SpringBootApplication
public class TaggingApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaggingApplication.class, args);
    }

    /**
     * The library over Boot's DataSource, checking at start-up that the schema fits (never dropping or creating:
     * that is Flyway's job). Closing the Database at shutdown leaves the DataSource to Boot.
     */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization // after Flyway has migrated, like Boot's own JPA and JDBC beans
    Database database(DataSource dataSource) {
        Database database = Database.open(dataSource);
        var problems = database.validateSchema();
        if (!problems.isEmpty()) {
            database.close();
            throw new IllegalStateException("the schema does not fit the library: " + problems);
        }
        return database;
    }
}
