package io.voxgate.orchestrator.provider;

import io.voxgate.orchestrator.provider.resilience.CircuitState;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test metrics: counts by label, circuit transitions in order, latency observations by kind.
 */
public final class RecordingMetrics implements ProviderMetrics
{
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<CircuitState> transitions = new ArrayList<>();

    @Override
    public void request(final String provider)
    {
        count("requests " + provider);
    }

    @Override
    public void error(final String provider, final ErrorKind kind)
    {
        count("errors " + provider + " " + kind.label());
    }

    @Override
    public synchronized void circuitState(final String endpoint, final CircuitState state)
    {
        transitions.add(state);
    }

    @Override
    public void latency(final String provider, final Latency latency, final long nanos)
    {
        count(latency.metricName() + " " + provider);
    }

    @Override
    public void tokens(final String provider, final long promptTokens, final long completionTokens)
    {
        counts.computeIfAbsent("prompt_tokens " + provider, (k) -> new AtomicLong()).addAndGet(promptTokens);
        counts.computeIfAbsent("completion_tokens " + provider, (k) -> new AtomicLong())
            .addAndGet(completionTokens);
    }

    /**
     * A count.
     *
     * @param label e.g. {@code requests openai}, {@code errors openai rate_limited}, {@code llm_ttft openai}.
     * @return its value.
     */
    public long get(final String label)
    {
        final AtomicLong value = counts.get(label);
        return null == value ? 0 : value.get();
    }

    /**
     * The circuit transitions so far.
     *
     * @return them, in order.
     */
    public synchronized List<CircuitState> transitions()
    {
        return List.copyOf(transitions);
    }

    /**
     * Waits (bounded) until a count reaches a value.
     *
     * @param label the label.
     * @param value the value.
     * @throws AssertionError when it does not within {@link RecordingSink#BOUND}.
     */
    public synchronized void awaitCount(final String label, final long value)
    {
        final long deadline = System.nanoTime() + RecordingSink.BOUND.toNanos();
        while (get(label) < value)
        {
            final long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0)
            {
                throw new AssertionError(label + " never reached " + value + ": " + counts);
            }
            try
            {
                wait(leftMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
        }
    }

    private void count(final String label)
    {
        counts.computeIfAbsent(label, (k) -> new AtomicLong()).incrementAndGet();
        synchronized (this)
        {
            notifyAll();
        }
    }
}
