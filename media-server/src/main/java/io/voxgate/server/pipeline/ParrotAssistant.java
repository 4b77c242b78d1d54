package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.AssistantSettings;

/**
 * The built-in {@code parrot} assistant: records each caller utterance (from the VAD's speech onset to its last
 * voiced frame before the turn ends) and plays it back as the reply; talking over the playback interrupts it like
 * any reply (the reducer's barge-in clears it). It needs no provider, so it is what the load generator calls.
 *
 * <p>It runs through the real orchestrator as the call's LLM and TTS (see {@link ParrotSession}).
 *
 * <p>Immutable and shared; its sessions are owned by the orchestrator thread.
 */
public final class ParrotAssistant implements AssistantBackend
{
    /** The name calls select it by. */
    public static final String NAME = "parrot";
    /** Longest utterance recorded by default; the rest of a longer one is not played back. */
    public static final int DEFAULT_MAX_UTTERANCE_MS = 10_000;

    private final AssistantSettings settings;
    private final int maxUtteranceBytes;

    /**
     * The parrot with {@link #defaultSettings()} and {@value #DEFAULT_MAX_UTTERANCE_MS} ms utterances.
     */
    public ParrotAssistant()
    {
        this(defaultSettings(), DEFAULT_MAX_UTTERANCE_MS);
    }

    /**
     * A parrot with given settings.
     *
     * @param settings        orchestrator settings of its calls.
     * @param maxUtteranceMs  longest utterance recorded (8 bytes of μ-law per ms are allocated per call).
     */
    public ParrotAssistant(final AssistantSettings settings, final int maxUtteranceMs)
    {
        if (maxUtteranceMs < 20)
        {
            throw new IllegalArgumentException("maxUtteranceMs must be at least 20: " + maxUtteranceMs);
        }
        this.settings = settings;
        this.maxUtteranceBytes = 8 * maxUtteranceMs;
    }

    /**
     * Settings for a provider-less assistant: no greeting, no system prompt, turns end 800 ms after speech (there
     * is no transcript to end them sooner), barge-in after 200 ms of speech, no resuming of an interrupted echo.
     *
     * @return the settings.
     */
    public static AssistantSettings defaultSettings()
    {
        return ToneAssistant.defaultSettings().toBuilder().name(NAME).build();
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public AssistantSettings settings()
    {
        return settings;
    }

    @Override
    public BackendSession open(final String sessionId, final EventPoster events)
    {
        return new ParrotSession(sessionId, events, maxUtteranceBytes);
    }
}
