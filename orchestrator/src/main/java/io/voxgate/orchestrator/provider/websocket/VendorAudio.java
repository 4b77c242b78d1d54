package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.codec.g711.MuLaw;

/**
 * Turns a vendor's raw audio chunks into the PCM16 little-endian the orchestrator's {@code TtsAudio} carries:
 * μ-law is expanded (G.711, lossless back to the same codes when the media server re-encodes for Twilio); PCM16 is
 * passed through, holding back an odd trailing byte until the next chunk, because vendors split chunks anywhere.
 *
 * <p><b>Threading:</b> one stream, one thread; create one per segment.
 */
public final class VendorAudio
{
    private static final byte[] EMPTY = new byte[0];

    private final boolean muLaw;
    private int carry = -1;

    /**
     * A converter.
     *
     * @param muLaw true for μ-law input, false for PCM16 little-endian.
     */
    public VendorAudio(final boolean muLaw)
    {
        this.muLaw = muLaw;
    }

    /**
     * Converts one chunk.
     *
     * @param chunk the vendor's bytes (decoded from base64 where the vendor wraps them).
     * @return whole PCM16 samples, possibly empty.
     */
    public byte[] toPcm(final byte[] chunk)
    {
        if (muLaw)
        {
            final byte[] pcm = new byte[chunk.length * 2];
            for (int i = 0; i < chunk.length; i++)
            {
                final short sample = MuLaw.decode(chunk[i]);
                pcm[2 * i] = (byte)sample;
                pcm[2 * i + 1] = (byte)(sample >> 8);
            }
            return pcm;
        }
        final int total = chunk.length + (carry >= 0 ? 1 : 0);
        if (total < 2)
        {
            if (chunk.length == 1)
            {
                carry = chunk[0] & 0xFF;
            }
            return EMPTY;
        }
        final byte[] pcm = new byte[total & ~1];
        int from = 0;
        int to = 0;
        if (carry >= 0)
        {
            pcm[to++] = (byte)carry;
            carry = -1;
        }
        final int copy = pcm.length - to;
        System.arraycopy(chunk, from, pcm, to, copy);
        from += copy;
        if (from < chunk.length)
        {
            carry = chunk[from] & 0xFF;
        }
        return pcm;
    }
}
