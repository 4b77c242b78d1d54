package io.voxgate.server.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Renders a registry in the Prometheus text exposition format (version 0.0.4), for our own {@code /metrics}
 * handler. Thread-safe; a scrape allocates (it runs off the event loops, every few seconds, never per frame).
 */
public final class PrometheusText
{
    /** The content type of the rendering. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * Renders this registry.
     *
     * @param registry the metrics to expose.
     */
    public PrometheusText(final PrometheusRegistry registry)
    {
        this.registry = registry;
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
            writer.write(out, registry.scrape());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
