package io.voxgate.server.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Registers metrics whose values are read from our own allocation-free counters at scrape time, so the media path
 * and the other hot threads never touch Prometheus objects.
 */
public final class CallbackMetrics
{
    private CallbackMetrics()
    {
    }

    /**
     * A counter read at scrape time.
     *
     * @param registry where to register.
     * @param name     metric name without {@code _total}.
     * @param help     what is counted.
     * @param source   the object holding the count.
     * @param read     reads the count (monotonic).
     * @param <T>      the source's type.
     */
    public static <T> void counter(final PrometheusRegistry registry, final String name, final String help,
        final T source, final ToLongFunction<T> read)
    {
        CounterWithCallback.builder()
            .name(name)
            .help(help)
            .callback(callback -> callback.call(read.applyAsLong(source)))
            .register(registry);
    }

    /**
     * A gauge read at scrape time.
     *
     * @param registry where to register.
     * @param name     metric name.
     * @param help     what is measured.
     * @param source   the object holding the value.
     * @param read     reads the value.
     * @param <T>      the source's type.
     */
    public static <T> void gauge(final PrometheusRegistry registry, final String name, final String help,
        final T source, final ToDoubleFunction<T> read)
    {
        GaugeWithCallback.builder()
            .name(name)
            .help(help)
            .callback(callback -> callback.call(read.applyAsDouble(source)))
            .register(registry);
    }
}
