/**
 * The tutorial's model: {@link io.github.articletag.domain.Article} and {@link io.github.articletag.domain.Tag}
 * linked many-to-many over the {@code article_tag} join table. Each entity keeps both sides of the link in sync.
 */
package io.github.articletag.domain;
