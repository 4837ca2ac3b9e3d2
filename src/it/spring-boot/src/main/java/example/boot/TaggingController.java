package example.boot;

import io.github.articletag.Article;
import io.github.articletag.ArticleRepository;
import io.github.articletag.NewArticle;
import io.github.articletag.Page;
import io.github.articletag.Tag;
import io.github.articletag.TagCount;
import io.github.articletag.TagList;
import io.github.articletag.TagQuery;
import io.github.articletag.TagRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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
    private final Limits limits;

    public TaggingController(ArticleRepository articles, TagRepository tags, Limits limits) {
        this.articles = articles;
        this.tags = tags;
        this.limits = limits;
    }

    /** Publishes an article: {@code {"title": "...", "tagNames": ["java", ...]}}. */
    @PostMapping("/articles")
    @ResponseStatus(HttpStatus.CREATED)
    public Article publish(@RequestBody NewArticle article) {
        limits.tags(List.of(), article.tagNames());
        int id = articles.importArticles(List.of(article)).get(0);
        return articles.findWithTags(id).orElseThrow();
    }

    /**
     * The articles, page by page, narrowed to those carrying every tag given ({@code ?tag=java&tag=jpa}): pass the
     * page's {@code next} back as {@code after}.
     */
    @GetMapping("/articles")
    public Page<Article> listing(@RequestParam(name = "tag", required = false) List<String> tagNames,
                                 @RequestParam(required = false) String after,
                                 @RequestParam(defaultValue = "20") int size) {
        int pageSize = limits.pageSize(size);
        if (tagNames == null || tagNames.isEmpty()) {
            return articles.findPage(after, pageSize);
        }
        return articles.find(TagQuery.withAll(tagNames.toArray(String[]::new)), after, pageSize);
    }

    @GetMapping("/articles/{id}")
    public Article article(@PathVariable int id) {
        return articles.findWithTags(id).orElseThrow(() -> new NoSuchElementException("article " + id + " does not exist"));
    }

    /** Tags an article with a tag list as users type it: {@code ?tags=java, "spring boot"}. */
    @PostMapping("/articles/{id}/tags")
    public Article tag(@PathVariable int id, @RequestParam String tags) {
        List<String> current = article(id).getTags().stream().map(Tag::getName).toList();
        return articles.tag(id, limits.tags(current, TagList.parse(tags)).toArray(String[]::new));
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
        return articles.findTagged(name, after, limits.pageSize(size));
    }

    /** The tag cloud: the most used tags. */
    @GetMapping("/tags/cloud")
    public List<TagCount> cloud(@RequestParam(defaultValue = "50") int size) {
        return tags.mostUsed(limits.pageSize(size));
    }

    /** Completion for what a user typed. */
    @GetMapping("/tags/suggestions")
    public List<TagCount> suggestions(@RequestParam String prefix, @RequestParam(defaultValue = "10") int size) {
        return tags.suggest(prefix, limits.pageSize(size));
    }
}
