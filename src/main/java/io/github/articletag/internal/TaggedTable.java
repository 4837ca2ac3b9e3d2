package io.github.articletag.internal;

/**
 * The tables of one tagged type, as data for the statements that write and read its links: the owners' table, the
 * link table whose primary key is {@code (ownerColumn, tag_id)}, and the noun that messages use.
 *
 * @param table       the owners' table, with an integer {@code id}
 * @param links       the link table
 * @param ownerColumn the link table's column naming the owner
 * @param noun        one owner, as messages name it
 */
public record TaggedTable(String table, String links, String ownerColumn, String noun) {

    /** The library's articles: {@code article}, linked through {@code article_tag}. */
    public static final TaggedTable ARTICLE = new TaggedTable(Schema.ARTICLE, Schema.ARTICLE_TAG, "article_id",
            "article");
}
