package io.github.articletag;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a {@link Database} resolved or reported since it was opened, for an application's metrics
 * ({@link Database#statistics()}); with Micrometer on the class path Spring Boot publishes these as meters
 * (see the guide's Spring Boot page, src/docs/spring-boot.md). Every count only grows.
 *
 * @param retries                 transactions run again, by cause (every cause present, zero or not)
 * @param outcomeUnknown          calls that failed with a {@link DatabaseUnavailableException} whose
 *                                {@linkplain DatabaseUnavailableException#isOutcomeUnknown() outcome is unknown}
 * @param optimisticLockConflicts saves refused because someone else changed the article since it was loaded
 *                                ({@code jakarta.persistence.OptimisticLockException})
 * @param articlesImported        articles imported by {@link ArticleRepository#importArticles}: a list once it is
 *                                committed, a stream chunk by chunk as it goes (one that fails later is rolled
 *                                back whole, its chunks counted)
 */
public record DatabaseStatistics(Map<RetryCause, Long> retries, long outcomeUnknown, long optimisticLockConflicts,
                                 long articlesImported) {

    /** Copies the map, in the causes' order, so that a snapshot never changes. */
    public DatabaseStatistics {
        retries = Collections.unmodifiableMap(new EnumMap<>(retries));
    }

    /** All retries, whatever their cause: {@link Database#retries()}. */
    public long totalRetries() {
        return retries.values().stream().mapToLong(Long::longValue).sum();
    }
}
