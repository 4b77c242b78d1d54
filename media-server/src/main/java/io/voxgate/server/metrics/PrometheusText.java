package io.voxgate.server.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Renders registries in the Prometheus text exposition format (version 0.0.4), for our own {@code /metrics}
 * handler: the server's own registry and the process-wide one of JVM metrics. Thread-safe; a scrape allocates (it
 * runs off the event loops, every few seconds, never per frame).
 */
public final class PrometheusText
{
    /** The content type of the rendering. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry[] registries;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * Renders these registries, one after the other (their metric names must not overlap).
     *
     * @param registries the metrics to expose.
     */
    public PrometheusText(final PrometheusRegistry... registries)
    {
        this.registries = registries.clone();
    }

    /**
     * Collects every metric now and renders it.
     *
     * @return the exposition as UTF-8 bytes.
     */
    public byte[] scrape()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try
        {
            final MetricSnapshots.Builder all = MetricSnapshots.builder();
            for (final PrometheusRegistry registry : registries)
            {
                for (final MetricSnapshot snapshot : registry.scrape())
                {
                    all.metricSnapshot(snapshot);
                }
            }
            writer.write(out, all.build());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
