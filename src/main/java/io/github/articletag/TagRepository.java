package io.github.articletag;

import io.github.articletag.internal.Arguments;
import io.github.articletag.internal.Completion;
import io.github.articletag.internal.CountFolder;
import io.github.articletag.internal.Keyset;
import io.github.articletag.internal.Links;
import io.github.articletag.internal.Names;
import io.github.articletag.internal.RelatedTags;
import io.github.articletag.internal.Sql;
import io.github.articletag.internal.TagLookup;
import io.github.articletag.internal.TagReads;
import io.github.articletag.internal.TagWrites;
import io.github.articletag.internal.TaggedTable;
import io.github.articletag.internal.Transactions;

import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Tags, each call in its own transaction. Tags returned by {@code findWithArticles} have their articles
 * loaded; other tags returned are detached without them.
 *
 * <p>Names are unique ignoring letter case, after surrounding whitespace is removed and Unicode NFC
 * normalization ({@link Tag#keyOf}); every other difference (accents, kana, emoji) makes another tag.
 */
public final class TagRepository {

    /** Tags per transaction of {@link #recount}. */
    private static final int RECOUNT_BATCH = 1000;

    /** Tags per transaction of {@link #deleteUnused}. */
    private static final int CLEANUP_BATCH = 1000;

    /** The repository's name in the calls' observations. */
    private static final String CALLS = "tags";

    private final Transactions transactions;
    /** Every tagged type's tables, the library's articles first: what a tag's merge, recount and deletion span. */
    private final List<TaggedTable> types;

    TagRepository(Transactions transactions, List<TaggedTable> types) {
        this.transactions = transactions;
        this.types = List.copyOf(types);
    }

    /**
     * The tag with this id and the first {@code size} of its articles, by id (without their own tags), in one
     * statement; {@link Tag#getArticles()} holds them. The next pages: {@link ArticleRepository#findTagged}.
     *
     * @param size how many of its articles at most, 1 to 1000
     */
    public Optional<Tag> findWithArticles(int id, int size) {
        return transactions.call(CALLS, "findWithArticles", () -> {
            Arguments.size(size);
            return transactions.read(session -> Sql.on(session, sql -> TagReads.withFirstArticles(sql, id, size)))
                    .map(StoredEntities::tagWithArticles);
        });
    }

    /** The tag with this name, ignoring letter case ({@link Tag#keyOf}). */
    public Optional<Tag> findByName(String name) {
        return transactions.call(CALLS, "findByName", () -> {
            String key = Tag.keyOf(name);
            return transactions.read(session -> Sql.on(session, sql -> TagLookup.findByKey(sql, key))).map(StoredEntities::tag);
        });
    }

    /**
     * The tag with this name, created if there is none. Safe under concurrency: callers asking for the same
     * new name at once all get the one tag, and none sees a constraint violation.
     *
     * @throws IllegalArgumentException if the name is null, blank or too long
     */
    public Tag findOrCreate(String name) {
        return transactions.call(CALLS, "findOrCreate", () -> {
            String valid = Names.require(Names.TAG_NAME, name);
            return StoredEntities.tag(transactions.retrying(session -> Sql.on(session, sql -> TagLookup.findOrCreate(sql, valid))));
        });
    }

    /**
     * Renames a tag.
     *
     * @throws IllegalArgumentException if the name is invalid, another tag already has it, or it is an alias
     * @throws NoSuchElementException   if there is no such tag
     */
    public Tag rename(int id, String newName) {
        return transactions.call(CALLS, "rename", () -> {
            String valid = Names.require(Names.TAG_NAME, newName);
            return StoredEntities.tag(transactions.retrying(session -> Sql.on(session, sql -> TagWrites.rename(sql, id, valid))));
        });
    }

    /**
     * Merges one tag into another: every article, and every entity of each tagged type, tagged {@code fromId} ends
     * up tagged {@code intoId} once, the tag {@code fromId} is deleted, and its name becomes an alias of
     * {@code intoId} (so do its own aliases): tagging, finding and querying by the old name reach the kept tag. One
     * transaction; six statements whatever the number of articles, and two more per tagged type;
     * {@link #removeAlias} lets the old name go.
     *
     * @return the remaining tag
     * @throws IllegalArgumentException if the two ids are the same
     * @throws NoSuchElementException   if either tag does not exist
     */
    public Tag merge(int fromId, int intoId) {
        return transactions.call(CALLS, "merge", () -> {
            if (fromId == intoId) {
                throw new IllegalArgumentException("cannot merge tag " + fromId + " into itself");
            }
            return StoredEntities.tag(transactions.retryingConflicts(session -> Sql.on(session,
                    sql -> TagWrites.merge(sql, types, fromId, intoId))));
        });
    }

    /**
     * Makes {@code alias} lead to a tag: tagging, finding and querying by it reach that tag, as after a merge. Giving
     * a tag an alias it has already is no change.
     *
     * @return the tag
     * @throws IllegalArgumentException if the name is invalid, is a tag's name, or is another tag's alias
     * @throws NoSuchElementException   if there is no such tag
     */
    public Tag addAlias(int tagId, String alias) {
        return transactions.call(CALLS, "addAlias", () -> {
            String valid = Names.require(Names.TAG_NAME, alias);
            return StoredEntities.tag(transactions.retrying(session -> Sql.on(session, sql -> TagWrites.addAlias(sql, tagId, valid))));
        });
    }

    /**
     * Removes an alias: the name no longer leads to its tag, and tagging by it creates a tag of that name.
     *
     * @return {@code false} if there was no such alias
     * @throws IllegalArgumentException if the name is invalid
     */
    public boolean removeAlias(String alias) {
        return transactions.call(CALLS, "removeAlias", () -> {
            String key = Tag.keyOf(alias);
            return transactions.retrying(session -> Sql.on(session, sql -> TagWrites.removeAlias(sql, key)));
        });
    }

    /**
     * A page of the aliases of a tag, in the order of their keys, in one statement.
     *
     * @param after the cursor of the previous page ({@link Page#next()}), or null for the first page
     * @param size  how many at most, 1 to 1000
     * @throws IllegalArgumentException if the size is out of range or the cursor not one of this listing
     */
    public Page<String> aliases(int tagId, String after, int size) {
        return transactions.call(CALLS, "aliases", () -> {
            String key = Keyset.afterKey(after);
            Arguments.size(size);
            return transactions.read(session -> Sql.on(session, sql -> TagReads.aliases(sql, tagId, key, size)));
        });
    }

    /**
     * Deletes a tag, also while articles or other tagged entities still carry it: their links and the tag's counts
     * go with it (the foreign keys cascade), the articles and entities stay.
     *
     * @return {@code false} if there was no such tag
     */
    public boolean delete(int id) {
        return transactions.call(CALLS, "delete", () ->
                transactions.retryingConflicts(session -> Sql.on(session, sql -> TagWrites.delete(sql, id))));
    }

    /**
     * The {@code size} most used tags with their numbers of articles, most used first (then the newest): a tag
     * cloud, read from the kept counts in one statement.
     *
     * @param size how many at most, 1 to 1000
     */
    public List<TagCount> mostUsed(int size) {
        return transactions.call(CALLS, "mostUsed", () -> counts(null, size).items());
    }

    /**
     * A page of every tag with its number of articles, most used first (then the newest), in one statement.
     *
     * @param after the cursor of the previous page ({@link Page#next()}), or null for the first page
     * @param size  how many at most, 1 to 1000
     * @throws IllegalArgumentException if the size is out of range or the cursor not one of this listing
     */
    public Page<TagCount> counts(String after, int size) {
        return transactions.call(CALLS, "counts", () -> {
            long[] key = Keyset.afterCount(after);
            Arguments.size(size);
            return Keyset.byCount(transactions.read(session -> Sql.on(session,
                    sql -> TagReads.byCount(sql, TaggedTable.ARTICLE, key, Keyset.rowsFor(size)))), size);
        });
    }

    /**
     * Completion for what a user typed: the tags whose name starts with {@code prefix} under the identity rule
     * ({@link Tag#keyOf}: letter case ignored, after NFC), most used first (then the newest). Bounded whatever the
     * prefix: exact while at most {@value Completion#NAMES} names start with it (one statement, reading their range
     * of the name index); beyond, a second statement ranks those of the {@value Completion#MOST_USED} most used
     * tags (and of the tags whose counts changed since the last fold) that start with it, filled up with the
     * range's first names, so a tag left out is used no more than the {@value Completion#MOST_USED}th most used tag.
     *
     * @param size how many at most, 1 to 1000
     * @throws IllegalArgumentException if the prefix is null, blank, too long or holds a character refused in tag
     *         names (a joiner at its end is dropped: what it joins to is not typed yet)
     */
    public List<TagCount> suggest(String prefix, int size) {
        return transactions.call(CALLS, "suggest", () -> {
            String key = Names.prefixKey(prefix);
            Arguments.size(size);
            return transactions.read(session -> Sql.on(session, sql -> Completion.of(sql, TaggedTable.ARTICLE, key, size)));
        });
    }

    /**
     * The tags that occur most often with this one ("related tags"), most shared first: see
     * {@link #related(Collection, int)}.
     */
    public List<TagCount> related(String tagName, int size) {
        return transactions.call(CALLS, "related", () ->
                related(List.of(Names.require(Names.TAG_NAME, tagName)), size));
    }

    /**
     * The tags that occur most often on the articles carrying every one of {@code tagNames} (for narrowing a
     * listing down), most shared first (then by id), each with how many of those articles carry it; the named
     * tags themselves are left out. Counted over the {@value RelatedTags#SAMPLE} newest such articles: exact while
     * the set is on at most that many, the newest articles' share beyond, so that the cost is bounded for a tag
     * on 100,000 articles too. Two statements. Empty if a name is no tag's.
     *
     * @param size how many at most, 1 to 1000
     * @throws IllegalArgumentException if there are no names or one is invalid, or the size is out of range
     */
    public List<TagCount> related(Collection<String> tagNames, int size) {
        return transactions.call(CALLS, "related", () -> {
            List<String> keys = List.copyOf(Names.atLeastOneTag(tagNames).keySet());
            Arguments.size(size);
            return transactions.readSnapshot(true, session -> Sql.on(session, sql -> RelatedTags.of(sql,
                    TaggedTable.ARTICLE, keys, size)));
        });
    }

    /**
     * How many articles, and entities of each tagged type, carry the tag this name stands for (its own or an
     * alias's), from the kept counts, in one statement: a tag cloud across types sums them, one of a type reads
     * its own ({@link TaggedRepository#tagCounts}).
     *
     * @throws IllegalArgumentException if the name is invalid
     */
    public Optional<TagUsage> usage(String tagName) {
        return transactions.call(CALLS, "usage", () -> {
            String key = Tag.keyOf(tagName);
            return transactions.read(session -> Sql.on(session, sql -> TagReads.usage(sql, types, key)))
                    .map(row -> new TagUsage(row.id(), row.name(), row.counts()));
        });
    }

    /**
     * Deletes the tags that nothing carries (no article, no entity of a tagged type), in batches of
     * {@value #CLEANUP_BATCH} tags in id order, each its own short transaction, and returns how many went; a tag
     * that becomes unused behind the walk is left to the next call. A tag being linked meanwhile is kept: every
     * library path locks a tag before it links it, and the delete locks the tags it found unused, then reads their
     * counts and links again; a link that lost the race fails its foreign key and is retried, creating the tag
     * again (an import's links hold the tag's lock until it commits its counts). A tag with links written behind
     * the library's back is kept whatever its count says. A tag just created and not yet linked is unused too: link new tags by name
     * ({@link ArticleRepository#tag}), or expect {@link NoSuchElementException} when saving one by its id.
     * {@link #deleteUnused(String, Progress)} reports each batch and can stop and resume.
     */
    public int deleteUnused() {
        return transactions.call(CALLS, "deleteUnused", () -> deleteUnused(null, Progress.NONE).changed());
    }

    /**
     * {@link #deleteUnused()} as a walk that reports its progress after each batch and can be stopped there and
     * resumed: the tags after {@code after} (a {@link Walked#resumeAfter()}, or null from the first).
     *
     * @throws IllegalArgumentException if {@code after} is not where such a walk stopped, or progress is null
     */
    public Walked deleteUnused(String after, Progress progress) {
        return transactions.call(CALLS, "deleteUnused", () -> {
            int start = Keyset.afterId(after);
            Arguments.notNull("progress", progress);
            // The candidates are found by their kept counts: the changes not folded yet go in first.
            CountFolder.foldAll(transactions, types);
            int total = transactions.read(session -> Sql.on(session, TagReads::maxId));
            int deleted = 0;
            int walked = start;
            while (true) {
                int from = walked;
                int[] batch = transactions.retrying(session -> Sql.on(session,
                        sql -> Links.deleteUnused(sql, types, from, CLEANUP_BATCH)));
                deleted += batch[1];
                if (batch[0] == 0) {
                    progress.batchDone(total, total);
                    return new Walked(deleted, null);
                }
                walked = batch[0];
                if (!progress.batchDone(Math.min(walked, total), total)) {
                    return new Walked(deleted, String.valueOf(walked));
                }
            }
        });
    }

    /**
     * Sets every tag's kept count to the number of its links, for links written behind the library's back (plain
     * SQL, or JPA code of the application's own that links existing tags), in batches of
     * {@value #RECOUNT_BATCH} tags, each its own short transaction; {@link #recount(String, Progress)} reports
     * each batch and can stop and resume.
     *
     * @return how many counts were wrong
     */
    public int recount() {
        return transactions.call(CALLS, "recount", () -> recount(null, Progress.NONE).changed());
    }

    /**
     * {@link #recount()} as a walk that reports its progress after each batch and can be stopped there and resumed:
     * the tags after {@code after} (a {@link Walked#resumeAfter()}, or null from the first).
     *
     * @throws IllegalArgumentException if {@code after} is not where such a walk stopped, or progress is null
     */
    public Walked recount(String after, Progress progress) {
        return transactions.call(CALLS, "recount", () -> {
            int start = Keyset.afterId(after);
            Arguments.notNull("progress", progress);
            int maxId = transactions.read(session -> Sql.on(session, TagReads::maxId));
            int repaired = 0;
            for (int from = start; from < maxId; from += RECOUNT_BATCH) {
                int first = from;
                repaired += transactions.retrying(session -> Sql.on(session,
                        sql -> Links.recount(sql, types, first, first + RECOUNT_BATCH)));
                int done = Math.min(first + RECOUNT_BATCH, maxId);
                if (!progress.batchDone(done, maxId) && done < maxId) {
                    return new Walked(repaired, String.valueOf(done));
                }
            }
            return new Walked(repaired, null);
        });
    }
}
