package example.guide;

import io.github.articletag.Article;
import io.github.articletag.ArticleRepository;
import io.github.articletag.Page;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;

/**
 * The Java samples of the guide's Spring Boot page (src/docs/spring-boot.md), compiled with the example because
 * they need Spring MVC and Boot's Flyway support, which the library's own tests do not have; the library's
 * GuideTest requires each Markdown sample to be its region. Outside the application's package, so that Boot
 * never scans them; the example's TaggingController and OwnVersionsTest run the same calls.
 */
class SpringBootSamples {

    // tag::spring-controller[]
    @RestController
    class Tagging {
        private final ArticleRepository articles;
        Tagging(ArticleRepository articles) { this.articles = articles; }

        @GetMapping("/tags/{name}/articles")
        Page<Article> tagged(@PathVariable String name, @RequestParam(required = false) String after) {
            return articles.findTagged(name, after, 20);
        }
    }
    // end::spring-controller[]

    // tag::spring-flyway-after-yours[]
    @Bean
    FlywayMigrationStrategy applicationThenLibrary(DataSource dataSource) {
        return applications -> {
            applications.migrate();
            Flyway.configure().dataSource(dataSource)
                    .locations("classpath:io/github/articletag/migration")
                    .table("articletag_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0") // your tables are there already
                    .load().migrate();
        };
    }
    // end::spring-flyway-after-yours[]
}
