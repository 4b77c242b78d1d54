package io.voxgate.server.pipeline;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The pipeline's latency histograms, in nanoseconds, as HdrHistogram interval recorders: the stages record without
 * allocating or locking, and the metrics exporter takes interval histograms ({@code getIntervalHistogram}) from its
 * own thread whenever it scrapes.
 *
 * <p>Values above {@link #HIGHEST_NANOS} are recorded as {@link #HIGHEST_NANOS} (a stalled call must not throw on a
 * stage thread). Negative values (a transport clock behind the pipeline's) are recorded as 0.
 *
 * <p><b>Threading:</b> {@link #dsp()} is written by every DSP shard (a multi-writer {@link Recorder}); the others by
 * one thread each ({@link SingleWriterRecorder}): orchestrator for {@link #orchestrator()} and {@link #turn()},
 * egress for {@link #egress()}, {@link #timeToFirstAudio()} and {@link #bargeInReaction()}. Reading is for one
 * exporter thread at a time.
 */
public final class PipelineLatencies
{
    /** Largest value recorded exactly: one minute. */
    public static final long HIGHEST_NANOS = 60_000_000_000L;

    private static final int DIGITS = 2;

    private final Recorder dsp = new Recorder(HIGHEST_NANOS, DIGITS);
    private final SingleWriterRecorder orchestrator = new SingleWriterRecorder(HIGHEST_NANOS, DIGITS);
    private final SingleWriterRecorder egress = new SingleWriterRecorder(HIGHEST_NANOS, DIGITS);
    private final SingleWriterRecorder timeToFirstAudio = new SingleWriterRecorder(HIGHEST_NANOS, DIGITS);
    private final SingleWriterRecorder bargeInReaction = new SingleWriterRecorder(HIGHEST_NANOS, DIGITS);
    private final SingleWriterRecorder turn = new SingleWriterRecorder(HIGHEST_NANOS, DIGITS);

    static long clamp(final long nanos)
    {
        return nanos < 0 ? 0 : Math.min(nanos, HIGHEST_NANOS);
    }

    /** @return media frame received by the event loop → DSP stage done. */
    public Recorder dsp()
    {
        return dsp;
    }

    /** @return media frame received by the event loop → handled by the orchestrator (the ingress latency). */
    public SingleWriterRecorder orchestrator()
    {
        return orchestrator;
    }

    /** @return egress command issued by the orchestrator → its messages handed to the transport. */
    public SingleWriterRecorder egress()
    {
        return egress;
    }

    /** @return end of the caller's turn (arrival of the frame where speech stopped, or of the DTMF key) → first
     * reply audio handed to the transport. */
    public SingleWriterRecorder timeToFirstAudio()
    {
        return timeToFirstAudio;
    }

    /** @return arrival of the frame where the caller's interrupting speech started → {@code clear} handed to the
     * transport. */
    public SingleWriterRecorder bargeInReaction()
    {
        return bargeInReaction;
    }

    /** @return end of the caller's turn → the reducer starting the reply (endpointing delay included). */
    public SingleWriterRecorder turn()
    {
        return turn;
    }
}
