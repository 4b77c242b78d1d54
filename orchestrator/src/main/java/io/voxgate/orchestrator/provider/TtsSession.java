package io.voxgate.orchestrator.provider;

import io.voxgate.orchestrator.model.Command;

/**
 * One call's side of a {@link TtsProvider}.
 *
 * <p>For each {@link Command.SynthesizeSegment} it publishes, with the command's run ID, turn and segment: one or
 * more {@code TtsAudio} chunks (PCM16 little-endian mono, each with its sample rate), then exactly one
 * {@code TtsDone}; or a {@code TtsFailed} instead of the remaining events; or nothing more once the run is
 * cancelled. Segments of one run are synthesized and published in segment order.
 *
 * <p><b>Threading:</b> methods are called by one thread at a time (the call's orchestrator thread) and never block
 * on I/O; events are published from the adapter's threads (see the package rules).
 */
public interface TtsSession extends AutoCloseable
{
    /**
     * Queues one segment; returns at once.
     *
     * @param command the segment: run, turn, segment index and text.
     */
    void synthesize(Command.SynthesizeSegment command);

    /**
     * Cancels all synthesis of the run: when this returns nothing more of it is published and its generation is
     * stopped (request cancelled or vendor context cancelled). Unknown or finished runs are ignored.
     *
     * @param runId the run.
     */
    void cancel(long runId);

    /**
     * Cancels everything and releases the call's connection. Nothing is published afterwards.
     */
    @Override
    void close();
}
