package io.github.articletag.internal;

import java.util.List;

/**
 * The tables of one tagged type, as data for the statements that write and read its links and counts: the owners'
 * table and its id column, the link table whose primary key is {@code (ownerColumn, tag_id)}, where the type's
 * count of each tag is kept, and the noun that messages use.
 *
 * <p>The library's articles keep their counts in {@code tag.article_count} (the 0.1 schema); every other type in a
 * table of its own, {@code <links>_count (tag_id, tagged)}, a row per tag the type has used. Writers add changes
 * to them ({@link CountDeltas}), which are folded in later: a count is the kept one plus its changes.
 *
 * @param table       the owners' table
 * @param idColumn    the owners' id column
 * @param links       the link table
 * @param ownerColumn the link table's column naming the owner
 * @param counts      the table of the type's counts, or {@code tag} for articles
 * @param noun        one owner, as messages name it
 */
public record TaggedTable(String table, String idColumn, String links, String ownerColumn, String counts,
                          String noun) {

    /** The library's articles: {@code article}, linked through {@code article_tag}, counted in the tag's row. */
    public static final TaggedTable ARTICLE = new TaggedTable(Schema.ARTICLE, "id", Schema.ARTICLE_TAG, "article_id",
            Schema.TAG, "article");

    /** The column of {@link #counts} holding a type's count, for every type but articles. */
    public static final String COUNT_COLUMN = "tagged";

    /** A type of the application's: its links in {@code links}, its counts in {@code <links>_count}. */
    public static TaggedTable of(String table, String idColumn, String links, String ownerColumn, String noun) {
        return new TaggedTable(table, idColumn, links, ownerColumn, links + "_count", noun);
    }

    /** Whether the counts are the tag's own column (articles), rather than a table of the type's. */
    public boolean countsInTag() {
        return counts.equals(Schema.TAG);
    }

    /** The column of {@link #counts} naming the tag: the tag's {@code id}, or {@code tag_id}. */
    public String countKey() {
        return countsInTag() ? "id" : "tag_id";
    }

    /** The column of {@link #counts} holding the count. */
    public String countColumn() {
        return countsInTag() ? "article_count" : COUNT_COLUMN;
    }

    /**
     * An SQL expression for the type's count of the tag {@code tag} (the alias of a {@code tag} row): the kept count
     * and its changes not folded yet ({@link CountDeltas}).
     */
    public String countOf(String tag) {
        return countsInTag() ? "CAST(" + tag + ".article_count + " + CountDeltas.pendingOf(this, tag + ".id")
                + " AS SIGNED)" : countOfId(tag + ".id");
    }

    /** {@link #countOf} for the tag whose id is {@code tagId} (an expression): its kept count read by key. */
    public String countOfId(String tagId) {
        String kept = countsInTag() ? "(SELECT k.article_count FROM tag k WHERE k.id = " + tagId + ")"
                : "COALESCE((SELECT c." + COUNT_COLUMN + " FROM " + counts + " c WHERE c.tag_id = " + tagId + "), 0)";
        return "CAST(" + kept + " + " + CountDeltas.pendingOf(this, tagId) + " AS SIGNED)";
    }

    /**
     * The statements that create this type's link table and count table, for the application's own migration: the
     * owner column of {@code ownerType} ({@code INT} or {@code BIGINT}, the owners' id type), the primary key
     * {@code (owner, tag_id)}, the {@code (tag_id, owner)} index the pages read, and foreign keys with
     * {@code ON DELETE CASCADE} to both sides.
     */
    public List<String> ddl(String ownerType) {
        return List.of("""
                CREATE TABLE %1$s (
                    %2$s %3$s NOT NULL,
                    tag_id INT NOT NULL,
                    PRIMARY KEY (%2$s, tag_id),
                    KEY %4$s (tag_id, %2$s),
                    CONSTRAINT %5$s FOREIGN KEY (%2$s) REFERENCES %6$s (%7$s) ON DELETE CASCADE,
                    CONSTRAINT %8$s FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=%9$s""".formatted(links, ownerColumn, ownerType,
                        linksByTag(), ownerKey(), table, idColumn, tagKey(), Schema.TEXT_COLLATION),
                """
                CREATE TABLE %1$s (
                    tag_id INT NOT NULL,
                    %2$s INT NOT NULL,
                    PRIMARY KEY (tag_id),
                    KEY %3$s (%2$s, tag_id),
                    CONSTRAINT %4$s FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=%5$s""".formatted(counts, COUNT_COLUMN, countsByCount(),
                        countsTagKey(), Schema.TEXT_COLLATION));
    }

    /** The link table's index by tag, which the pages read. */
    String linksByTag() {
        return "ix_" + links + "_tag";
    }

    /** The link table's foreign key to the owners. */
    String ownerKey() {
        return "fk_" + links + "_owner";
    }

    /** The link table's foreign key to the tags. */
    String tagKey() {
        return "fk_" + links + "_tag";
    }

    /** The count table's index by count, which "most used first" reads. */
    String countsByCount() {
        return "ix_" + counts + "_" + COUNT_COLUMN;
    }

    /** The count table's foreign key to the tags. */
    String countsTagKey() {
        return "fk_" + counts + "_tag";
    }
}
