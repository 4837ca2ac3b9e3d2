package example.boot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.articletag.Taggable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** The application's own article: its columns are its own, its tags the library's (table post_tag). */
@JsonPropertyOrder({"id", "title", "body", "author", "publishedAt", "version", "tags"})
@Entity
@Table(name = "post")
public class Post extends Taggable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String title;

    private String body;

    private String author;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Version
    private int version;

    protected Post() {
    }

    public Post(String title, String body, String author, Instant publishedAt) {
        this.title = title;
        this.body = body;
        this.author = author;
        this.publishedAt = publishedAt;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public String getAuthor() {
        return author;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public int getVersion() {
        return version;
    }
}
