package io.voxgate.orchestrator.provider;

/**
 * A speech-to-speech model (audio in, audio out, with its own turn detection and tool calls), configured for one
 * assistant.
 *
 * <p>Immutable and shared by all calls of the assistant; thread-safe.
 */
public interface SpeechToSpeechProvider
{
    /**
     * The provider's name as configured (e.g. {@code openai-realtime}).
     *
     * @return the name.
     */
    String name();

    /**
     * The caller audio the provider wants (μ-law 8 kHz passes Twilio audio through unchanged).
     *
     * @return the format.
     */
    AudioFormat inputFormat();

    /**
     * Opens the provider side of one call (its connection is made at once, in the background).
     *
     * @param call the call.
     * @return the call's session.
     */
    SpeechToSpeechSession open(CallContext call);
}
