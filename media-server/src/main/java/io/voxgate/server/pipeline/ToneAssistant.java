package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;

import java.util.List;

/**
 * The built-in {@code tone} assistant: answers each caller turn with a short prompt-tone sequence (C5, E5, G5;
 * 150 ms each with 50 ms gaps, generated at 24 kHz like a TTS voice, so the egress 24 → 8 kHz path is used). It
 * needs no provider, so a deployment can check the whole media path, turn-taking and barge-in included.
 *
 * <p>It runs through the real orchestrator as the call's LLM and TTS: a {@code StartLlm} is answered with the text
 * "Tone reply." and done; each {@code SynthesizeSegment} with the tone chunks (100 ms each) and done. The reducer
 * decides everything else (when a turn ends, playout, marks, barge-in).
 *
 * <p>Immutable and shared; its sessions are owned by the orchestrator thread.
 */
public final class ToneAssistant implements AssistantBackend
{
    /** The name calls select it by. */
    public static final String NAME = "tone";
    /** Sample rate of the generated tones. */
    public static final int SAMPLE_RATE = 24000;

    private static final String REPLY_TEXT = "Tone reply.";
    private static final List<byte[]> TONES = PromptTones.chunks(
        PromptTones.notes(SAMPLE_RATE, new double[]{523.25, 659.25, 783.99}, 150, 50, 0.25), SAMPLE_RATE, 100);

    private final AssistantSettings settings;

    /**
     * The tone assistant with {@link #defaultSettings()}.
     */
    public ToneAssistant()
    {
        this(defaultSettings());
    }

    /**
     * The tone assistant with given settings.
     *
     * @param settings orchestrator settings of its calls.
     */
    public ToneAssistant(final AssistantSettings settings)
    {
        this.settings = settings;
    }

    /**
     * Settings for a provider-less assistant: no greeting, no system prompt, turns end 800 ms after speech (there
     * is no transcript to end them sooner), barge-in after 200 ms of speech, no resuming.
     *
     * @return the settings.
     */
    public static AssistantSettings defaultSettings()
    {
        return AssistantSettings.builder()
            .name(NAME)
            .systemPrompt("")
            .greeting("")
            .minEndpointingDelayMs(400)
            .maxEndpointingDelayMs(800)
            .minInterruptionDurationMs(200)
            .resumeFalseInterruption(false)
            .build();
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
        return (command, nowMs) ->
        {
            switch (command)
            {
                case Command.StartLlm llm ->
                {
                    events.post(new Event.LlmDelta(sessionId, nowMs, llm.runId(), llm.turn(), llm.step(),
                        REPLY_TEXT));
                    events.post(new Event.LlmDone(sessionId, nowMs, llm.runId(), llm.turn(), llm.step()));
                    return true;
                }
                case Command.SynthesizeSegment segment ->
                {
                    for (final byte[] chunk : TONES)
                    {
                        events.post(new Event.TtsAudio(sessionId, nowMs, segment.runId(), segment.turn(),
                            segment.segment(), SAMPLE_RATE, chunk));
                    }
                    events.post(new Event.TtsDone(sessionId, nowMs, segment.runId(), segment.turn(),
                        segment.segment()));
                    return true;
                }
                case Command.CancelLlm ignored ->
                {
                    // Answers are given at once: nothing is left to cancel.
                    return true;
                }
                case Command.CancelTts ignored ->
                {
                    return true;
                }
                default ->
                {
                    return false;
                }
            }
        };
    }
}
