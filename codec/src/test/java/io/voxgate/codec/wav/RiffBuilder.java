package io.voxgate.codec.wav;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds RIFF byte strings chunk by chunk, so tests can make WAV files with exactly the defect they need.
 */
final class RiffBuilder
{
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final String riff;
    private final String form;

    private RiffBuilder(final String riff, final String form)
    {
        this.riff = riff;
        this.form = form;
    }

    static RiffBuilder wave()
    {
        return new RiffBuilder("RIFF", "WAVE");
    }

    static RiffBuilder of(final String riff, final String form)
    {
        return new RiffBuilder(riff, form);
    }

    RiffBuilder chunk(final String id, final byte[] content)
    {
        return chunk(id, content.length, content);
    }

    /**
     * A chunk whose header may claim another size than its content has (to make truncated files).
     */
    RiffBuilder chunk(final String id, final long declaredSize, final byte[] content)
    {
        body.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(le(declaredSize, 4));
        body.writeBytes(content);
        if ((content.length & 1) != 0 && declaredSize == content.length)
        {
            body.write(0);
        }
        return this;
    }

    RiffBuilder fmt(final int tag, final int channels, final int rate, final int blockAlign, final int bits)
    {
        return chunk("fmt ", fmtBody(tag, channels, rate, blockAlign, bits));
    }

    RiffBuilder raw(final byte[] bytes)
    {
        body.writeBytes(bytes);
        return this;
    }

    byte[] build()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(riff.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le(4 + body.size(), 4));
        out.writeBytes(form.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] fmtBody(final int tag, final int channels, final int rate, final int blockAlign, final int bits)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(tag, 2));
        out.writeBytes(le(channels, 2));
        out.writeBytes(le(rate, 4));
        out.writeBytes(le((long)rate * blockAlign, 4));
        out.writeBytes(le(blockAlign, 2));
        out.writeBytes(le(bits, 2));
        return out.toByteArray();
    }

    static byte[] extensibleFmtBody(final int subFormatTag, final int bits, final int rate, final boolean standardGuid)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fmtBody(0xFFFE, 1, rate, bits / 8, bits));
        out.writeBytes(le(22, 2));
        out.writeBytes(le(bits, 2));
        out.writeBytes(le(4, 4));
        out.writeBytes(le(subFormatTag, 2));
        final byte[] tail = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte)0x80, 0x00, 0x00, (byte)0xAA, 0x00, 0x38,
            (byte)0x9B, 0x71};
        if (!standardGuid)
        {
            tail[13] = 0x72;
        }
        out.writeBytes(tail);
        return out.toByteArray();
    }

    static byte[] le(final long value, final int bytes)
    {
        final byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++)
        {
            out[i] = (byte)(value >>> (8 * i));
        }
        return out;
    }
}
