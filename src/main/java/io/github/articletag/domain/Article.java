package io.github.articletag.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * An article: table {@code article(id, title)}. It owns the link to its tags, stored in {@code article_tag}.
 */
@Entity
@Table(name = "article", options = Article.TABLE_OPTIONS)
public class Article {

    /**
     * utf8mb4 whatever the server's default (MariaDB before 11.6 defaults to latin1, and MySQL's {@code utf8}
     * is the 3-byte utf8mb3). utf8mb4_unicode_520_ci exists on MySQL and MariaDB alike and, unlike
     * utf8mb4_unicode_ci, orders characters beyond the BMP (emoji, rare CJK) instead of weighing them all the
     * same. It only orders: tag identity is {@link Tag#keyOf}, compared in a binary column.
     */
    static final String TABLE_OPTIONS = "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Integer id;

    @Column(name = "title", length = Names.MAX_LENGTH, nullable = false)
    private String title;

    // A Set, so that Hibernate gives article_tag the primary key (article_id, tag_id). Persist and merge
    // cascade so that saving an article saves its new tags; REMOVE never cascades across a many-to-many.
    // ON DELETE CASCADE on article_id: deleting an article in SQL also removes its links.
    @ManyToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE})
    @OnDelete(action = OnDeleteAction.CASCADE)
    @JoinTable(name = "article_tag", options = TABLE_OPTIONS,
            joinColumns = @JoinColumn(name = "article_id", nullable = false,
                    foreignKey = @ForeignKey(name = "fk_article_tag_article")),
            inverseJoinColumns = @JoinColumn(name = "tag_id", nullable = false,
                    foreignKey = @ForeignKey(name = "fk_article_tag_tag")))
    private Set<Tag> tags = new HashSet<>();

    /** For Hibernate only. */
    protected Article() {
    }

    /**
     * A new, unsaved article.
     *
     * @param title 1 to 50 characters once surrounding whitespace is removed
     * @throws IllegalArgumentException if the title is null, blank or too long
     */
    public Article(String title) {
        this.title = Names.require("Article title", title);
    }

    /**
     * The title as it would be stored: without surrounding whitespace.
     *
     * @throws IllegalArgumentException if the title is null, blank or too long, naming the limit
     */
    public static String normalizeTitle(String title) {
        return Names.require("Article title", title);
    }

    /** The database id, or {@code null} before the article is saved. */
    public Integer getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    /**
     * Changes the title.
     *
     * @throws IllegalArgumentException if the title is null, blank or too long
     */
    public void setTitle(String title) {
        this.title = Names.require("Article title", title);
    }

    /** The article's tags, read-only: change them with {@link #addTag} and {@link #removeTag}. */
    public Set<Tag> getTags() {
        return Collections.unmodifiableSet(tags);
    }

    /**
     * Tags this article; the tag sees the article at once. Tagging twice with the same tag changes nothing.
     *
     * @return {@code true} if the tag was not there before
     */
    public boolean addTag(Tag tag) {
        if (tag == null) {
            throw new IllegalArgumentException("tag must not be null");
        }
        if (!tags.add(tag)) {
            return false;
        }
        tag.linkArticle(this);
        return true;
    }

    /**
     * Untags this article; the tag forgets the article at once.
     *
     * @return {@code true} if the tag was there
     */
    public boolean removeTag(Tag tag) {
        if (tag == null || !tags.remove(tag)) {
            return false;
        }
        tag.unlinkArticle(this);
        return true;
    }

    /** Equal when both are saved with the same id; the hash is constant so it survives persist in a Set. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Article that && id != null && id.equals(that.getId());
    }

    @Override
    public int hashCode() {
        return Article.class.hashCode();
    }

    /** Id and title only: never touches the lazy tag collection. */
    @Override
    public String toString() {
        return "Article(id=" + id + ", title=" + title + ")";
    }
}
