/**
 * The library in a Spring Boot 4 application, used only where Spring Boot is on the class path: the
 * auto-configuration ({@link io.github.articletag.spring.ArticleTagAutoConfiguration}, with its health and
 * metrics companions), its {@code articletag.*} properties ({@link io.github.articletag.spring.ArticleTagProperties})
 * and the start-up failure for a schema that does not fit ({@link io.github.articletag.spring.SchemaMismatchException}).
 * Users name these classes only to exclude an auto-configuration or to catch the failure; the health indicator, the
 * meter binder, the Flyway location and the failure analyzer are package-private machinery.
 */
package io.github.articletag.spring;
