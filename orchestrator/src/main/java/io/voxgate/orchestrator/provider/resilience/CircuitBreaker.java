package io.voxgate.orchestrator.provider.resilience;

import java.util.function.LongSupplier;

/**
 * A circuit breaker for one provider endpoint: opens after {@code failureThreshold} consecutive failures, fails fast
 * while open, and after {@code coolDownMs} (by the injected clock) lets one trial request through.
 *
 * <p><b>Threading:</b> thread-safe (synchronized; a few field updates per request).
 */
public final class CircuitBreaker
{
    private final String endpoint;
    private final int failureThreshold;
    private final long coolDownMs;
    private final LongSupplier clockMs;
    private final ProviderMetrics metrics;
    private CircuitState state = CircuitState.CLOSED;
    private int consecutiveFailures;
    private long openedAtMs;
    private boolean trialInFlight;

    /**
     * A closed breaker.
     *
     * @param endpoint         the endpoint's name for metrics (e.g. {@code openai https://api.openai.com/v1}).
     * @param failureThreshold consecutive failures that open it, at least 1.
     * @param coolDownMs       how long it stays open before a trial.
     * @param clockMs          the clock, milliseconds.
     * @param metrics          told of every state change.
     */
    public CircuitBreaker(final String endpoint, final int failureThreshold, final long coolDownMs,
        final LongSupplier clockMs, final ProviderMetrics metrics)
    {
        if (failureThreshold < 1 || coolDownMs < 0)
        {
            throw new IllegalArgumentException("bad circuit breaker: threshold " + failureThreshold + ", cool-down " +
                coolDownMs);
        }
        this.endpoint = endpoint;
        this.failureThreshold = failureThreshold;
        this.coolDownMs = coolDownMs;
        this.clockMs = clockMs;
        this.metrics = metrics;
    }

    /**
     * Asks to send a request.
     *
     * @return true when it may be sent; false to fail fast.
     */
    public synchronized boolean tryAcquire()
    {
        if (state == CircuitState.OPEN && clockMs.getAsLong() - openedAtMs >= coolDownMs)
        {
            moveTo(CircuitState.HALF_OPEN);
        }
        return switch (state)
        {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN ->
            {
                if (trialInFlight)
                {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    /**
     * The acquired request succeeded (or failed in a way that says nothing against the endpoint).
     */
    public synchronized void onSuccess()
    {
        consecutiveFailures = 0;
        trialInFlight = false;
        if (state != CircuitState.CLOSED)
        {
            moveTo(CircuitState.CLOSED);
        }
    }

    /**
     * The acquired request failed because of the endpoint.
     */
    public synchronized void onFailure()
    {
        trialInFlight = false;
        consecutiveFailures++;
        if (state == CircuitState.HALF_OPEN || (state == CircuitState.CLOSED && consecutiveFailures >=
            failureThreshold))
        {
            openedAtMs = clockMs.getAsLong();
            moveTo(CircuitState.OPEN);
        }
    }

    /**
     * The acquired request was cancelled before it told anything about the endpoint.
     */
    public synchronized void onAbandoned()
    {
        trialInFlight = false;
    }

    /**
     * The current state (for metrics and tests).
     *
     * @return the state, as of the last request.
     */
    public synchronized CircuitState state()
    {
        return state;
    }

    /**
     * The endpoint's name.
     *
     * @return the name given at construction.
     */
    public String endpoint()
    {
        return endpoint;
    }

    private void moveTo(final CircuitState next)
    {
        state = next;
        metrics.circuitState(endpoint, next);
    }
}
