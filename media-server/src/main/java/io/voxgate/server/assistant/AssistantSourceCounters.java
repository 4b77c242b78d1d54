package io.voxgate.server.assistant;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.voxgate.server.metrics.EnumCounter;

/**
 * The control plane's counters: fetches by outcome and fallbacks by what the call got instead.
 *
 * <p>Thread-safe (adders); written by the fetch threads, read by scrapes and tests.
 */
public final class AssistantSourceCounters
{
    private final EnumCounter<AssistantFetchOutcome> fetches = new EnumCounter<>(AssistantFetchOutcome.class);
    private final EnumCounter<AssistantFallback> fallbacks = new EnumCounter<>(AssistantFallback.class);

    void fetched(final AssistantFetchOutcome outcome)
    {
        fetches.increment(outcome);
    }

    void fellBack(final AssistantFallback to)
    {
        fallbacks.increment(to);
    }

    /**
     * @param outcome a fetch outcome.
     * @return fetches that ended so.
     */
    public long fetches(final AssistantFetchOutcome outcome)
    {
        return fetches.get(outcome);
    }

    /**
     * @param to a fallback.
     * @return calls that got it because their assistant could not be fetched.
     */
    public long fallbacks(final AssistantFallback to)
    {
        return fallbacks.get(to);
    }

    /**
     * Exposes {@code voxgate_assistant_fetches_total{outcome}} and {@code voxgate_assistant_fallbacks_total{to}}.
     *
     * @param registry the registry {@code /metrics} renders.
     */
    public void register(final PrometheusRegistry registry)
    {
        fetches.register(registry, "voxgate_assistant_fetches",
            "Assistant configuration fetches from the control plane (or local directory), by outcome.", "outcome");
        fallbacks.register(registry, "voxgate_assistant_fallbacks",
            "Calls whose assistant could not be fetched, by what they got instead.", "to");
    }
}
