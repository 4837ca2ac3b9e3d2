package example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The application: Spring Boot owns the DataSource and runs Flyway; the library's auto-configuration adds its
 * migrations to Flyway's, opens the library over that DataSource once they ran, and checks the schema. Nothing of
 * the library is wired here.
 */
@SpringBootApplication
@EnableConfigurationProperties(Limits.class)
public class TaggingApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaggingApplication.class, args);
    }
}
