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
import jakarta.persistence.Transient;
import org.hibernate.Hibernate;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An article: table {@code article(id, title)}. It owns the link to its tags, stored in {@code article_tag}.
 *
 * <p>An article works the same whether it is new, loaded by a repository (and so detached), or managed in a
 * session: {@link #addTag}, {@link #removeTag} and {@link #setTitle} change it in memory and remember what
 * changed since it was loaded or last saved ({@link #getUnsavedTagAdditions()} and its siblings), which is what
 * {@code ArticleRepository.save} writes: changes, never a whole stale tag set, so two users tagging the same
 * article at once both keep their tags.
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

    // What changed since the article was loaded or last saved; not columns.
    @Transient
    private final Set<Tag> unsavedTagAdditions = new LinkedHashSet<>();
    @Transient
    private final Set<Tag> unsavedTagRemovals = new LinkedHashSet<>();
    @Transient
    private String savedTitle;
    @Transient
    private boolean titleChanged;

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
        String normalized = Names.require("Article title", title);
        if (!titleChanged) {
            savedTitle = this.title;
            titleChanged = true;
        }
        this.title = normalized;
    }

    /**
     * The article's tags, read-only: change them with {@link #addTag} and {@link #removeTag}.
     *
     * @throws org.hibernate.LazyInitializationException if the article was loaded without its tags (an article
     *                                                   reached through {@link Tag#getArticles()})
     */
    public Set<Tag> getTags() {
        return Collections.unmodifiableSet(tags);
    }

    /**
     * Tags this article. The tag sees the article at once where its own articles are loaded (a tag from
     * {@code findWithArticles}, or a new tag); where they are not, nothing is loaded for it. Tagging twice with
     * the same tag changes nothing. On an article whose tags were not loaded the change is only remembered, and
     * applied by {@code ArticleRepository.save}.
     *
     * @return {@code true} if the tag was not there before (always, when the tags were not loaded)
     * @throws IllegalArgumentException if the tag is null
     */
    public boolean addTag(Tag tag) {
        if (tag == null) {
            throw new IllegalArgumentException("tag must not be null");
        }
        if (Hibernate.isInitialized(tags) && !tags.add(tag)) {
            return false;
        }
        if (!unsavedTagRemovals.remove(tag)) {
            unsavedTagAdditions.add(tag);
        }
        tag.linkArticle(this);
        return true;
    }

    /**
     * Untags this article; the tag forgets the article at once where its articles are loaded. On an article
     * whose tags were not loaded the change is only remembered, as for {@link #addTag}.
     *
     * @return {@code true} if the tag was there (always, when the tags were not loaded)
     * @throws IllegalArgumentException if the tag is null
     */
    public boolean removeTag(Tag tag) {
        if (tag == null) {
            throw new IllegalArgumentException("tag must not be null");
        }
        if (Hibernate.isInitialized(tags) && !tags.remove(tag)) {
            return false;
        }
        if (!unsavedTagAdditions.remove(tag)) {
            unsavedTagRemovals.add(tag);
        }
        tag.unlinkArticle(this);
        return true;
    }

    /** Whether the tags are loaded: false for an article reached through {@link Tag#getArticles()}. */
    public boolean areTagsLoaded() {
        return Hibernate.isInitialized(tags);
    }

    /** Tags added with {@link #addTag} since the article was loaded or last saved, in order; read-only. */
    public Set<Tag> getUnsavedTagAdditions() {
        return Collections.unmodifiableSet(unsavedTagAdditions);
    }

    /** Tags removed with {@link #removeTag} since the article was loaded or last saved, in order; read-only. */
    public Set<Tag> getUnsavedTagRemovals() {
        return Collections.unmodifiableSet(unsavedTagRemovals);
    }

    /** Whether {@link #setTitle} was called since the article was loaded or last saved. */
    public boolean isTitleChanged() {
        return titleChanged;
    }

    /**
     * The title as it was loaded or last saved: what {@code ArticleRepository.save} expects to find in the
     * database before it writes {@link #getTitle()}, so that a title someone else changed meanwhile is not
     * silently overwritten.
     */
    public String getSavedTitle() {
        return titleChanged ? savedTitle : title;
    }

    /** Whether anything changed since the article was loaded or last saved. */
    public boolean hasUnsavedChanges() {
        return titleChanged || !unsavedTagAdditions.isEmpty() || !unsavedTagRemovals.isEmpty();
    }

    /**
     * Forgets the unsaved changes, once they are in the database: {@code ArticleRepository.save} calls it after
     * its commit. Calling it otherwise makes {@code save} skip those changes.
     */
    public void markSaved() {
        unsavedTagAdditions.clear();
        unsavedTagRemovals.clear();
        titleChanged = false;
        savedTitle = null;
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
