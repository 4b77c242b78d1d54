package io.voxgate.server.pipeline;

import io.voxgate.dsp.vad.VadMode;

import java.nio.file.Path;

/**
 * Sizes and choices of a {@link MediaPipeline}, validated at construction so bad configuration fails at start-up.
 * The transport's configuration maps its environment variables and flags onto these.
 *
 * @param maxCalls         concurrent calls (session indices); per-session state is sized by it. Default 1024.
 * @param ingressRingSize  ingress slots, a power of two; at 50 frames/s per call, 8192 slots buffer 160 ms of
 *                         1,000 calls. Default 8192 (42 MiB off-heap).
 * @param egressRingSize   egress commands, a power of two. Default 8192.
 * @param dspThreads       DSP shards (a session's frames always go to shard {@code index % dspThreads}).
 *                         Default 1.
 * @param defaultAssistant the assistant for calls that name none (or an unknown one). Default {@code parrot}.
 * @param vadMode          VAD aggressiveness. Default {@link VadMode#AGGRESSIVE} (telephony).
 * @param sessionLogDir    directory for per-call session logs, or {@code null} (default) for none.
 * @param sessionLogQueue  entries the orchestrator may queue for the session log thread, a power of two; when full,
 *                         the affected calls' logs are marked incomplete. Default 16384 (a few seconds of events
 *                         of a thousand calls).
 */
public record PipelineSettings(
    int maxCalls, int ingressRingSize, int egressRingSize, int dspThreads, String defaultAssistant, VadMode vadMode,
    Path sessionLogDir, int sessionLogQueue)
{
    /**
     * Validates.
     *
     * @param maxCalls         concurrent calls.
     * @param ingressRingSize  ingress slots.
     * @param egressRingSize   egress commands.
     * @param dspThreads       DSP shards.
     * @param defaultAssistant default assistant name.
     * @param vadMode          VAD mode.
     * @param sessionLogDir    session log directory, or {@code null}.
     * @param sessionLogQueue  session log queue entries.
     */
    public PipelineSettings
    {
        if (maxCalls < 1)
        {
            throw new IllegalArgumentException("maxCalls must be at least 1: " + maxCalls);
        }
        requirePowerOfTwo(ingressRingSize, "ingressRingSize");
        requirePowerOfTwo(egressRingSize, "egressRingSize");
        requirePowerOfTwo(sessionLogQueue, "sessionLogQueue");
        if (dspThreads < 1 || dspThreads > 64)
        {
            throw new IllegalArgumentException("dspThreads must be 1..64: " + dspThreads);
        }
        if (null == defaultAssistant || null == vadMode)
        {
            throw new IllegalArgumentException("defaultAssistant and vadMode are required");
        }
    }

    /**
     * The defaults.
     *
     * @return settings with every default.
     */
    public static PipelineSettings defaults()
    {
        return new PipelineSettings(1024, 8192, 8192, 1, "parrot", VadMode.AGGRESSIVE, null, 16384);
    }

    /**
     * @param value concurrent calls.
     * @return a copy with {@code maxCalls} changed.
     */
    public PipelineSettings withMaxCalls(final int value)
    {
        return new PipelineSettings(value, ingressRingSize, egressRingSize, dspThreads, defaultAssistant, vadMode,
            sessionLogDir, sessionLogQueue);
    }

    /**
     * @param value ingress ring size.
     * @return a copy with {@code ingressRingSize} changed.
     */
    public PipelineSettings withIngressRingSize(final int value)
    {
        return new PipelineSettings(maxCalls, value, egressRingSize, dspThreads, defaultAssistant, vadMode,
            sessionLogDir, sessionLogQueue);
    }

    /**
     * @param value egress ring size.
     * @return a copy with {@code egressRingSize} changed.
     */
    public PipelineSettings withEgressRingSize(final int value)
    {
        return new PipelineSettings(maxCalls, ingressRingSize, value, dspThreads, defaultAssistant, vadMode,
            sessionLogDir, sessionLogQueue);
    }

    /**
     * @param value DSP shards.
     * @return a copy with {@code dspThreads} changed.
     */
    public PipelineSettings withDspThreads(final int value)
    {
        return new PipelineSettings(maxCalls, ingressRingSize, egressRingSize, value, defaultAssistant, vadMode,
            sessionLogDir, sessionLogQueue);
    }

    /**
     * @param value default assistant name.
     * @return a copy with {@code defaultAssistant} changed.
     */
    public PipelineSettings withDefaultAssistant(final String value)
    {
        return new PipelineSettings(maxCalls, ingressRingSize, egressRingSize, dspThreads, value, vadMode,
            sessionLogDir, sessionLogQueue);
    }

    /**
     * @param value VAD mode.
     * @return a copy with {@code vadMode} changed.
     */
    public PipelineSettings withVadMode(final VadMode value)
    {
        return new PipelineSettings(maxCalls, ingressRingSize, egressRingSize, dspThreads, defaultAssistant, value,
            sessionLogDir, sessionLogQueue);
    }

    /**
     * @param value session log directory, or {@code null} for none.
     * @return a copy with {@code sessionLogDir} changed.
     */
    public PipelineSettings withSessionLogDir(final Path value)
    {
        return new PipelineSettings(maxCalls, ingressRingSize, egressRingSize, dspThreads, defaultAssistant, vadMode,
            value, sessionLogQueue);
    }

    /**
     * @param value session log queue entries.
     * @return a copy with {@code sessionLogQueue} changed.
     */
    public PipelineSettings withSessionLogQueue(final int value)
    {
        return new PipelineSettings(maxCalls, ingressRingSize, egressRingSize, dspThreads, defaultAssistant, vadMode,
            sessionLogDir, value);
    }

    private static void requirePowerOfTwo(final int value, final String name)
    {
        if (value < 8 || Integer.bitCount(value) != 1)
        {
            throw new IllegalArgumentException(name + " must be a power of two >= 8: " + value);
        }
    }
}
