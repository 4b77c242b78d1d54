package io.voxgate.orchestrator.provider.deepgram;

import io.voxgate.orchestrator.provider.AudioFormat;

/**
 * The live-transcription options of a Deepgram connection (query parameters of {@code /v1/listen}).
 *
 * @param url            the listen URL, default {@code wss://api.deepgram.com/v1/listen}.
 * @param model          e.g. {@code nova-3}.
 * @param format         the audio sent: PCM16 16 kHz ({@code linear16}) or μ-law 8 kHz ({@code mulaw}).
 * @param endpointingMs  silence that ends an utterance ({@code speech_final}); 0 sends {@code false}.
 * @param utteranceEndMs gap that produces {@code UtteranceEnd}.
 * @param vadEvents      whether Deepgram's {@code SpeechStarted} becomes a speech event (off: the pipeline's VAD
 *                       decides).
 * @param keepAliveMs    a {@code KeepAlive} is sent when no audio went out for this long (Deepgram closes an idle
 *                       socket after 10 s).
 */
public record DeepgramSettings(String url, String model, AudioFormat format, long endpointingMs, long utteranceEndMs,
    boolean vadEvents, long keepAliveMs)
{
    /** The default endpoint. */
    public static final String DEFAULT_URL = "wss://api.deepgram.com/v1/listen";

    /**
     * Validates.
     *
     * @param url            required.
     * @param model          required.
     * @param format         PCM16 16 kHz or μ-law 8 kHz.
     * @param endpointingMs  not negative.
     * @param utteranceEndMs at least 1000 (Deepgram's minimum).
     * @param vadEvents      flag.
     * @param keepAliveMs    positive.
     */
    public DeepgramSettings
    {
        if (!format.equals(AudioFormat.PCM16_16K) && !format.equals(AudioFormat.MULAW_8K))
        {
            throw new IllegalArgumentException("deepgram takes linear16 16 kHz or mulaw 8 kHz, not " + format);
        }
        if (endpointingMs < 0 || utteranceEndMs < 1000 || keepAliveMs <= 0)
        {
            throw new IllegalArgumentException("bad deepgram timing: endpointing " + endpointingMs +
                ", utterance_end_ms " + utteranceEndMs + ", keep-alive " + keepAliveMs);
        }
    }

    /**
     * The full listen URL with its query.
     *
     * @return e.g. {@code wss://api.deepgram.com/v1/listen?model=nova-3&encoding=linear16&...}.
     */
    public String listenUrl()
    {
        final boolean pcm = format.encoding() == AudioFormat.Encoding.PCM16_LE;
        return url + "?model=" + model +
            "&encoding=" + (pcm ? "linear16" : "mulaw") +
            "&sample_rate=" + format.sampleRate() +
            "&channels=1&interim_results=true" +
            "&endpointing=" + (endpointingMs == 0 ? "false" : Long.toString(endpointingMs)) +
            "&utterance_end_ms=" + utteranceEndMs +
            "&vad_events=" + vadEvents +
            "&smart_format=true";
    }

    /**
     * Milliseconds of audio in a number of bytes of the format.
     *
     * @param bytes the bytes.
     * @return the duration.
     */
    long millisOf(final long bytes)
    {
        final long bytesPerSecond = (long)format.sampleRate() *
            (format.encoding() == AudioFormat.Encoding.PCM16_LE ? 2 : 1);
        return bytes * 1000 / bytesPerSecond;
    }
}
