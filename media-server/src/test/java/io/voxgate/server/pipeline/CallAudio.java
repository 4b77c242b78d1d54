package io.voxgate.server.pipeline;

import io.voxgate.codec.g711.MuLaw;

import java.util.Base64;

/**
 * Caller audio for tests, as Twilio sends it: 20 ms frames of 160 μ-law bytes. Silence is digital silence (0xFF);
 * "speech" is a voiced, formant-shaped harmonic signal with pitch and syllable modulation that the VAD detects.
 */
public final class CallAudio
{
    /** Bytes of one 20 ms μ-law frame. */
    public static final int FRAME_BYTES = 160;

    private CallAudio()
    {
    }

    /** {@code frames} frames of digital silence. */
    public static byte[] silence(final int frames)
    {
        final byte[] mulaw = new byte[frames * FRAME_BYTES];
        java.util.Arrays.fill(mulaw, MuLaw.SILENCE);
        return mulaw;
    }

    /** Voiced speech-like audio; {@code seed} shifts its phase so two talkers differ. */
    public static byte[] speech(final int frames, final int seed)
    {
        final int samples = frames * FRAME_BYTES;
        final short[] pcm = new short[samples];
        for (int n = 0; n < samples; n++)
        {
            final double t = (n + 1000.0 * seed) / 8000.0;
            final double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
            double s = 0;
            for (int h = 1; h <= 30; h++)
            {
                final double f = 120.0 * h;
                if (f > 3600)
                {
                    break;
                }
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

    /** The parts one after the other. */
    public static byte[] concat(final byte[]... parts)
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

    /** The base64 payload of frame {@code frame} of {@code audio}. */
    public static String frame(final byte[] audio, final int frame)
    {
        return Base64.getEncoder().encodeToString(
            java.util.Arrays.copyOfRange(audio, frame * FRAME_BYTES, (frame + 1) * FRAME_BYTES));
    }
}
