package io.voxgate.server.metrics;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.HdrHistogram.Histogram;

/**
 * Exports {@link LatencyHistogram}s as Prometheus classic histograms at scrape time: HdrHistogram keeps the
 * precise distribution (2 significant digits), the export folds it into fixed buckets from 50 µs to 10 s so that
 * Prometheus can aggregate across instances. The exported {@code _sum} is HdrHistogram's mean times the count
 * (exact to the histogram's resolution).
 *
 * <p>Thread-safe: scrapes may run on any thread.
 */
public final class LatencyHistogramCollector implements MultiCollector
{
    /** Bucket upper bounds in seconds: sub-millisecond detail for the ring stages, seconds for turn latency. */
    static final double[] BUCKETS_SECONDS = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
        Double.POSITIVE_INFINITY};

    private static final double NANOS_PER_SECOND = 1e9;

    private final List<LatencyHistogram> histograms;

    /**
     * Creates the collector.
     *
     * @param histograms the histograms to export, each under its own name with the {@code _seconds} unit.
     */
    public LatencyHistogramCollector(final List<LatencyHistogram> histograms)
    {
        this.histograms = List.copyOf(histograms);
    }

    @Override
    public MetricSnapshots collect()
    {
        final List<MetricSnapshot> snapshots = new ArrayList<>(histograms.size());
        for (final LatencyHistogram latency : histograms)
        {
            snapshots.add(toPrometheus(latency));
        }
        return new MetricSnapshots(snapshots);
    }

    @Override
    public List<String> getPrometheusNames()
    {
        final List<String> names = new ArrayList<>(histograms.size());
        for (final LatencyHistogram latency : histograms)
        {
            names.add(latency.name() + "_seconds");
        }
        return names;
    }

    private static HistogramSnapshot toPrometheus(final LatencyHistogram latency)
    {
        final Histogram histogram = latency.snapshot();
        final long[] counts = new long[BUCKETS_SECONDS.length];
        long below = 0;
        for (int i = 0; i < BUCKETS_SECONDS.length - 1; i++)
        {
            final long upperNanos = (long)(BUCKETS_SECONDS[i] * NANOS_PER_SECOND);
            final long cumulative = histogram.getTotalCount() == 0 ? 0 :
                histogram.getCountBetweenValues(0, upperNanos);
            counts[i] = cumulative - below;
            below = cumulative;
        }
        counts[counts.length - 1] = histogram.getTotalCount() - below;
        final double sumSeconds = histogram.getTotalCount() == 0 ? 0 :
            histogram.getMean() * histogram.getTotalCount() / NANOS_PER_SECOND;
        return HistogramSnapshot.builder()
            .name(latency.name() + "_seconds")
            .help(latency.help())
            .unit(Unit.SECONDS)
            .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(BUCKETS_SECONDS, counts))
                .sum(sumSeconds)
                .build())
            .build();
    }
}
