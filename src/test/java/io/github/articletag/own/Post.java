package io.github.articletag.own;

import io.github.articletag.Taggable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** An application's own article: its columns, its optimistic lock, and the library's tags. */
// tag::own-entity[]
@Entity
@Table(name = "post")
public class Post extends Taggable {             // the tags; nothing mapped, no column or discriminator added

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;                             // Integer or Long

    @Column(nullable = false)
    private String title;

    private String body;

    private String author;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Version
    private int version;                         // optional: checked and raised when save writes your columns
// end::own-entity[]

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

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
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

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Post that && id != null && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return Post.class.hashCode();
    }

    @Override
    public String toString() {
        return "Post(id=" + id + ", title=" + title + ")";
    }
}
