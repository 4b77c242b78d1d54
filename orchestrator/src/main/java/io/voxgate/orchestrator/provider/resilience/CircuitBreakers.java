package io.voxgate.orchestrator.provider.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The circuit breakers of a process, one per provider endpoint (e.g. {@code openai-chat https://api.openai.com/v1}),
 * shared by every assistant and call that uses the endpoint.
 *
 * <p><b>Threading:</b> thread-safe.
 */
public final class CircuitBreakers
{
    private final LongSupplier clockMs;
    private final ProviderMetrics metrics;
    private final Map<String, CircuitBreaker> byEndpoint = new ConcurrentHashMap<>();

    /**
     * An empty set.
     *
     * @param clockMs the clock breakers measure cool-downs with.
     * @param metrics told of state changes.
     */
    public CircuitBreakers(final LongSupplier clockMs, final ProviderMetrics metrics)
    {
        this.clockMs = clockMs;
        this.metrics = metrics;
    }

    /**
     * The endpoint's breaker, created with these settings on first use.
     *
     * @param endpoint         the endpoint's key.
     * @param failureThreshold consecutive failures that open it.
     * @param coolDownMs       how long it stays open.
     * @return the breaker.
     */
    public CircuitBreaker forEndpoint(final String endpoint, final int failureThreshold, final long coolDownMs)
    {
        return byEndpoint.computeIfAbsent(endpoint,
            (key) -> new CircuitBreaker(key, failureThreshold, coolDownMs, clockMs, metrics));
    }
}
