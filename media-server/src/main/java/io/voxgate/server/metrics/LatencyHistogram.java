package io.voxgate.server.metrics;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution recorded with HdrHistogram and exported as a Prometheus histogram (in seconds).
 *
 * <p>Threading: {@link #recordNanos(long)} may be called from any number of threads at once; it is wait-free and
 * allocates nothing (an HdrHistogram {@link Recorder}). {@link #snapshot()} is called by the scrape thread: it
 * swaps the recorder's interval histogram and folds it into a cumulative one, under this object's lock, which the
 * recording threads never take.
 *
 * <p>Values are tracked from 1 µs resolution up to one hour with 2 significant digits; larger values are clamped
 * to one hour, negative ones (clock steps) to 0, so a bad timestamp never throws on the media path.
 */
public final class LatencyHistogram
{
    private static final long LOWEST_DISCERNIBLE_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 2;

    private final String name;
    private final String help;
    private final Recorder recorder =
        new Recorder(LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram cumulative =
        new Histogram(LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private Histogram interval;

    /**
     * Creates a histogram.
     *
     * @param name Prometheus metric name without unit suffix, e.g. {@code voxgate_time_to_first_audio}.
     * @param help one line saying what is measured, from which event to which.
     */
    public LatencyHistogram(final String name, final String help)
    {
        this.name = name;
        this.help = help;
    }

    /**
     * Records one latency. Wait-free, allocation-free, callable from any thread.
     *
     * @param nanos the latency in nanoseconds.
     */
    public void recordNanos(final long nanos)
    {
        recorder.recordValue(nanos < 0 ? 0 : Math.min(nanos, HIGHEST_TRACKABLE_NANOS));
    }

    /** @return the metric name without unit suffix. */
    public String name()
    {
        return name;
    }

    /** @return the metric's help text. */
    public String help()
    {
        return help;
    }

    /**
     * A copy of everything recorded so far (cumulative since creation), for export or tests.
     *
     * @return a new histogram the caller owns.
     */
    public synchronized Histogram snapshot()
    {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative.copy();
    }
}
