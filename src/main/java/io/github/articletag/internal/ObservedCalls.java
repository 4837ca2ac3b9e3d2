package io.github.articletag.internal;

import io.github.articletag.DatabaseUnavailableException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.persistence.OptimisticLockException;

import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Each public call as a Micrometer {@link Observation} named {@value #NAME}, with low-cardinality keys only (the
 * repository, the call, the outcome), so that a meter handler makes one timer per call and a tracing handler one
 * span. A retry is an event of the call's observation (the meter handler counts {@value #NAME}{@code .retry}) and
 * raises its {@code articletag.retries} high-cardinality value; why it was retried is counted by the
 * {@code articletag.retries} meters.
 */
public final class ObservedCalls implements CallObserver {

    /** The observation's name: the timer's, {@code articletag.call}. */
    public static final String NAME = "articletag.call";
    private static final String RETRIES = "articletag.retries";
    private static final Observation.Event RETRY =
            Observation.Event.of("retry", "the server rolled the call's transaction back: it ran again");

    private final ObservationRegistry registry;

    public ObservedCalls(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <R> R observe(String repository, String call, Supplier<R> work) {
        if (ours(registry.getCurrentObservation())) {
            return work.get();
        }
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(repository + "." + call)
                .lowCardinalityKeyValue("articletag.repository", repository)
                .lowCardinalityKeyValue("articletag.call", call)
                .highCardinalityKeyValue(RETRIES, "0")
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            R result = work.get();
            observation.lowCardinalityKeyValue("outcome", "success");
            return result;
        } catch (RuntimeException | Error failure) {
            observation.lowCardinalityKeyValue("outcome", outcome(failure)).error(failure);
            throw failure;
        } finally {
            observation.stop();
        }
    }

    @Override
    public void retried() {
        Observation current = registry.getCurrentObservation();
        if (!ours(current)) {
            return;
        }
        KeyValue retries = current.getContextView().getHighCardinalityKeyValue(RETRIES);
        int before = retries == null ? 0 : Integer.parseInt(retries.getValue());
        current.highCardinalityKeyValue(RETRIES, Integer.toString(before + 1)).event(RETRY);
    }

    private static boolean ours(Observation observation) {
        return observation != null && !observation.isNoop() && NAME.equals(observation.getContextView().getName());
    }

    /**
     * What a failure says of the call, in few values: the caller's input or a state the caller can fix
     * ({@code refused}), a server that could not be reached or was too busy ({@code unavailable}), or anything
     * else ({@code error}).
     */
    private static String outcome(Throwable failure) {
        if (failure instanceof DatabaseUnavailableException) {
            return "unavailable";
        }
        if (failure instanceof IllegalArgumentException || failure instanceof NoSuchElementException
                || failure instanceof OptimisticLockException
                || failure instanceof IllegalStateException) {
            return "refused";
        }
        return "error";
    }
}
