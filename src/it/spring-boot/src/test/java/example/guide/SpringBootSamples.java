package example.guide;

import io.github.articletag.Article;
import io.github.articletag.ArticleRepository;
import io.github.articletag.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The controller sample of the guide's Spring Boot page (src/docs/spring-boot.md), compiled with the example
 * because it needs Spring MVC, which the library's own tests do not have; the library's GuideTest requires each
 * Markdown sample to be its region. Outside the application's package, so that Boot never scans it; the example's
 * TaggingController runs the same calls. The page's Flyway sample is OwnVersionsTest's own, and runs there.
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
}
