package io.voxgate.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A microphone recording for Chromium's fake capture device ({@code --use-file-for-fake-audio-capture}): a plain
 * PCM16 mono WAV of digital silence and speech-like voiced audio (syllables of changing vowels and pitch, see
 * {@link #speech}) at a microphone's 48 kHz, so the page's resampler does real work.
 */
final class FakeMicrophoneWav
{
    static final int SAMPLE_RATE = 48_000;
    private static final int HEADER_BYTES = 44;
    /** Raised-cosine fade in and out of each utterance: a hard cut is a click, which a VAD may hear as a blip. */
    private static final int FADE_SAMPLES = SAMPLE_RATE * 30 / 1000;
    private static final double SYLLABLE_SECONDS = 0.23;
    private static final double[][] VOWELS = {
        {730, 1090, 2440}, {270, 2290, 3010}, {300, 870, 2240}, {530, 1840, 2480}, {570, 840, 2410}};

    private final ByteBuffer pcm;

    /**
     * A recording of at most {@code maxSeconds}.
     *
     * @param maxSeconds capacity.
     */
    FakeMicrophoneWav(final int maxSeconds)
    {
        pcm = ByteBuffer.allocate(maxSeconds * SAMPLE_RATE * 2).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends {@code millis} of digital silence. */
    FakeMicrophoneWav silence(final int millis)
    {
        for (int n = millis * SAMPLE_RATE / 1000; n > 0; n--)
        {
            pcm.putShort((short)0);
        }
        return this;
    }

    /**
     * Appends {@code millis} of voiced speech-like audio faded in and out over 30 ms: syllables of about 230 ms, each
     * a vowel (five formant sets, F1-F3 of /a/ /i/ /u/ /e/ /o/) on a harmonic source whose pitch glides between about
     * 75 and 145 Hz, with a syllabic envelope that dips to a quarter between syllables but never to silence.
     * {@code seed} changes the vowel order and intonation so two utterances differ.
     *
     * <p>Why not a steady vowel: the server's VAD tracks each band's noise floor by minimum statistics over 1 to
     * 1.5 s, so a signal whose spectrum never changes is taken for noise after about two seconds (the utterance
     * splits, and a wordless barge-in whose last part is short counts as a false interruption). Speech changes
     * vowel several times a second; so does this.
     */
    FakeMicrophoneWav speech(final int millis, final int seed)
    {
        final int samples = millis * SAMPLE_RATE / 1000;
        double phase = 0;
        for (int n = 0; n < samples; n++)
        {
            final double u = (double)n / SAMPLE_RATE;
            final int syllable = (int)(u / SYLLABLE_SECONDS);
            final double within = (u - syllable * SYLLABLE_SECONDS) / SYLLABLE_SECONDS;
            final double[] formants = VOWELS[(syllable * 3 + seed) % VOWELS.length];
            final double pitch = 110 + 25 * Math.sin(2 * Math.PI * 0.7 * u + seed) +
                10 * Math.sin(2 * Math.PI * 3.1 * u);
            phase += 2 * Math.PI * pitch / SAMPLE_RATE;
            final double envelope = 0.25 + 0.75 * Math.pow(Math.sin(Math.PI * within), 0.7) *
                (0.7 + 0.3 * Math.sin(1.3 * syllable + seed));
            double s = 0;
            for (int h = 1; h * pitch < 3800; h++)
            {
                final double f = h * pitch;
                final double gain = Math.exp(-Math.pow((f - formants[0]) / 120, 2)) +
                    0.5 * Math.exp(-Math.pow((f - formants[1]) / 150, 2)) +
                    0.25 * Math.exp(-Math.pow((f - formants[2]) / 200, 2)) + 0.02;
                s += gain * Math.sin(h * phase);
            }
            final int edge = Math.min(n, samples - 1 - n);
            final double fade = edge >= FADE_SAMPLES ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge / FADE_SAMPLES);
            pcm.putShort((short)Math.max(-32768, Math.min(32767, Math.round(5000 * fade * envelope * s))));
        }
        return this;
    }

    /** Writes the recording as a RIFF/WAVE file (PCM, 16-bit, mono). */
    void write(final Path file) throws IOException
    {
        final int dataBytes = pcm.position();
        final ByteBuffer wav = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
            .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
            .putInt(16).putShort((short)1).putShort((short)1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2)
            .putShort((short)2).putShort((short)16)
            .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes)
            .put(pcm.array(), 0, dataBytes);
        Files.write(file, wav.array());
    }
}
