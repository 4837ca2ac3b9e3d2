/**
 * The library's API: everything a user calls is in this package, and nothing else is.
 *
 * <ul>
 *   <li>{@link io.github.articletag.Database} opens the database (four ways in), runs the schema operations and
 *       hands out the repositories;</li>
 *   <li>{@link io.github.articletag.Article} and {@link io.github.articletag.Tag}, the entities, beside their
 *       repositories {@link io.github.articletag.ArticleRepository} and {@link io.github.articletag.TagRepository};
 *       the entities' bookkeeping for {@code save} is package-private, the repositories' side of it;</li>
 *   <li>{@link io.github.articletag.Taggable}, which the application's own entities extend to be tagged, and
 *       their {@link io.github.articletag.TaggedRepository};</li>
 *   <li>the values the repositories take and return ({@link io.github.articletag.NewArticle},
 *       {@link io.github.articletag.ArticleSummary}, {@link io.github.articletag.RelatedArticle},
 *       {@link io.github.articletag.TagCount}, {@link io.github.articletag.RelatedItem},
 *       {@link io.github.articletag.TagUsage}), the settings ({@link io.github.articletag.ConnectionSettings},
 *       {@link io.github.articletag.Timeouts}), what the server is ({@link io.github.articletag.ServerVersion}),
 *       its exceptions ({@link io.github.articletag.DatabaseUnavailableException},
 *       {@link io.github.articletag.DatabaseBusyException}) and the sample data
 *       ({@link io.github.articletag.SampleData}).</li>
 * </ul>
 *
 * <p>What goes where: a type is here if and only if a user names it (calls it, catches it, holds it). A public
 * class here says what a call does, checks its arguments, chooses how its transaction is run, and hands over: it
 * holds no SQL and imports no {@code java.sql}. The machinery behind it (Hibernate and pool setup, the
 * transactions and their retries, the schema, every statement) is in {@code io.github.articletag.internal},
 * which the module does not export and which may change in any release; the package-private
 * {@code StoredEntities} builds the entities it returns. The demo, {@code io.github.articletag.demo}, is
 * not in the published jar.
 */
package io.github.articletag;
