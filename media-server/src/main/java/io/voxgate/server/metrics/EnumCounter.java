package io.voxgate.server.metrics;

import java.util.concurrent.atomic.LongAdder;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * A family of counters keyed by an enum (exported as {@code name_total{label="..."}}): one {@link LongAdder} per
 * constant, so incrementing from many event-loop threads at once neither contends nor allocates.
 *
 * <p>Thread-safe. Every constant is exported from the start (at 0), so a dashboard sees the full set of kinds.
 *
 * @param <E> the enum naming the kinds.
 */
public final class EnumCounter<E extends Enum<E> & Labelled>
{
    private final E[] keys;
    private final LongAdder[] counts;

    /**
     * Creates the counters, all at 0.
     *
     * @param type the enum class.
     */
    public EnumCounter(final Class<E> type)
    {
        keys = type.getEnumConstants();
        counts = new LongAdder[keys.length];
        for (int i = 0; i < keys.length; i++)
        {
            counts[i] = new LongAdder();
        }
    }

    /**
     * Counts one occurrence. Allocation-free, any thread.
     *
     * @param key the kind.
     */
    public void increment(final E key)
    {
        counts[key.ordinal()].increment();
    }

    /**
     * The count so far.
     *
     * @param key the kind.
     * @return occurrences counted.
     */
    public long get(final E key)
    {
        return counts[key.ordinal()].sum();
    }

    /**
     * Exports the family, read at scrape time.
     *
     * @param registry  where to register.
     * @param name      metric name without {@code _total}.
     * @param help      what is counted.
     * @param labelName the label carrying the kind.
     */
    public void register(
        final PrometheusRegistry registry, final String name, final String help, final String labelName)
    {
        CounterWithCallback.builder()
            .name(name)
            .help(help)
            .labelNames(labelName)
            .callback(callback ->
            {
                for (int i = 0; i < keys.length; i++)
                {
                    callback.call(counts[i].sum(), keys[i].label());
                }
            })
            .register(registry);
    }
}
