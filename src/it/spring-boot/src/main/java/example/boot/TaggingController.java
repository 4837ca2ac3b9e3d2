package example.boot;

import io.github.articletag.Article;
import io.github.articletag.ArticleRepository;
import io.github.articletag.DatabaseBusyException;
import io.github.articletag.DatabaseUnavailableException;
import io.github.articletag.NewArticle;
import io.github.articletag.Page;
import io.github.articletag.TagCount;
import io.github.articletag.TagList;
import io.github.articletag.TagRepository;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.NoSuchElementException;

/** The REST API: what the library's repositories return goes out as it is. */
@RestController
public class TaggingController {

    private final ArticleRepository articles;
    private final TagRepository tags;

    public TaggingController(ArticleRepository articles, TagRepository tags) {
        this.articles = articles;
        this.tags = tags;
    }

    /** Publishes an article: {@code {"title": "...", "tagNames": ["java", ...]}}. */
    @PostMapping("/articles")
    @ResponseStatus(HttpStatus.CREATED)
    public Article publish(@RequestBody NewArticle article) {
        int id = articles.importArticles(List.of(article)).get(0);
        return articles.findWithTags(id).orElseThrow();
    }

    @GetMapping("/articles/{id}")
    public Article article(@PathVariable int id) {
        return articles.findWithTags(id).orElseThrow(() -> new NoSuchElementException("article " + id + " does not exist"));
    }

    /** Tags an article with a tag list as users type it: {@code ?tags=java, "spring boot"}. */
    @PostMapping("/articles/{id}/tags")
    public Article tag(@PathVariable int id, @RequestParam String tags) {
        return articles.tag(id, TagList.parse(tags).toArray(String[]::new));
    }

    @DeleteMapping("/articles/{id}/tags/{name}")
    public Article untag(@PathVariable int id, @PathVariable String name) {
        articles.untag(id, name);
        return article(id);
    }

    /** A tag's articles, page by page: pass the page's {@code next} back as {@code after}. */
    @GetMapping("/tags/{name}/articles")
    public Page<Article> tagged(@PathVariable String name, @RequestParam(required = false) String after,
                                @RequestParam(defaultValue = "20") int size) {
        return articles.findTagged(name, after, size);
    }

    /** The tag cloud: the most used tags. */
    @GetMapping("/tags/cloud")
    public List<TagCount> cloud(@RequestParam(defaultValue = "50") int size) {
        return tags.mostUsed(size);
    }

    /** Completion for what a user typed. */
    @GetMapping("/tags/suggestions")
    public List<TagCount> suggestions(@RequestParam String prefix, @RequestParam(defaultValue = "10") int size) {
        return tags.suggest(prefix, size);
    }

    /** The library names what is wrong with the input; the database is as it was. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail missing(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /**
     * A busy pool or an unreachable server is the service's state, not the request's fault: 503 with when to try
     * again. The library's message names the server's address, which is not the client's business.
     */
    @ExceptionHandler(DatabaseUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(DatabaseUnavailableException e) {
        boolean busy = e instanceof DatabaseBusyException;
        String detail = (busy ? "the database is busy" : "the database is unavailable")
                + (e.isOutcomeUnknown() ? ": the change may or may not have been made, check before repeating it"
                        : ": nothing was changed, try again shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, busy ? "1" : "5")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }
}
