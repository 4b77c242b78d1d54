package io.voxgate.dsp.vad;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The committed clean speech clips of the VAD evaluation corpus ({@code /vad/clipNN.wav}, 16 kHz mono PCM16, made by
 * {@code make-corpus.sh}), read with a minimal RIFF reader that accepts exactly that format.
 */
final class SpeechClips
{
    static final int RATE = 16000;
    static final int COUNT = 9;

    private SpeechClips()
    {
    }

    /**
     * @return every clip's samples, in file order.
     */
    static short[][] load()
    {
        final short[][] clips = new short[COUNT][];
        for (int i = 0; i < COUNT; i++)
        {
            clips[i] = read(String.format("/vad/clip%02d.wav", i + 1));
        }
        return clips;
    }

    static short[] read(final String resource)
    {
        try (InputStream in = SpeechClips.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing test resource " + resource);
            }
            final ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.getInt(0) != 0x46464952 || bytes.getInt(8) != 0x45564157)
            {
                throw new IllegalStateException(resource + " is not a RIFF/WAVE file");
            }
            int position = 12;
            while (position + 8 <= bytes.limit())
            {
                final int id = bytes.getInt(position);
                final int size = bytes.getInt(position + 4);
                if (id == 0x20746d66)
                {
                    final int format = bytes.getShort(position + 8);
                    final int channels = bytes.getShort(position + 10);
                    final int rate = bytes.getInt(position + 12);
                    final int bits = bytes.getShort(position + 22);
                    if (format != 1 || channels != 1 || rate != RATE || bits != 16)
                    {
                        throw new IllegalStateException(resource + " is not 16 kHz mono PCM16");
                    }
                }
                else if (id == 0x61746164)
                {
                    final short[] samples = new short[size / 2];
                    for (int i = 0; i < samples.length; i++)
                    {
                        samples[i] = bytes.getShort(position + 8 + 2 * i);
                    }
                    return samples;
                }
                position += 8 + size + (size & 1);
            }
            throw new IllegalStateException(resource + " has no data chunk");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
