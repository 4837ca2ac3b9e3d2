package io.github.articletag;

import io.github.articletag.internal.ArticleSummaries;
import io.github.articletag.internal.Tagging;
import io.github.articletag.internal.TagLookup;
import io.github.articletag.internal.TagReads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The repositories' side of the entities: detached entities built from the rows the machinery reads, and the ids a
 * save assigns. Package-private, as the entities' bookkeeping it calls is.
 */
final class StoredEntities {

    private StoredEntities() {
    }

    /** A detached article with its tags, built from its rows (see {@link #articles(List)}). */
    static Article article(ArticleSummaries.Row row) {
        return articles(List.of(row)).get(0);
    }

    /**
     * Detached articles with their tags, built from their rows as Hibernate would load them in one session: a tag
     * on several of them is one object.
     */
    static List<Article> articles(List<ArticleSummaries.Row> rows) {
        Map<Integer, Tag> tags = new HashMap<>();
        List<Article> articles = new ArrayList<>(rows.size());
        for (ArticleSummaries.Row row : rows) {
            List<Tag> own = new ArrayList<>(row.tags().size());
            row.tags().forEach(tag -> own.add(tags.computeIfAbsent(tag.id(), id -> Tag.stored(id, tag.name()))));
            articles.add(Article.stored(row.id(), row.title(), own));
        }
        return articles;
    }

    /** A page of detached articles, from a page of rows, with its cursor. */
    static Page<Article> page(Page<ArticleSummaries.Row> rows) {
        return new Page<>(articles(rows.items()), rows.next());
    }

    /** The tags as a save passes them on: a stored tag's id, or a new tag's name. */
    static List<Tagging.TagRef> refs(Collection<Tag> tags) {
        return tags.stream().map(tag -> new Tagging.TagRef(tag.getId(), tag.getName())).toList();
    }

    /**
     * After the commit: each new tag the caller holds becomes the stored tag it turned out to be ({@code stored}, in
     * the order of {@code tags}): its id, and its name as stored. Where that tag is already in the article under
     * another object, the new one is dropped, so the set holds each tag once.
     */
    static void adoptIds(Article article, List<Tag> tags, List<TagLookup.Stored> ids) {
        adoptIds(article.areTagsLoaded() ? article.getTags() : Set.of(), article::removeTag, tags, ids);
    }

    /** {@link #adoptIds(Article, List, List)} for an application's entity. */
    static void adoptIds(Taggable entity, List<Tag> tags, List<TagLookup.Stored> ids) {
        adoptIds(entity.areTagsLoaded() ? entity.getTags() : Set.of(), entity::dropDuplicate, tags, ids);
    }

    private static void adoptIds(Set<Tag> held, Consumer<Tag> drop, List<Tag> tags, List<TagLookup.Stored> stored) {
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            TagLookup.Stored as = stored.get(i);
            if (tag.getId() == null) {
                if (held.stream().anyMatch(other -> Integer.valueOf(as.id()).equals(other.getId()))) {
                    drop.accept(tag);
                } else {
                    tag.becomeStored(as.id(), as.name());
                }
            }
        }
    }

    /** A detached tag with its first articles, whose own tags are not loaded (as a lazy set Hibernate left). */
    static Tag tagWithArticles(TagReads.WithArticles found) {
        Tag tag = tag(found.tag());
        tag.articlesLoaded(found.articles().stream().map(row -> Article.storedWithoutTags(row.id(), row.title())).toList());
        return tag;
    }

    /** A detached tag, its articles not loaded. */
    static Tag tag(TagLookup.Stored stored) {
        return Tag.stored(stored.id(), stored.name());
    }
}
