package io.github.articletag.spring;

import io.github.articletag.Database;
import io.github.articletag.DatabaseStatistics;
import io.github.articletag.RetryCause;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Reads {@link Database#statistics()} when a registry is scraped: counters, so no state of its own. The library's
 * own pools, if it has any, report to the registry too (Boot's pool reports through Boot).
 */
final class DatabaseMeters implements MeterBinder {

    private final Database database;

    DatabaseMeters(Database database) {
        this.database = database;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RetryCause cause : RetryCause.values()) {
            counter("articletag.retries", "transactions run again after the server rolled them back",
                    statistics -> statistics.retries().get(cause))
                    .tag("cause", cause.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        counter("articletag.outcome.unknown",
                "calls failed with the connection lost during the commit: written or not, unknown",
                DatabaseStatistics::outcomeUnknown).register(registry);
        counter("articletag.optimistic.lock.conflicts",
                "saves refused because someone else changed the article since it was loaded",
                DatabaseStatistics::optimisticLockConflicts).register(registry);
        counter("articletag.imported.articles", "articles imported: a list once committed, a stream chunk by chunk",
                DatabaseStatistics::articlesImported).register(registry);
        try {
            database.recordPoolMetrics(registry);
        } catch (IllegalStateException alreadyBound) {
            // Boot binds to one composite registry; bound to several, the pool reports to the first (HikariCP
            // takes one registry), and the library's own meters above to each.
        }
    }

    private FunctionCounter.Builder<Database> counter(String name, String description,
                                                      ToDoubleFunction<DatabaseStatistics> value) {
        return FunctionCounter.builder(name, database, database -> value.applyAsDouble(database.statistics()))
                .description(description);
    }
}
