package io.github.articletag.internal;

import io.github.articletag.TagQuery;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of the ids of the owners (articles, or another tagged type's) a {@link TagQuery} picks, read from the link
 * table's {@code (tag_id, owner)} index (for article_tag the foreign key's index, which InnoDB extends with the
 * primary key): each tag's articles are a range of
 * it in id order, so a page reads about as many entries as it passes over, at any depth.
 *
 * <p>One range drives, and every other condition is a primary-key lookup per article: the least used tag of
 * {@code allOf} (STRAIGHT_JOIN keeps it first, so the order comes from the index, not a sort), or, when their
 * tags carry fewer articles in all, each tag of {@code anyOf}'s next page, merged; with neither, the articles
 * themselves. A page reads at most what the driving ranges hold, and no more than it returns when the other
 * conditions pass most rows. The kept counts, read first in one statement (with the aliases), choose the
 * driver; a query of one tag of {@code allOf} alone, or of {@code anyOf} alone, has no choice to make and skips
 * that statement. Either way the page's statement finds each tag's id by its key itself ({@link TagLookup#ID_OF_KEY}):
 * what the lookup read only chooses the plan, so the two need not read one snapshot.
 *
 * @param sql        the query; its one column is {@code owner_id}, in id order
 * @param parameters its parameters, in order
 */
public record TaggedArticles(String sql, List<Object> parameters) {

    /**
     * How many ids past its cursor a page covers at most when the query names no tag the owners must carry: a page
     * of articles that carry no tag, when almost all do, would otherwise read every article.
     */
    public static final int WALK = 5000;

    private static final TaggedArticles NOTHING =
            new TaggedArticles("SELECT 0 AS owner_id FROM DUAL WHERE FALSE", List.of());

    /**
     * The articles {@code query} picks after {@code afterId} in id order (before it, newest first, if
     * {@code newestFirst}), at most {@code rows}.
     */
    public static TaggedArticles matching(Sql sql, TaggedTable owners, TagQuery query, long afterId, int rows,
                                          boolean newestFirst) throws SQLException {
        return matching(sql, owners, query, new Order(owners, newestFirst ? "<" : ">", newestFirst ? " DESC" : "",
                afterId, rows, true));
    }

    private static TaggedArticles matching(Sql sql, TaggedTable owners, TagQuery query, Order order)
            throws SQLException {
        if (!needsLookup(query)) {
            // One tag of allOf alone, or anyOf alone: no choice to make, so each range finds its tag's id itself.
            List<String> keys = (query.allOf().isEmpty() ? query.anyOf() : query.allOf()).stream().map(Names::key).toList();
            List<Object> parameters = new ArrayList<>();
            List<String> branches = new ArrayList<>();
            for (String key : keys) {
                branches.add(branch(key, parameters, List.of(), List.of(), Exclusions.NONE, order));
            }
            return union(branches, parameters, order);
        }
        Map<String, TagLookup.Found> found = TagLookup.resolve(sql, owners, keysOf(query));
        if (!query.allOf().stream().allMatch(name -> found.containsKey(Names.key(name)))) {
            return NOTHING; // no article has a tag that does not exist
        }
        List<TagLookup.Found> any = tags(query.anyOf(), found);
        if (!query.anyOf().isEmpty() && any.isEmpty()) {
            return NOTHING;
        }
        List<TagLookup.Found> all = tags(query.allOf(), found);
        // With noOthers, an article may carry nothing but the tags named in allOf and anyOf.
        List<TagLookup.Found> only = null;
        if (query.noOthers()) {
            only = new ArrayList<>(all);
            only.addAll(any);
        }
        List<TagLookup.Found> none = tags(query.noneOf(), found);
        return of(all, any, new Exclusions(none, none.stream().mapToLong(TagLookup.Found::articles).sum(), only),
                order);
    }

    /**
     * Whether {@link #matching} reads the tags' kept counts and aliases in a statement of its own before the page's:
     * not for one tag of {@code allOf} alone, nor for {@code anyOf} alone, whose statement finds each tag's id itself.
     */
    private static boolean needsLookup(TagQuery query) {
        return !(query.noneOf().isEmpty() && !query.noOthers() && (query.allOf().isEmpty() || single(query) != null));
    }

    /**
     * What an article must not carry: any of {@code none} (which carry {@code noneArticles} in all), or (unless
     * null) any tag outside {@code only}.
     */
    private record Exclusions(List<TagLookup.Found> none, long noneArticles, List<TagLookup.Found> only) {

        static final Exclusions NONE = new Exclusions(List.of(), 0, null);

        /**
         * Adds the conditions on {@code article}'s links, for a range that passes about {@code rows} articles: the
         * excluded tags' articles read once into a lookup table when they are fewer than that, else a
         * primary-key lookup per article (the server's own choice, which STRAIGHT_JOIN turns off, was the lookup
         * per article: 38 ms for a count of 10,000 excluding a tag of 578 articles, 12 ms read once).
         */
        void appendTo(StringBuilder sql, List<Object> parameters, String article, Order order) {
            String links = order.owners().links();
            String owner = order.owners().ownerColumn();
            int rows = order.rows();
            if (!none.isEmpty()) {
                String in = idsOf(none, parameters);
                if (noneArticles <= rows) {
                    sql.append(" AND ").append(article).append(" NOT IN (SELECT x." + owner + " FROM " + links + " x")
                            .append(" WHERE x.tag_id IN (").append(in).append("))");
                } else {
                    sql.append(" AND NOT EXISTS (SELECT 1 FROM " + links + " x WHERE x." + owner + " = ").append(article)
                            .append(" AND x.tag_id IN (").append(in).append("))");
                }
            }
            if (only != null) {
                sql.append(" AND NOT EXISTS (SELECT 1 FROM " + links + " o WHERE o." + owner + " = ").append(article);
                if (!only.isEmpty()) {
                    // A key that no longer finds its tag gives no id, and NOT IN with a NULL would pass no link.
                    List<String> ids = new ArrayList<>();
                    only.forEach(tag -> ids.add("COALESCE(" + idOf(tag.key(), parameters) + ", 0)"));
                    sql.append(" AND o.tag_id NOT IN (").append(String.join(", ", ids)).append(')');
                }
                sql.append(')');
            }
        }
    }

    /**
     * Whether a page of {@code query} walks the owners themselves, at most {@value #WALK} ids of them: it names no tag
     * that an owner must carry (in {@code allOf} or {@code anyOf}), only tags it must not, or none at all. Such a page
     * may need {@link #walkedTo}, in its snapshot.
     */
    public static boolean walksOwners(TagQuery query) {
        return query.allOf().isEmpty() && query.anyOf().isEmpty();
    }

    /**
     * After a page of a query that walks the owners ({@link #walksOwners}) found no more than it returns: where the
     * next page starts, just before the first owner past the ids its walk covered, or null when there is none. Read
     * in the page's snapshot.
     */
    public static Long walkedTo(Sql sql, TaggedTable owners, long afterId) throws SQLException {
        String id = owners.idColumn();
        Long next = sql.list("SELECT MIN(" + id + ") FROM " + owners.table() + " WHERE " + id + " > ?", row -> {
            long first = row.getLong(1);
            return row.wasNull() ? null : first - 1;
        }, saturated(afterId, WALK)).get(0);
        return next;
    }

    private static long saturated(long id, long plus) {
        long sum = id + plus;
        return ((id ^ sum) & (plus ^ sum)) < 0 ? (plus > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : sum;
    }

    /** The first {@code rows} owners after {@code afterId}, tagged or not. */
    public static TaggedArticles all(TaggedTable owners, long afterId, int rows) {
        return of(List.of(), List.of(), Exclusions.NONE, new Order(owners, ">", "", afterId, rows, true));
    }

    /** The owners with these ids that exist, tagged or not. */
    public static TaggedArticles in(TaggedTable owners, List<Long> ids) {
        if (ids.isEmpty()) {
            return NOTHING;
        }
        return new TaggedArticles("SELECT " + owners.idColumn() + " AS owner_id FROM " + owners.table() + " WHERE "
                + owners.idColumn() + " IN (" + Sql.placeholders(ids.size()) + ")", List.copyOf(ids));
    }

    /** The newest {@code rows} articles tagged with every one of these tags (found already). */
    public static TaggedArticles newestWithAll(TaggedTable owners, List<TagLookup.Found> all, int rows) {
        return of(all, List.of(), Exclusions.NONE, new Order(owners, "<", " DESC", Long.MAX_VALUE, rows, true));
    }

    private static TaggedArticles of(List<TagLookup.Found> allTags, List<TagLookup.Found> any, Exclusions none,
                                     Order order) {
        List<TagLookup.Found> all = new ArrayList<>(allTags);
        all.sort(Comparator.comparingLong(TagLookup.Found::articles).thenComparingInt(TagLookup.Found::id));
        List<Object> parameters = new ArrayList<>();
        long anyArticles = any.stream().mapToLong(TagLookup.Found::articles).sum();
        if (!all.isEmpty() && (any.isEmpty() || all.get(0).articles() <= anyArticles)) {
            String sql = branch(all.get(0).key(), parameters, all.subList(1, all.size()), any, none, order);
            return new TaggedArticles(sql, parameters);
        }
        if (!any.isEmpty()) {
            List<String> branches = new ArrayList<>();
            for (TagLookup.Found tag : any) {
                branches.add(branch(tag.key(), parameters, all, List.of(), none, order));
            }
            return union(branches, parameters, order);
        }
        String id = "a." + order.owners().idColumn();
        parameters.add(order.after());
        StringBuilder sql = new StringBuilder("SELECT " + id + " AS owner_id FROM " + order.owners().table()
                + " a WHERE " + id + " ").append(order.comparison()).append(" ?");
        if (none != Exclusions.NONE && order.walkBounded()) {
            // At most WALK ids past the cursor, whatever the conditions let through: a range of the primary key,
            // which the page leaves as soon as it is full.
            boolean up = order.comparison().equals(">");
            sql.append(" AND ").append(id).append(up ? " <= ?" : " >= ?");
            parameters.add(up ? saturated(order.after(), WALK) : saturated(order.after(), -WALK));
        }
        none.appendTo(sql, parameters, id, order);
        sql.append(" ORDER BY ").append(id).append(order.direction()).append(" LIMIT ?");
        parameters.add(order.rows());
        return new TaggedArticles(sql.toString(), parameters);
    }

    /**
     * How many articles {@code query} picks, counting at most {@code atMost}: from the kept count for one tag
     * alone, else by reading the picked ids as a page of {@code atMost} would.
     */
    public static long count(Sql sql, TaggedTable owners, TagQuery query, int atMost) throws SQLException {
        String single = single(query);
        if (single != null) {
            TagLookup.Found tag = TagLookup.resolve(sql, owners, List.of(single)).get(single);
            return tag == null ? 0 : Math.min(tag.articles(), atMost);
        }
        // Not bounded by a walk: a count passes over as many owners as it takes to find atMost.
        TaggedArticles ids = matching(sql, owners, query, new Order(owners, ">", "", Long.MIN_VALUE, atMost, false));
        return sql.list("SELECT COUNT(*) FROM (" + ids.sql() + ") c", row -> row.getLong(1), ids.parameters()).get(0);
    }

    /**
     * The ranges merged: each stops at a page, whatever its tag's size, and the union sorts at most a page per
     * range. Reading every tag's whole range and sorting it instead is what made such a query cost as much as its
     * tags are popular.
     */
    private static TaggedArticles union(List<String> branches, List<Object> parameters, Order order) {
        if (branches.size() == 1) {
            return new TaggedArticles(branches.get(0), parameters);
        }
        parameters.add(order.rows());
        return new TaggedArticles("SELECT u.owner_id FROM ((" + String.join(") UNION (", branches)
                + ")) u ORDER BY u.owner_id" + order.direction() + " LIMIT ?", parameters);
    }

    /**
     * Where a page starts, which way it goes, and whether walking the owners themselves stops at {@value #WALK}.
     */
    private record Order(TaggedTable owners, String comparison, String direction, long after, int rows,
                         boolean walkBounded) {
    }

    /** The key of a query of one tag alone, or null. */
    private static String single(TagQuery query) {
        List<String> names = query.allOf().isEmpty() ? query.anyOf() : query.anyOf().isEmpty() ? query.allOf() : List.of();
        return names.size() == 1 && query.noneOf().isEmpty() && !query.noOthers() ? Names.key(names.get(0)) : null;
    }

    /**
     * One driving range: the articles of the tag of key {@code driver}, that also carry every tag of {@code all},
     * one of {@code any} if given, and pass {@code none}. Adds the parameters in the order of the text.
     */
    private static String branch(String driver, List<Object> parameters, List<TagLookup.Found> all,
                                 List<TagLookup.Found> any, Exclusions none, Order order) {
        String links = order.owners().links();
        String owner = order.owners().ownerColumn();
        StringBuilder sql = new StringBuilder("SELECT STRAIGHT_JOIN l0." + owner + " AS owner_id FROM " + links + " l0");
        for (int i = 1; i <= all.size(); i++) {
            sql.append(" JOIN " + links + " l").append(i).append(" ON l").append(i).append("." + owner + " = l0." + owner)
                    .append(" AND l").append(i).append(".tag_id = ").append(idOf(all.get(i - 1).key(), parameters));
        }
        sql.append(" WHERE l0.tag_id = ").append(idOf(driver, parameters)).append(" AND l0." + owner + " ")
                .append(order.comparison()).append(" ?");
        parameters.add(order.after());
        if (!any.isEmpty()) {
            // A primary-key range lookup: a link of the article to one of these tags.
            sql.append(" AND EXISTS (SELECT 1 FROM " + links + " x WHERE x." + owner + " = l0." + owner + " AND x.tag_id IN (")
                    .append(idsOf(any, parameters)).append("))");
        }
        none.appendTo(sql, parameters, "l0." + owner, order);
        sql.append(" ORDER BY l0." + owner).append(order.direction()).append(" LIMIT ?");
        parameters.add(order.rows());
        return sql.toString();
    }

    private static List<String> keysOf(TagQuery query) {
        List<String> keys = new ArrayList<>();
        for (List<String> part : List.of(query.allOf(), query.anyOf(), query.noneOf())) {
            part.forEach(name -> keys.add(Names.key(name)));
        }
        return keys;
    }

    /** The tags found for these names, each once (two names may find one tag); names that no tag has are left out. */
    private static List<TagLookup.Found> tags(List<String> names, Map<String, TagLookup.Found> found) {
        Map<Integer, TagLookup.Found> byId = new LinkedHashMap<>();
        names.forEach(name -> {
            TagLookup.Found tag = found.get(Names.key(name));
            if (tag != null) {
                byId.putIfAbsent(tag.id(), tag);
            }
        });
        return List.copyOf(byId.values());
    }

    /** The id of the tag of this key, as the statement reads it; adds its parameters. */
    private static String idOf(String key, List<Object> parameters) {
        parameters.add(key);
        parameters.add(key);
        return TagLookup.ID_OF_KEY;
    }

    /** {@link #idOf} of each tag, separated by commas. */
    private static String idsOf(List<TagLookup.Found> tags, List<Object> parameters) {
        List<String> ids = new ArrayList<>();
        tags.forEach(tag -> ids.add(idOf(tag.key(), parameters)));
        return String.join(", ", ids);
    }
}
