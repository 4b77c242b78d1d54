package io.voxgate.server;

import java.util.Arrays;
import java.util.Base64;

import io.voxgate.codec.g711.MuLaw;

/**
 * Caller audio as Twilio sends it: 20 ms frames of 160 μ-law bytes. Silence is 0xFF; "speech" is a voiced,
 * formant-shaped harmonic signal with pitch and syllable modulation that the VAD detects (the same construction
 * as the pipeline's own tests).
 */
final class TestAudio
{
    static final int FRAME_BYTES = 160;

    private TestAudio()
    {
    }

    static byte[] silence(final int frames)
    {
        final byte[] mulaw = new byte[frames * FRAME_BYTES];
        Arrays.fill(mulaw, MuLaw.SILENCE);
        return mulaw;
    }

    static byte[] speech(final int frames, final int seed)
    {
        final int samples = frames * FRAME_BYTES;
        final short[] pcm = new short[samples];
        for (int n = 0; n < samples; n++)
        {
            final double t = (n + 1000.0 * seed) / 8000.0;
            final double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
            double s = 0;
            for (int h = 1; h <= 30 && 120.0 * h <= 3600; h++)
            {
                final double f = 120.0 * h;
                final double formants = Math.exp(-Math.pow((f - 500) / 300, 2)) +
                    0.6 * Math.exp(-Math.pow((f - 1500) / 400, 2)) + 0.3 * Math.exp(-Math.pow((f - 2500) / 500, 2));
                s += formants * Math.sin(2 * Math.PI * f * t + 0.3 * h -
                    h * (20.0 / 3.0) * Math.cos(2 * Math.PI * 3 * t));
            }
            pcm[n] = (short)Math.max(-32768, Math.min(32767, Math.round(3000 * envelope * s)));
        }
        final byte[] mulaw = new byte[samples];
        MuLaw.encode(pcm, 0, mulaw, 0, samples);
        return mulaw;
    }

    static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int at = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static String frame(final byte[] audio, final int frame)
    {
        return Base64.getEncoder().encodeToString(
            Arrays.copyOfRange(audio, frame * FRAME_BYTES, (frame + 1) * FRAME_BYTES));
    }
}
