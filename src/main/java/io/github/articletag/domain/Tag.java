package io.github.articletag.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import org.hibernate.Hibernate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tag: table {@code tag(id, name)}. Its articles are the inverse side of {@link Article#getTags()}
 * (SQLAlchemy's {@code backref}).
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
    @Column(name = "name_key", length = Names.MAX_KEY_LENGTH, nullable = false,
            columnDefinition = "varchar(" + Names.MAX_KEY_LENGTH + ") character set utf8mb4 collate utf8mb4_bin"
                    + " default '' not null invisible")
    private String nameKey;

    // The inverse side: Hibernate never writes article_tag for it, so deleting a tag that is still in use
    // would violate fk_article_tag_tag. ON DELETE CASCADE lets the database remove the tag's links.
    // A List (a bag), not a Set: entities hash to one constant (see hashCode), so a HashSet of a popular tag's
    // 100,000 articles took quadratic time to load; a bag loads in linear time, and article_tag's primary key
    // already keeps it free of duplicates.
    @ManyToMany(mappedBy = "tags")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private List<Article> articles = new ArrayList<>();

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
        return nameKey;
    }

    /**
     * The articles tagged with this tag (SQLAlchemy's backref), read-only: tag and untag through
     * {@link Article}. Loaded by {@code TagRepository.findWithArticles}; those articles come without their
     * own tags.
     *
     * @throws org.hibernate.LazyInitializationException if the tag was loaded without its articles
     */
    public List<Article> getArticles() {
        return Collections.unmodifiableList(articles);
    }

    /** Whether the articles are loaded: true for a new tag and one from {@code findWithArticles}. */
    public boolean areArticlesLoaded() {
        return Hibernate.isInitialized(articles);
    }

    /**
     * The inverse half of {@link Article#addTag}; only Article calls it, so both sides stay in sync. An inverse
     * side that was not loaded is left alone: loading it (one query, growing with the tag's popularity) would
     * be wasted, since Hibernate never writes it, and on a detached tag it would fail.
     */
    void linkArticle(Article article) {
        if (Hibernate.isInitialized(articles) && !articles.contains(article)) {
            articles.add(article);
        }
    }

    /** The inverse half of {@link Article#removeTag}. */
    void unlinkArticle(Article article) {
        if (Hibernate.isInitialized(articles)) {
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
