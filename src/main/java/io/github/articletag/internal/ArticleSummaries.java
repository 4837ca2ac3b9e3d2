package io.github.articletag.internal;

import io.github.articletag.ArticleSummary;
import io.github.articletag.RelatedArticle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The listing queries behind {@code ArticleRepository}'s pages, summaries and {@code findRelated}: one statement
 * each, read on the session's connection and mapped by hand, because building entities through Hibernate costs
 * more than the query itself (see the guide's performance page, src/docs/performance.md). A page of articles with their tags is one
 * statement, so its ids, its articles and their tags are one snapshot of the database, and the page's cursor is
 * the last id that statement walked.
 */
public final class ArticleSummaries {

    /** Articles with their tags; {@code %s} is the set of articles, a derived table of ids and titles. */
    private static final String WITH_TAGS = """
            SELECT a.id, a.title, t.id, t.name FROM %s a
            LEFT JOIN article_tag l ON l.article_id = a.id LEFT JOIN tag t ON t.id = l.tag_id
            ORDER BY a.id""";

    /** An article as one statement read it: its id, its title and all its tags, in no particular order. */
    public record Row(int id, String title, List<TagLookup.Stored> tags) {

        /** As a summary: the tag names in listing order. */
        public ArticleSummary summary() {
            List<String> names = new ArrayList<>(tags.size());
            tags.forEach(tag -> names.add(tag.name()));
            names.sort(Names.LISTING_ORDER);
            return new ArticleSummary(id, title, names);
        }
    }

    private ArticleSummaries() {
    }

    /** The first {@code rows} articles after {@code afterId}, by id, with their tags. */
    public static List<Row> page(Sql sql, int afterId, int rows) throws SQLException {
        return query(sql, WITH_TAGS.formatted(
                "(SELECT id, title FROM article WHERE id > ? ORDER BY id LIMIT ?)"), List.of(afterId, rows));
    }

    /** The articles {@code ids} picks, by id, with their tags, in one statement. */
    public static List<Row> of(Sql sql, TaggedArticles ids) throws SQLException {
        return query(sql, WITH_TAGS.formatted("(SELECT a.id, a.title FROM article a JOIN ("
                + ids.sql() + ") p ON p.owner_id = a.id)"), ids.parameters());
    }

    /** The article with this id and its tags, in one statement; empty if there is none. */
    public static List<Row> one(Sql sql, int id) throws SQLException {
        return query(sql, WITH_TAGS.formatted("(SELECT id, title FROM article WHERE id = ?)"), List.of(id));
    }

    /** As summaries. */
    public static List<ArticleSummary> summaries(List<Row> rows) {
        return rows.stream().map(Row::summary).toList();
    }

    /**
     * The articles sharing most tags with this one ({@link RelatedOwners}): the titles are read only for the few that
     * rank, never for the thousands of candidates. Two statements, to be read in one snapshot.
     */
    public static List<RelatedArticle> related(Sql sql, int articleId, int limit) throws SQLException {
        RelatedOwners ranking = RelatedOwners.of(sql, TaggedTable.ARTICLE, articleId, limit);
        return sql.list("SELECT r.owner_id, a.title, r.shared FROM (" + ranking.sql() + ") r JOIN article a"
                + " ON a.id = r.owner_id ORDER BY r.shared DESC, r.owner_id",
                row -> new RelatedArticle(row.getInt(1), row.getString(2), row.getLong(3)), ranking.parameters());
    }

    /** Rows of (id, title, tag id, tag name), one or more per article, in article order. */
    private static List<Row> query(Sql sql, String text, List<Object> parameters) throws SQLException {
        List<Row> rows = new ArrayList<>();
        sql.forEach(text, result -> {
            int id = result.getInt(1);
            Row row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (row == null || row.id() != id) {
                row = new Row(id, result.getString(2), new ArrayList<>());
                rows.add(row);
            }
            int tagId = result.getInt(3);
            if (!result.wasNull()) {
                row.tags().add(new TagLookup.Stored(tagId, result.getString(4)));
            }
            return row;
        }, parameters);
        return rows;
    }
}
