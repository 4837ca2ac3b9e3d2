/**
 * The library's machinery: not API. The module does not export this package, its types are public only so that
 * {@code io.github.articletag} can call them, and any of them may change or go in any release.
 *
 * <p>Who calls what: the API package calls in here; nothing in here is handed to a user. {@code HibernateSetup}
 * builds the session factories and {@code Endpoint} is one of them with its pool; {@code Transactions} runs
 * every unit of work with its retries; {@code Schema} declares the schema and checks the database against it;
 * {@code ArticleImporter} and {@code ArticleSummaries} are the JDBC paths; {@code Names} is the rule for titles
 * and tag names; {@code Arguments} the checks of every public entry point.
 */
package io.github.articletag.internal;
