package io.github.articletag.spring;

import io.github.articletag.Database;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Each call of the library as an Observation in Boot's registry ({@link Database#observeCalls}), where Micrometer's
 * observation API is on the class path and Boot made a registry: with Actuator, a timer
 * {@code articletag.call} per call and outcome ({@code management.metrics.distribution.percentiles.articletag.call}
 * adds percentiles); with a tracer, a span per call.
 */
@AutoConfiguration(after = ArticleTagAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnSingleCandidate(Database.class)
@ConditionalOnBean(type = "io.micrometer.observation.ObservationRegistry")
public class ArticleTagObservationAutoConfiguration {

    /** Created by Spring Boot. */
    public ArticleTagObservationAutoConfiguration() {
    }

    /** Gives the database Boot's registry once every singleton exists. */
    @Bean
    @ConditionalOnMissingBean(name = "articletagCallObservations")
    SmartInitializingSingleton articletagCallObservations(Database database, ObservationRegistry registry) {
        return () -> database.observeCalls(registry);
    }
}
