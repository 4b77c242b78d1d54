package io.voxgate.orchestrator.provider;

import io.voxgate.orchestrator.model.Command;
import org.agrona.DirectBuffer;

/**
 * One call's side of a {@link SpeechToSpeechProvider}: caller audio streams in continuously; the model's replies
 * come back as the same events a cascaded pipeline produces.
 *
 * <p>Event mapping, for a reply the reducer started with {@link #respond}: audio as {@code TtsAudio} (segment 0 of
 * the run, at the provider's output rate) then {@code TtsDone}; the reply's transcript as {@code LlmDelta}s; tool
 * calls as {@code LlmToolCall} followed by {@code LlmDone}; the caller's speech as {@code SpeechStarted},
 * {@code TranscriptFinal}. Failures as {@code LlmFailed}.
 *
 * <p><b>Threading:</b> methods are called by one thread at a time (the call's orchestrator thread) and never block;
 * events are published from the adapter's threads.
 */
public interface SpeechToSpeechSession extends AutoCloseable
{
    /**
     * One frame of caller audio in the provider's input format.
     *
     * @param buffer the audio; read only during the call.
     * @param offset where the frame starts.
     * @param length its length in bytes.
     */
    void audio(DirectBuffer buffer, int offset, int length);

    /**
     * Asks the model for a reply under the command's run (its context is the model's own conversation, so
     * {@code context} serves only to send tool results that it does not know yet).
     *
     * @param command the run to answer under.
     */
    void respond(Command.StartLlm command);

    /**
     * Barge-in: cancels the run's reply and truncates the model's memory of it to what the caller heard.
     *
     * @param runId    the run.
     * @param playedMs milliseconds of the reply's audio the caller heard.
     */
    void interrupt(long runId, long playedMs);

    /**
     * Closes the connection; nothing is published afterwards.
     */
    @Override
    void close();
}
