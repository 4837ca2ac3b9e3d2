/**
 * The library's machinery: not API. The module does not export this package, its types are public only so that
 * {@code io.github.articletag} can call them, and any of them may change or go in any release.
 *
 * <p>Who calls what: the API package calls in here; nothing in here is handed to a user. One home per job:
 * <ul>
 *   <li>setting up: {@code HibernateSetup} builds the session factories, {@code Endpoint} is one of them with its
 *       pool, {@code Servers} reaches a server before that, {@code Schema} declares the schema and checks a
 *       database against it;</li>
 *   <li>running work: {@code Transactions} runs every unit of work with its retries, {@code ServerErrors} says
 *       what a MySQL or MariaDB error means for it, {@code PoolTimeouts} what a pool's timeout means,
 *       {@code RetriedConflicts} keeps Hibernate from warning of conflicts that are retried, {@code Counters}
 *       counts them;</li>
 *   <li>SQL: {@code Sql} is the one way to run SQL of the library's own (Hibernate's query API serves where
 *       entities are read); {@code TaggedTable} names a tagged type's tables, as data;</li>
 *   <li>writing: {@code Links} alone writes and deletes links and keeps the tags' counts, whose changes
 *       {@code CountDeltas} writes, reads and folds ({@code CountFolder} folds them in the background);
 *       {@code TagLookup} finds the tag a name stands for (aliases included) or creates it; {@code ArticleWrites},
 *       {@code TagWrites} and {@code Tagging} are the repositories' writes; {@code ArticleImporter} the bulk import;
 *       {@code TagCountListener} counts the links Hibernate writes for an application's own JPA code;</li>
 *   <li>reading: {@code Keyset} is the paging by key and its cursors, {@code TaggedArticles} the query shapes of
 *       articles by tags (which the plan tests prove), {@code ArticleSummaries} the rows of a page of articles
 *       with their tags, {@code RelatedOwners} the related articles or entities, {@code TagReads},
 *       {@code Completion} and {@code RelatedTags} the tags' listings;</li>
 *   <li>rules: {@code Names} for titles and tag names, {@code Arguments} for the checks of every public entry
 *       point.</li>
 * </ul>
 */
package io.github.articletag.internal;
