package io.voxgate.server.assistant;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.registry.AssistantProviders;
import io.voxgate.server.pipeline.AssistantBackend;
import io.voxgate.server.pipeline.BackendSession;
import io.voxgate.server.pipeline.CallStart;
import io.voxgate.server.pipeline.EventPoster;

import java.util.Map;

/**
 * An assistant configured in YAML ({@code config/assistants/ID.yaml}) and run by its providers: per call it opens the
 * providers' sessions ({@link AssistantProviders#open}), routes the reducer's provider commands to them and feeds
 * them the caller's audio in the format the ASR (or the speech-to-speech model) asks for; the providers answer
 * through the call's {@link EventPoster}. A call's settings and template variables come from its custom parameters
 * ({@link AssistantProviders#settingsFor}).
 *
 * <p>Immutable and shared by all calls; {@link #open} runs on the orchestrator thread.
 */
public final class ProviderAssistant implements AssistantBackend
{
    private final AssistantProviders providers;
    private final AssistantSettings settings;
    private final boolean muLawAudio;

    /**
     * Wraps an assistant's providers.
     *
     * @param providers the providers, built once at start-up.
     * @throws IllegalArgumentException when the ASR (or speech-to-speech model) wants audio the pipeline does not
     *                                  have (only μ-law 8 kHz, as received, and PCM16 16 kHz, as analysed, exist).
     */
    public ProviderAssistant(final AssistantProviders providers)
    {
        final AudioFormat format = providers.callerAudioFormat();
        if (!format.equals(AudioFormat.MULAW_8K) && !format.equals(AudioFormat.PCM16_16K))
        {
            final String consumer = null == providers.speechToSpeech() ? "asr " + providers.asr().name() :
                "speechToSpeech " + providers.speechToSpeech().name();
            throw new IllegalArgumentException("assistant " + providers.config().id() + ": " + consumer +
                " wants " + format + "; the pipeline has " + AudioFormat.MULAW_8K + " and " + AudioFormat.PCM16_16K);
        }
        this.providers = providers;
        this.settings = providers.settingsFor(Map.of());
        this.muLawAudio = format.equals(AudioFormat.MULAW_8K);
    }

    /**
     * @return the providers this assistant runs.
     */
    public AssistantProviders providers()
    {
        return providers;
    }

    @Override
    public String name()
    {
        return providers.config().id();
    }

    @Override
    public AssistantSettings settings()
    {
        return settings;
    }

    @Override
    public boolean needsWidebandAudio()
    {
        return !muLawAudio;
    }

    @Override
    public AssistantSettings settingsFor(final CallStart start)
    {
        return providers.settingsFor(start.customParameters());
    }

    @Override
    public BackendSession open(final String sessionId, final EventPoster events)
    {
        return new ProviderCallSession(providers.open(sessionId, new PosterSink(events), Map.of()), muLawAudio);
    }

    @Override
    public BackendSession open(final CallStart start, final String sessionId, final EventPoster events)
    {
        return new ProviderCallSession(providers.open(sessionId, new PosterSink(events), start.customParameters()),
            muLawAudio);
    }
}
