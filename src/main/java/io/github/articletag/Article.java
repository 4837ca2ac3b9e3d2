package io.github.articletag;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.articletag.internal.Arguments;
import io.github.articletag.internal.Names;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
import org.hibernate.collection.spi.PersistentSet;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An article: a title, and the tags it carries (table {@code article}, its links in {@code article_tag}).
 *
 * <p>An article works the same whether it is new, loaded by a repository (and so detached), or managed in a
 * session: {@link #addTag}, {@link #removeTag} and {@link #setTitle} change it in memory and remember what
 * changed since it was loaded or last saved ({@link #hasUnsavedChanges()}), which is what
 * {@link ArticleRepository#save} writes: changes, never a whole stale tag set, so two users tagging the same
 * article at once both keep their tags.
 *
 * <p>As JSON (Jackson 2 or 3, no module needed): {@code {"id":1,"title":"...","tags":[{"id":2,"name":"java"}]}},
 * the tags sorted by name and without their own articles; {@code "tags"} is left out where they were not loaded.
 */
@JsonPropertyOrder({"id", "title", "tags"})
@Entity
@Table(name = "article")
public class Article {

    // The mapping names tables and columns only: the schema, with its types, keys and collations, is the
    // migration script's (see internal.Schema).
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Integer id;

    @Column(name = "title", nullable = false)
    private String title;

    // A Set: a link is there or not. Persist and merge cascade so that saving an article saves its new tags;
    // REMOVE never cascades across a many-to-many. @OnDelete: the database removes an article's links itself,
    // so Hibernate sends no delete for them.
    @ManyToMany(cascade = {CascadeType.PERSIST, CascadeType.MERGE})
    @OnDelete(action = OnDeleteAction.CASCADE)
    @JoinTable(name = "article_tag",
            joinColumns = @JoinColumn(name = "article_id", nullable = false),
            inverseJoinColumns = @JoinColumn(name = "tag_id", nullable = false))
    private Set<Tag> tags = new HashSet<>();

    // What changed since the article was loaded or last saved; not columns.
    @Transient
    private final TagChanges tagChanges = new TagChanges();
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
        this.title = Names.require(Names.ARTICLE_TITLE, title);
    }

    /** The database id, or {@code null} before the article is saved. */
    public Integer getId() {
        return id;
    }

    /** The title, without surrounding whitespace. */
    public String getTitle() {
        return title;
    }

    /**
     * Changes the title.
     *
     * @throws IllegalArgumentException if the title is null, blank or too long
     */
    public void setTitle(String title) {
        String normalized = Names.require(Names.ARTICLE_TITLE, title);
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
    @JsonIgnore
    public Set<Tag> getTags() {
        return Collections.unmodifiableSet(tags);
    }

    /** The JSON's {@code "tags"}: by name, without the tags' articles (no cycle), or left out when not loaded. */
    @JsonProperty("tags")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties("articles")
    List<Tag> tagsAsJson() {
        if (!areTagsLoaded()) {
            return null;
        }
        return TagChanges.forJson(tags);
    }

    /**
     * Tags this article. The tag sees the article at once where its own articles are loaded (a tag from
     * {@link TagRepository#findWithArticles}, or a new tag); where they are not, nothing is loaded for it.
     * Tagging twice with the same tag changes nothing. On an article whose tags were not loaded the change is only
     * remembered, and applied by {@link ArticleRepository#save}.
     *
     * @return {@code true} if the tag was not there before (always, when the tags were not loaded)
     * @throws IllegalArgumentException if the tag is null
     */
    public boolean addTag(Tag tag) {
        Arguments.notNull("tag", tag);
        if (Hibernate.isInitialized(tags) && !tags.add(tag)) {
            return false;
        }
        tagChanges.added(tag);
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
        Arguments.notNull("tag", tag);
        if (Hibernate.isInitialized(tags) && !tags.remove(tag)) {
            return false;
        }
        tagChanges.removed(tag);
        tag.unlinkArticle(this);
        return true;
    }

    /** Whether the tags are loaded: false for an article reached through {@link Tag#getArticles()}. */
    public boolean areTagsLoaded() {
        return Hibernate.isInitialized(tags);
    }

    /** Whether anything changed since the article was loaded or last saved. */
    public boolean hasUnsavedChanges() {
        return titleChanged || !tagChanges.isEmpty();
    }

    // What ArticleRepository.save needs to know and do: package-private, the repository's side of the protocol.

    /** Tags added with {@link #addTag} since the article was loaded or last saved, in order. */
    Set<Tag> unsavedTagAdditions() {
        return tagChanges.additions();
    }

    /** Tags removed with {@link #removeTag} since the article was loaded or last saved, in order. */
    Set<Tag> unsavedTagRemovals() {
        return tagChanges.removals();
    }

    /** Whether {@link #setTitle} was called since the article was loaded or last saved. */
    boolean isTitleChanged() {
        return titleChanged;
    }

    /**
     * The title as it was loaded or last saved: what save expects to find in the database before it writes
     * {@link #getTitle()}, so that a title someone else changed meanwhile is not silently overwritten.
     */
    String savedTitle() {
        return titleChanged ? savedTitle : title;
    }

    /** Forgets the unsaved changes, once they are committed. */
    void markSaved() {
        tagChanges.clear();
        titleChanged = false;
        savedTitle = null;
    }

    /**
     * The stored article with this id, title and tags, as the database has them, built without Hibernate: what a
     * detached article loaded with its tags is.
     */
    static Article stored(int id, String title, List<Tag> tags) {
        Article article = new Article();
        article.id = id;
        article.title = title;
        article.tags = new HashSet<>(tags);
        return article;
    }

    /**
     * A stored article without its tags, as a tag's page lists it: its set is a lazy one that no session will
     * load, as Hibernate leaves it on a detached article, so {@link #getTags()} throws and the JSON leaves it out.
     */
    static Article storedWithoutTags(int id, String title) {
        Article article = new Article();
        article.id = id;
        article.title = title;
        article.tags = new PersistentSet<>();
        return article;
    }

    /** Sets the id the database generated for this article, once its insert is committed. */
    void assignId(int id) {
        this.id = id;
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
