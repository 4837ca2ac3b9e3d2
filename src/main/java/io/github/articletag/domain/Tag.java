package io.github.articletag.domain;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.LazyInitializationException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tag: table {@code tag(id, name)}. Its articles ({@link #getArticles()}) are the inverse side of
 * {@link Article#getTags()} (SQLAlchemy's {@code backref}), loaded by {@code TagRepository.findWithArticles}.
 *
 * <p>Names are stored without surrounding whitespace and keep their case. Two names are the same tag when
 * they are equal ignoring letter case, after Unicode NFC normalization ({@link #keyOf}): "Java" and "java" are
 * one tag, while "café" and "cafe", "ねこ" and "ネコ", "🍕" and "🍔" are different tags. The rule is applied
 * in Java and kept in the invisible column {@code name_key} (binary collation, unique key
 * {@code uk_tag_name_key}), so every MySQL and MariaDB version compares names the same way; a collation
 * could not: {@code utf8mb4_unicode_ci} weighs every character beyond the BMP the same, and every
 * case-insensitive collation both servers share ignores accents.
 */
@Entity
@Table(name = "tag", options = Article.TABLE_OPTIONS,
        uniqueConstraints = @UniqueConstraint(name = "uk_tag_name_key", columnNames = "name_key"))
public class Tag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Integer id;

    @Column(name = "name", length = Names.MAX_LENGTH, nullable = false)
    private String name;

    // INVISIBLE keeps the tutorial's "select * from tag" showing (id, name). MariaDB wants a default for an
    // invisible NOT NULL column; the library always writes the key, so the default is never used by it.
    // Written and queried, never read: getNameKey() computes it from the name. LAZY (the build enhances the
    // entities) keeps it out of every query that loads tags, which then send a sixth fewer bytes (issue 13).
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "name_key", length = Names.MAX_KEY_LENGTH, nullable = false,
            columnDefinition = "varchar(" + Names.MAX_KEY_LENGTH + ") character set utf8mb4 collate utf8mb4_bin"
                    + " default '' not null invisible")
    private String nameKey;

    // The inverse side of Article.tags (SQLAlchemy's backref), deliberately not mapped: Hibernate creates a
    // collection wrapper, with its key and its entry in the persistence context, for every mapped collection of
    // every entity it loads, loaded or not. Every query returning articles with their tags loads hundreds of
    // tags, and those unused wrappers made up a fifth of the client's time for such reads (issue 13). Filled
    // by TagRepository.findWithArticles, kept in step by Article.addTag and removeTag; null until loaded.
    // A List, not a Set: entities hash to one constant (see hashCode), so a HashSet of a popular tag's
    // 100,000 articles would take quadratic time to fill; article_tag's primary key keeps it free of duplicates.
    @Transient
    private List<Article> articles;

    /** For Hibernate only. */
    protected Tag() {
    }

    /**
     * A new, unsaved tag.
     *
     * @param name 1 to 50 characters once surrounding whitespace is removed
     * @throws IllegalArgumentException if the name is null, blank or too long
     */
    public Tag(String name) {
        setName(name);
        articles = new ArrayList<>();
    }

    /**
     * The name as it would be stored: without surrounding whitespace.
     *
     * @throws IllegalArgumentException if the name is null, blank or too long, naming the limit
     */
    public static String normalizeName(String name) {
        return Names.require("Tag name", name);
    }

    /**
     * The identity of a tag name: two names are one tag exactly when their keys are equal (see the class
     * comment). Repositories look tags up by key.
     *
     * @throws IllegalArgumentException if the name is invalid, as for {@link #normalizeName}
     */
    public static String keyOf(String name) {
        return Names.key(normalizeName(name));
    }

    /** The database id, or {@code null} before the tag is saved. */
    public Integer getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /**
     * Renames the tag.
     *
     * @throws IllegalArgumentException if the name is null, blank or too long
     */
    public void setName(String name) {
        this.name = Names.require("Tag name", name);
        this.nameKey = Names.key(this.name);
    }

    /** This tag's {@link #keyOf key}. */
    public String getNameKey() {
        return Names.key(name);
    }

    /**
     * The articles tagged with this tag (SQLAlchemy's backref), read-only: tag and untag through
     * {@link Article}. Loaded by {@code TagRepository.findWithArticles}, by id; those articles come without
     * their own tags. Not a mapped association: in a query, go from the article's side ({@code from Article a
     * join a.tags t where t.name = :name}).
     *
     * @throws LazyInitializationException if the tag was loaded without its articles
     */
    public List<Article> getArticles() {
        if (articles == null) {
            throw new LazyInitializationException("the articles of " + this
                    + " were not loaded: load the tag with TagRepository.findWithArticles");
        }
        return Collections.unmodifiableList(articles);
    }

    /** Whether the articles are loaded: true for a new tag and one from {@code TagRepository.findWithArticles}. */
    public boolean areArticlesLoaded() {
        return articles != null;
    }

    /**
     * Sets the articles found for this tag: {@code TagRepository.findWithArticles} calls it. Afterwards
     * {@link Article#addTag} and {@link Article#removeTag} keep them in step.
     *
     * @throws IllegalArgumentException if {@code articles} is null
     */
    public void markArticlesLoaded(List<Article> articles) {
        if (articles == null) {
            throw new IllegalArgumentException("articles must not be null");
        }
        this.articles = new ArrayList<>(articles);
    }

    /**
     * The inverse half of {@link Article#addTag}; only Article calls it, so both sides stay in sync. Articles
     * that were not loaded stay unloaded: loading them (one query, growing with the tag's popularity) would be
     * wasted, since only the article's side is written.
     */
    void linkArticle(Article article) {
        if (articles != null && !articles.contains(article)) {
            articles.add(article);
        }
    }

    /** The inverse half of {@link Article#removeTag}. */
    void unlinkArticle(Article article) {
        if (articles != null) {
            articles.remove(article);
        }
    }

    /** Equal when both are saved with the same id; the hash is constant so it survives persist in a Set. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Tag that && id != null && id.equals(that.getId());
    }

    @Override
    public int hashCode() {
        return Tag.class.hashCode();
    }

    /** Id and name only: never touches the lazy article collection. */
    @Override
    public String toString() {
        return "Tag(id=" + id + ", name=" + name + ")";
    }
}
