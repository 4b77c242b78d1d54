package io.voxgate.server.assistant;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.provider.registry.CallProviders;
import io.voxgate.server.pipeline.BackendSession;
import io.voxgate.server.pipeline.IngressSlot;

/**
 * One call of a {@link ProviderAssistant}: the pipeline's side of the call's {@link CallProviders}.
 *
 * <p>Caller audio goes to the ASR as the slot holds it, without copying: the μ-law payload as received (8 kHz) or the
 * PCM16 16 kHz region the DSP stage filled, whichever the ASR asked for. Provider commands go to
 * {@link CallProviders#execute}; playout, timers and hang-up never reach here (the orchestrator stage handles them),
 * and transcript/summary commands are not provider work (reported as not handled).
 *
 * <p>Owned by the orchestrator thread (see {@link BackendSession}).
 */
final class ProviderCallSession implements BackendSession
{
    private final CallProviders call;
    private final boolean muLawAudio;

    ProviderCallSession(final CallProviders call, final boolean muLawAudio)
    {
        this.call = call;
        this.muLawAudio = muLawAudio;
    }

    @Override
    public void onCallerAudio(final IngressSlot slot)
    {
        if (muLawAudio)
        {
            call.audio(slot.buffer(), slot.payloadOffset(), slot.payloadLength());
        }
        else
        {
            call.audio(slot.buffer(), slot.pcm16kOffset(), 2 * slot.pcm16kSamples());
        }
    }

    @Override
    public boolean execute(final Command command, final long nowMs)
    {
        return call.execute(command);
    }

    @Override
    public void close()
    {
        call.close();
    }
}
