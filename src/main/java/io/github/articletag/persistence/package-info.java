/**
 * Opening the database ({@link io.github.articletag.persistence.Database}), the schema operations, and the
 * repositories for articles and tags. Everything that talks to Hibernate or JDBC lives here.
 */
package io.github.articletag.persistence;
