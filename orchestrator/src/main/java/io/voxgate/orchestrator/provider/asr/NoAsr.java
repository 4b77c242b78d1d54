package io.voxgate.orchestrator.provider.asr;

import io.voxgate.orchestrator.provider.AsrProvider;
import io.voxgate.orchestrator.provider.AsrSession;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.CallContext;
import org.agrona.DirectBuffer;

/**
 * ASR {@code none}: no recognition. Turns are taken from the pipeline's VAD alone (the reducer ends a turn
 * {@code maxEndpointingDelayMs} after speech stops without a final transcript), so offline assistants converse by
 * turns with empty user messages. Publishes nothing, opens nothing.
 *
 * <p>Immutable, thread-safe; its session is stateless.
 */
public final class NoAsr implements AsrProvider, AsrSession
{
    /** The registry name. */
    public static final String NAME = "none";

    @Override
    public String name()
    {
        return NAME;
    }

    /**
     * μ-law at 8 kHz, the telephony form every slot already carries: no ASR reads the audio, so asking for
     * wideband PCM would only make the pipeline upsample every frame for nothing.
     */
    @Override
    public AudioFormat inputFormat()
    {
        return AudioFormat.MULAW_8K;
    }

    @Override
    public AsrSession open(final CallContext call)
    {
        return this;
    }

    @Override
    public void start()
    {
    }

    @Override
    public void audio(final DirectBuffer buffer, final int offset, final int length)
    {
    }

    @Override
    public void stop()
    {
    }

    @Override
    public void close()
    {
    }
}
