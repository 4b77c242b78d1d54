package io.voxgate.server.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generated prompt tones for the built-in assistants: sine notes with raised-cosine ramps (no clicks) and silent
 * gaps, as PCM16 little-endian mono, cut into chunks as a TTS would stream them. Generated once and shared: the
 * chunks are never written after creation, which is what lets every call hand the same arrays to the egress
 * thread.
 */
final class PromptTones
{
    private static final double RAMP_SECONDS = 0.005;

    private PromptTones()
    {
    }

    /**
     * A sequence of notes.
     *
     * @param sampleRate   samples per second.
     * @param frequencies  one frequency in Hz per note.
     * @param noteMillis   each note's length.
     * @param gapMillis    silence after each note.
     * @param amplitude    peak amplitude as a fraction of full scale.
     * @return PCM16 little-endian samples.
     */
    static byte[] notes(final int sampleRate, final double[] frequencies, final int noteMillis, final int gapMillis,
        final double amplitude)
    {
        final int noteSamples = sampleRate * noteMillis / 1000;
        final int gapSamples = sampleRate * gapMillis / 1000;
        final int ramp = (int)(sampleRate * RAMP_SECONDS);
        final byte[] pcm = new byte[2 * frequencies.length * (noteSamples + gapSamples)];
        int at = 0;
        for (final double frequency : frequencies)
        {
            for (int i = 0; i < noteSamples; i++)
            {
                final int edge = Math.min(i, noteSamples - 1 - i);
                final double gain = edge >= ramp ? 1.0 : 0.5 - 0.5 * Math.cos(Math.PI * edge / ramp);
                final int sample = (int)Math.round(
                    32767 * amplitude * gain * Math.sin(2 * Math.PI * frequency * i / sampleRate));
                pcm[at++] = (byte)sample;
                pcm[at++] = (byte)(sample >> 8);
            }
            at += 2 * gapSamples;
        }
        return pcm;
    }

    /**
     * Cuts audio into chunks of {@code chunkMillis} (the last may be shorter).
     *
     * @param pcm         PCM16 samples.
     * @param sampleRate  their rate.
     * @param chunkMillis chunk length.
     * @return the chunks, in order.
     */
    static List<byte[]> chunks(final byte[] pcm, final int sampleRate, final int chunkMillis)
    {
        final int chunkBytes = 2 * sampleRate * chunkMillis / 1000;
        final List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += chunkBytes)
        {
            chunks.add(Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + chunkBytes)));
        }
        return List.copyOf(chunks);
    }
}
