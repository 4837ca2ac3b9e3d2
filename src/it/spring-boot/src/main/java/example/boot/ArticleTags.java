package example.boot;

import io.github.articletag.Article;
import io.github.articletag.Tag;
import io.github.articletag.Database;
import org.springframework.stereotype.Service;

import java.util.List;

/** What the application does with tags: a thin service over the library's repositories. */
@Service
public class ArticleTags {

    private final Database database;

    public ArticleTags(Database database) {
        this.database = database;
    }

    /** Publishes an article with its tags, existing ones reused, and returns its id. */
    public int publish(String title, String... tags) {
        Article article = new Article(title);
        for (String tag : tags) {
            article.addTag(new Tag(tag));
        }
        return database.articles().save(article).getId();
    }

    /** Titles of the articles carrying {@code tag}. */
    public List<String> titlesTagged(String tag) {
        return database.articles().findTagged(tag, null, 1000).items().stream().map(Article::getTitle).toList();
    }
}
