package io.github.articletag.spring;

import io.github.articletag.Database;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The library's meters, where Micrometer is on the class path: Spring Boot binds them to its registries
 * ({@code /actuator/metrics}, Prometheus, ...). What the library resolved or reported itself, from
 * {@link Database#statistics()}, and HikariCP's metrics of the library's own pools ({@link Database#recordPoolMetrics});
 * Hibernate's, and HikariCP's of Boot's pool, are Boot's.
 * <ul>
 *   <li>{@code articletag.retries} (tag {@code cause}: {@code deadlock}, {@code lock_wait_timeout}, ...): transactions
 *       run again after the server rolled them back;</li>
 *   <li>{@code articletag.outcome.unknown}: calls failed with the connection lost during the commit;</li>
 *   <li>{@code articletag.optimistic.lock.conflicts}: saves refused because the article changed since it was
 *       loaded;</li>
 *   <li>{@code articletag.imported.articles}: articles imported (a list once committed, a stream chunk by chunk).</li>
 * </ul>
 */
@AutoConfiguration(after = ArticleTagAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnSingleCandidate(Database.class)
public class ArticleTagMetricsAutoConfiguration {

    /** Created by Spring Boot. */
    public ArticleTagMetricsAutoConfiguration() {
    }

    /** The meters, registered once per registry Boot binds them to. */
    @Bean
    @ConditionalOnMissingBean(name = "articletagMeters")
    MeterBinder articletagMeters(Database database) {
        return new DatabaseMeters(database);
    }
}
