package io.voxgate.orchestrator.provider;

import org.agrona.DirectBuffer;

/**
 * One call's streaming recognition (opened by {@code StartAsr}, closed by {@code StopAsr} or the end of the call).
 *
 * <p>Publishes {@code TranscriptPartial} (interim, may change) and {@code TranscriptFinal} (several per turn are
 * normal) events; a recogniser with its own voice detection may publish {@code SpeechStarted} when configured to,
 * otherwise the pipeline's VAD is the only source of speech edges. Transcripts carry no run ID: they belong to the
 * call, not to a reply.
 *
 * <p><b>Threading:</b> methods are called by one thread at a time (the call's orchestrator thread);
 * {@link #audio} is called for every caller frame and must not block; a network adapter copies the bytes and sends
 * them from its own thread.
 */
public interface AsrSession extends AutoCloseable
{
    /**
     * Opens the recognition stream; returns at once.
     */
    void start();

    /**
     * One frame of caller audio in the provider's {@link AsrProvider#inputFormat()}. Dropped before
     * {@link #start()} or after {@link #stop()}.
     *
     * @param buffer the audio; read only during the call.
     * @param offset where the frame starts.
     * @param length its length in bytes.
     */
    void audio(DirectBuffer buffer, int offset, int length);

    /**
     * Ends the stream gracefully: the provider flushes what it heard (remaining finals are still published).
     */
    void stop();

    /**
     * Closes at once; nothing is published afterwards.
     */
    @Override
    void close();
}
