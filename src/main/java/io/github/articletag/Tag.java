package io.github.articletag;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.articletag.internal.Names;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.LazyInitializationException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tag: a name, and the articles that carry it (table {@code tag}). Its articles ({@link #getArticles()}) are
 * the other side of {@link Article#getTags()}, loaded by {@link TagRepository#findWithArticles}.
 *
 * <p>Names are stored without surrounding whitespace and keep their case. Two names are the same tag when
 * they are equal ignoring letter case, after Unicode NFC normalization ({@link #keyOf}): "Java" and "java" are
 * one tag, while "café" and "cafe", "ねこ" and "ネコ", "🍕" and "🍔" are different tags. The rule is applied
 * in Java and kept in the invisible column {@code name_key} (binary collation, unique key
 * {@code uk_tag_name_key}), so every MySQL and MariaDB version compares names the same way; a collation
 * could not: {@code utf8mb4_unicode_ci} weighs every character beyond the BMP the same, and every
 * case-insensitive collation both servers share ignores accents.
 *
 * <p>As JSON (Jackson 2 or 3, no module needed): {@code {"id":2,"name":"java"}}, and with the articles
 * loaded by {@link TagRepository#findWithArticles}, {@code "articles":[{"id":1,"title":"..."}]} (without their
 * tags); {@code "articles"} is left out where they were not loaded.
 */
@JsonPropertyOrder({"id", "name", "articles"})
@Entity
@Table(name = "tag")
public class Tag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Integer id;

    @Column(name = "name", nullable = false)
    private String name;

    // Written and queried, never read: getNameKey() computes it from the name. LAZY (the build enhances the
    // entities) keeps it out of every query that loads tags.
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "name_key", nullable = false)
    private String nameKey;

    // How many articles carry the tag, but for the changes not folded in yet (internal.CountDeltas): kept by the
    // library's own statements, never written from the entity, whose copy may be stale. Mapped so that the
    // mapping declares every column; LAZY, so that no read loads it.
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "article_count", nullable = false, insertable = false, updatable = false)
    private int articleCount;

    // The other side of Article.tags, deliberately not mapped: Hibernate would give every tag it loads a
    // collection wrapper of its own, used or not, and queries for articles with their tags load hundreds of
    // tags. Filled by TagRepository.findWithArticles, kept in step by Article.addTag and removeTag; null until
    // loaded. A List: entities hash to one constant (see hashCode), so a HashSet of a popular tag's articles
    // would fill in quadratic time, and article_tag's primary key keeps the list free of duplicates.
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
     * The identity of a tag name: two names are one tag exactly when their keys are equal (see the class
     * comment). Repositories look tags up by key.
     *
     * @throws IllegalArgumentException if the name is null, blank or too long
     */
    public static String keyOf(String name) {
        return Names.key(Names.require(Names.TAG_NAME, name));
    }

    /** The database id, or {@code null} before the tag is saved. */
    public Integer getId() {
        return id;
    }

    /** The name, without surrounding whitespace and in the case it was given. */
    public String getName() {
        return name;
    }

    /**
     * Renames the tag.
     *
     * @throws IllegalArgumentException if the name is null, blank or too long
     */
    public void setName(String name) {
        this.name = Names.require(Names.TAG_NAME, name);
        this.nameKey = Names.key(this.name);
    }

    /** This tag's {@link #keyOf key}. */
    @JsonIgnore
    public String getNameKey() {
        return Names.key(name);
    }

    /**
     * The articles tagged with this tag, read-only: tag and untag through {@link Article}. Loaded by
     * {@link TagRepository#findWithArticles}, by id; those articles come without their own tags. Not a mapped
     * association: in a query, go from the article's side ({@code from Article a join a.tags t where t.name =
     * :name}).
     *
     * @throws LazyInitializationException if the tag was loaded without its articles
     */
    @JsonIgnore
    public List<Article> getArticles() {
        if (articles == null) {
            throw new LazyInitializationException("the articles of " + this
                    + " were not loaded: load the tag with TagRepository.findWithArticles");
        }
        return Collections.unmodifiableList(articles);
    }

    /** The JSON's {@code "articles"}: without the articles' tags (no cycle), or left out when not loaded. */
    @JsonProperty("articles")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties("tags")
    List<Article> articlesAsJson() {
        return articles == null ? null : Collections.unmodifiableList(articles);
    }

    /** Whether the articles are loaded: true for a new tag and one from {@link TagRepository#findWithArticles}. */
    public boolean areArticlesLoaded() {
        return articles != null;
    }

    /** Sets the articles TagRepository.findWithArticles found; Article.addTag and removeTag keep them in step. */
    void articlesLoaded(List<Article> articles) {
        this.articles = new ArrayList<>(articles);
    }

    /**
     * The stored tag with this id and name, as the database has it, without reading it again: its articles are
     * not loaded, as for a tag Hibernate loads.
     */
    static Tag stored(int id, String name) {
        Tag tag = new Tag();
        tag.id = id;
        tag.name = name;
        tag.nameKey = Names.key(name);
        return tag;
    }

    /**
     * Becomes the stored tag a save found or created for it, once committed: its id, and its name as stored (which
     * may differ in case from the one given, or be the tag an alias leads to).
     */
    void becomeStored(int id, String storedName) {
        this.id = id;
        this.name = storedName;
        this.nameKey = Names.key(storedName);
    }

    /**
     * This side of {@link Article#addTag}; only Article calls it, so both sides stay in sync. Articles
     * that were not loaded stay unloaded: loading them (one query, growing with the tag's popularity) would be
     * wasted, since only the article's side is written.
     */
    void linkArticle(Article article) {
        if (articles != null && !articles.contains(article)) {
            articles.add(article);
        }
    }

    /** This side of {@link Article#removeTag}. */
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
