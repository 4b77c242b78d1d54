package io.voxgate.server.metrics;

import java.util.function.UnaryOperator;

import org.HdrHistogram.Histogram;

/**
 * One latency distribution for export: the cumulative sum of the interval histograms taken from an HdrHistogram
 * recorder ({@code Recorder} or {@code SingleWriterRecorder}) that the measuring thread writes without allocating
 * or locking.
 *
 * <p>Threading: {@link #snapshot()} is called by scrapes, serialised by this object's lock; the recording threads
 * never take it (the recorder's interval swap is their only interaction).
 */
public final class LatencyHistogram
{
    private static final int SIGNIFICANT_DIGITS = 2;

    private final String name;
    private final String help;
    private final UnaryOperator<Histogram> intervals;
    private final Histogram cumulative = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram interval;

    /**
     * Creates the export of one recorder.
     *
     * @param name      Prometheus metric name without unit suffix, e.g. {@code voxgate_time_to_first_audio}.
     * @param help      one line saying what is measured, from which event to which.
     * @param intervals the recorder's {@code getIntervalHistogram(recycle)}, values in nanoseconds.
     */
    public LatencyHistogram(final String name, final String help, final UnaryOperator<Histogram> intervals)
    {
        this.name = name;
        this.help = help;
        this.intervals = intervals;
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
     * A copy of everything recorded so far (cumulative since creation), in nanoseconds.
     *
     * @return a new histogram the caller owns.
     */
    public synchronized Histogram snapshot()
    {
        interval = intervals.apply(interval);
        cumulative.add(interval);
        return cumulative.copy();
    }
}
