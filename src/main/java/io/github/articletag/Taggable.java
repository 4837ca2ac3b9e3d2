package io.github.articletag;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.articletag.internal.Arguments;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;
import org.hibernate.LazyInitializationException;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an application's own entity extends to be tagged: its tags, kept by the library in the entity's link table
 * (see {@link TaggedRepository}), beside the columns the entity maps itself. Nothing here is mapped: the entity's
 * table, id ({@code Integer} or {@code Long}) and columns are the application's, and no discriminator or join is
 * added.
 *
 * <pre>{@code
 * @Entity
 * @Table(name = "post")
 * public class Post extends Taggable {
 *     @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
 *     private String title;
 *     @Version private int version;
 *     ...
 * }
 * }</pre>
 *
 * <p>Like {@link Article}: {@link #addTag} and {@link #removeTag} change the entity in memory and remember what
 * changed, which {@link TaggedRepository#save} writes as changes, so that two users tagging the same entity at once
 * both keep their tags. A new entity starts with no tags, loaded; one loaded by the application's own JPA code has
 * its tags unloaded ({@link #areTagsLoaded()} false) until a repository reads them.
 *
 * <p>As JSON (Jackson 2 or 3): the entity's own properties and {@code "tags":[{"id":2,"name":"java"}]}, sorted by
 * name, or no {@code "tags"} where they were not loaded.
 */
@MappedSuperclass
@Access(AccessType.FIELD)
public abstract class Taggable {

    /** The tags as last read or saved, with the changes since; null when not loaded. */
    @Transient
    private Set<Tag> tags = new HashSet<>();
    @Transient
    private final TagChanges tagChanges = new TagChanges();
    /** The entity's mapped state when it was read or last saved, to tell whether it changed; null if unknown. */
    @Transient
    private Object[] savedState;

    /** A new entity: no tags. */
    protected Taggable() {
    }

    /** Loaded by Hibernate, not by a repository: its tags are not known. */
    @PostLoad
    void loadedWithoutTags() {
        tags = null;
        savedState = null;
    }

    /**
     * The tags, read-only: change them with {@link #addTag} and {@link #removeTag}.
     *
     * @throws LazyInitializationException if the entity was loaded without its tags (by the application's own
     *                                     query rather than a {@link TaggedRepository})
     */
    @JsonIgnore
    public Set<Tag> getTags() {
        if (tags == null) {
            throw new LazyInitializationException("the tags of " + this + " were not loaded: read it with its"
                    + " TaggedRepository (findWithTags, or a page)");
        }
        return Collections.unmodifiableSet(tags);
    }

    /** The JSON's {@code "tags"}: by name, without the tags' articles, or left out when not loaded. */
    @JsonProperty("tags")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties("articles")
    List<Tag> tagsAsJson() {
        return tags == null ? null : TagChanges.forJson(tags);
    }

    /**
     * Tags this entity; tagging twice with the same tag changes nothing. Where the tags were not loaded the change
     * is only remembered, and applied by {@link TaggedRepository#save}.
     *
     * @return {@code true} if the tag was not there before (always, when the tags were not loaded)
     * @throws IllegalArgumentException if the tag is null
     */
    public boolean addTag(Tag tag) {
        Arguments.notNull("tag", tag);
        if (tags != null && !tags.add(tag)) {
            return false;
        }
        tagChanges.added(tag);
        return true;
    }

    /**
     * Untags this entity; where the tags were not loaded the change is only remembered, as for {@link #addTag}.
     *
     * @return {@code true} if the tag was there (always, when the tags were not loaded)
     * @throws IllegalArgumentException if the tag is null
     */
    public boolean removeTag(Tag tag) {
        Arguments.notNull("tag", tag);
        if (tags != null && !tags.remove(tag)) {
            return false;
        }
        tagChanges.removed(tag);
        return true;
    }

    /** Whether the tags are loaded: true for a new entity and one a {@link TaggedRepository} read. */
    public boolean areTagsLoaded() {
        return tags != null;
    }

    /** Whether tags were added or removed since the entity was read or last saved. */
    public boolean hasUnsavedTagChanges() {
        return !tagChanges.isEmpty();
    }

    // The repository's side: package-private.

    TagChanges tagChanges() {
        return tagChanges;
    }

    /** The tags a repository read, with the entity's mapped state at that moment. */
    void loaded(Collection<Tag> stored, Object[] state) {
        tags = new HashSet<>(stored);
        tagChanges.clear();
        savedState = state;
    }

    Object[] savedState() {
        return savedState;
    }

    /** Forgets the unsaved changes, once they are committed, and remembers the state saved. */
    void markSaved(Object[] state) {
        tagChanges.clear();
        savedState = state;
    }

    /** Drops a tag object a save found to be one the entity holds already under another object. */
    void dropDuplicate(Tag tag) {
        if (tags != null) {
            tags.remove(tag);
        }
    }
}
