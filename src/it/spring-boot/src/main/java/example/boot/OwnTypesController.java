package example.boot;

import io.github.articletag.Page;
import io.github.articletag.Tag;
import io.github.articletag.TagCount;
import io.github.articletag.TagList;
import io.github.articletag.TagRepository;
import io.github.articletag.TagUsage;
import io.github.articletag.TaggedRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/** The application's own tagged types over HTTP: the repositories are the auto-configuration's beans. */
@RestController
public class OwnTypesController {

    /** A new post as a client sends it. */
    public record NewPost(String title, String body, String author, Instant publishedAt, List<String> tags) {
    }

    /** A new product as a client sends it. */
    public record NewProduct(String sku, BigDecimal price, List<String> tags) {
    }

    private final TaggedRepository<Post> posts;
    private final TaggedRepository<Product> products;
    private final TagRepository tags;
    private final Limits limits;

    public OwnTypesController(TaggedRepository<Post> posts, TaggedRepository<Product> products, TagRepository tags,
                              Limits limits) {
        this.posts = posts;
        this.products = products;
        this.tags = tags;
        this.limits = limits;
    }

    /** Publishes a post with its tags, in one save. */
    @PostMapping("/posts")
    @ResponseStatus(HttpStatus.CREATED)
    public Post publish(@RequestBody NewPost post) {
        Post created = new Post(post.title(), post.body(), post.author(), post.publishedAt());
        limits.tags(List.of(), post.tags()).forEach(name -> created.addTag(new Tag(name)));
        return posts.save(created);
    }

    @GetMapping("/posts/{id}")
    public Post post(@PathVariable long id) {
        return posts.findWithTags(id).orElseThrow(() -> new NoSuchElementException("post " + id + " does not exist"));
    }

    /** Tags a post with a tag list as users type it. */
    @PostMapping("/posts/{id}/tags")
    public Post tagPost(@PathVariable long id, @RequestParam String tags) {
        List<String> current = post(id).getTags().stream().map(Tag::getName).toList();
        return posts.tag(id, limits.tags(current, TagList.parse(tags)).toArray(String[]::new));
    }

    /** A tag's posts, page by page. */
    @GetMapping("/tags/{name}/posts")
    public Page<Post> taggedPosts(@PathVariable String name, @RequestParam(required = false) String after,
                                  @RequestParam(defaultValue = "20") int size) {
        return posts.findTagged(name, after, limits.pageSize(size));
    }

    /** The posts' tag cloud: counted over posts alone. */
    @GetMapping("/posts/tags")
    public Page<TagCount> postTags(@RequestParam(required = false) String after,
                                   @RequestParam(defaultValue = "50") int size) {
        return posts.tagCounts(after, limits.pageSize(size));
    }

    @PostMapping("/products")
    @ResponseStatus(HttpStatus.CREATED)
    public Product add(@RequestBody NewProduct product) {
        Product created = new Product(product.sku(), product.price());
        limits.tags(List.of(), product.tags()).forEach(name -> created.addTag(new Tag(name)));
        return products.save(created);
    }

    /** A tag's products, page by page. */
    @GetMapping("/tags/{name}/products")
    public Page<Product> taggedProducts(@PathVariable String name, @RequestParam(required = false) String after,
                                        @RequestParam(defaultValue = "20") int size) {
        return products.findTagged(name, after, limits.pageSize(size));
    }

    /** How many articles, posts and products carry a tag. */
    @GetMapping("/tags/{name}/usage")
    public TagUsage usage(@PathVariable String name) {
        return tags.usage(name).orElseThrow(() -> new NoSuchElementException("no tag '" + name + "'"));
    }
}
