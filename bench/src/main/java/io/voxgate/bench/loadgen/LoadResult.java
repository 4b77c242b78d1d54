package io.voxgate.bench.loadgen;

import java.util.Map;

/**
 * What a {@link LoadRun} measured.
 *
 * @param plan          what was run.
 * @param epoll         whether the client used native epoll.
 * @param stats         the generator's counts and histograms.
 * @param wallNanos     from the first connect until every call was over.
 * @param generatorCpu  the generator process's CPU time during the run, or {@code null} off Linux.
 * @param serverCpu     the server process's CPU time during the run, or {@code null} when its PID was not given.
 * @param metricsBefore the server's metrics before the run, or {@code null} when {@code /metrics} did not answer.
 * @param metricsAfter  the server's metrics after it, or {@code null}.
 * @param serverThreads the server's CPU time during the run by thread name (ns), empty when not known.
 */
record LoadResult(LoadPlan plan, boolean epoll, LoadStats stats, long wallNanos, ProcessCpu generatorCpu,
    ProcessCpu serverCpu, ServerMetrics metricsBefore, ServerMetrics metricsAfter, Map<String, Long> serverThreads)
{
    /** Tick lateness p99 above this makes a run invalid: the generator itself could not keep Twilio's pacing. */
    static final long MAX_LATENESS_P99_MICROS = 5_000;

    /**
     * @return whether the generator kept its 20 ms pacing (tick lateness p99 within 5 ms).
     */
    boolean pacingValid()
    {
        return stats.tickLateness.getValueAtPercentile(99) <= MAX_LATENESS_P99_MICROS;
    }

    /**
     * @return media frames the server counted as received during the run, or -1 when not scraped.
     */
    long serverFramesIn()
    {
        if (null == metricsBefore || null == metricsAfter)
        {
            return -1;
        }
        final double in = metricsAfter.delta(metricsBefore, "voxgate_media_frames_in_total");
        return Double.isNaN(in) ? -1 : Math.round(in);
    }

    /**
     * @return frames sent that the server did not receive (dropped or lost), or -1 when not known.
     */
    long lostFrames()
    {
        final long in = serverFramesIn();
        return in < 0 ? -1 : stats.framesSent - in;
    }

    /**
     * @return call-seconds of audio the run carried.
     */
    double callSeconds()
    {
        return stats.framesSent / 50.0;
    }
}
