package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.AssistantSettings;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What distinguishes a client (browser or app, WS v1) session from a phone call inside the pipeline: its reply audio
 * goes out as PCM16 binary frames at {@code outputSampleRate}, its typed events (transcripts, assistant text, speech
 * edges, tool calls) are sent to it, and it may override some assistant settings.
 *
 * @param outputSampleRate rate of the reply audio the client plays: 16000, 24000 or 48000.
 * @param overrides        applied to the assistant's settings when the session starts (identity for none).
 */
public record ClientOptions(int outputSampleRate, UnaryOperator<AssistantSettings> overrides)
{
    /**
     * Validates.
     *
     * @param outputSampleRate output rate.
     * @param overrides        settings overrides.
     */
    public ClientOptions
    {
        if (outputSampleRate != 16000 && outputSampleRate != 24000 && outputSampleRate != 48000)
        {
            throw new IllegalArgumentException("output sample rate must be 16000, 24000 or 48000: " +
                outputSampleRate);
        }
        Objects.requireNonNull(overrides, "overrides");
    }
}
