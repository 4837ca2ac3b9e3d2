package io.github.articletag.spring;

import io.github.articletag.Database;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code articletag} health indicator, where Spring Boot's health support (Actuator) is on the class path:
 * whether the schema fits, which server the DataSource reaches, and whether it accepts writes (on a Group
 * Replication group, its member role). Off with {@code management.health.articletag.enabled=false}.
 */
@AutoConfiguration(after = ArticleTagAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnSingleCandidate(Database.class)
@ConditionalOnEnabledHealthIndicator("articletag")
public class ArticleTagHealthAutoConfiguration {

    /** Created by Spring Boot. */
    public ArticleTagHealthAutoConfiguration() {
    }

    /** The indicator; its bean name makes its key in {@code /actuator/health}: {@code articletag}. */
    @Bean
    @ConditionalOnMissingBean(name = "articletagHealthIndicator")
    HealthIndicator articletagHealthIndicator(Database database) {
        return new DatabaseHealthIndicator(database);
    }
}
