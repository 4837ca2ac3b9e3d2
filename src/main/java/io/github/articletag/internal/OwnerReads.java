package io.github.articletag.internal;

import io.github.articletag.TagCount;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads of an application's tagged type ({@code TaggedRepository}) that are the library's: the owners' ids and
 * tags, the related owners, the type's counts. The owners themselves are the application's entities, loaded by
 * Hibernate in the same snapshot.
 */
public final class OwnerReads {

    /** An owner id and a count: how many tags it shares with another. */
    public record Shared(long id, long shared) {
    }

    private OwnerReads() {
    }

    /** The owners {@code ids} picks, in id order, each with its tags, in one statement. */
    public static Map<Long, List<TagLookup.Stored>> withTags(Sql sql, TaggedTable owners, TaggedArticles ids)
            throws SQLException {
        Map<Long, List<TagLookup.Stored>> rows = new LinkedHashMap<>();
        sql.forEach("SELECT p.owner_id, t.id, t.name FROM (" + ids.sql() + ") p LEFT JOIN " + owners.links()
                + " l ON l." + owners.ownerColumn() + " = p.owner_id LEFT JOIN tag t ON t.id = l.tag_id"
                + " ORDER BY p.owner_id", row -> {
                    List<TagLookup.Stored> tags = rows.computeIfAbsent(row.getLong(1), id -> new ArrayList<>());
                    int tagId = row.getInt(2);
                    if (!row.wasNull()) {
                        tags.add(new TagLookup.Stored(tagId, row.getString(3)));
                    }
                    return null;
                }, ids.parameters());
        return rows;
    }

    /** The owners sharing most tags with this one ({@link RelatedOwners}), to be read in one snapshot. */
    public static List<Shared> related(Sql sql, TaggedTable owners, long id, int limit) throws SQLException {
        RelatedOwners ranking = RelatedOwners.of(sql, owners, id, limit);
        return sql.list(ranking.sql(), row -> new Shared(row.getLong(1), row.getLong(2)), ranking.parameters());
    }
}
