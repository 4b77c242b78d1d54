package io.voxgate.codec.wav;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads mono WAV files: PCM16, A-law or μ-law at any rate, in a plain {@code WAVEFORMATEX} or a
 * {@code WAVE_FORMAT_EXTENSIBLE} header. Chunks other than {@code fmt } and {@code data} ({@code LIST}, {@code fact},
 * ...) are skipped.
 *
 * <p>Everything else is refused with a {@link WavFormatException} that names the problem: not RIFF/WAVE, stereo,
 * 8/24/32-bit PCM, float, other codecs, missing or misplaced chunks, truncation. The RIFF size field is not trusted
 * (streaming writers leave it 0 or 0xFFFFFFFF); a {@code data} size of 0xFFFFFFFF likewise means "to the end of the
 * file". Not for the hot path: it reads the whole file into memory. Stateless and thread-safe.
 */
public final class WavReader
{
    private static final int EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    /** Bytes 2..15 of every {@code KSDATAFORMAT_SUBTYPE_*} GUID built from a format tag. */
    private static final byte[] SUBTYPE_GUID_TAIL =
    {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte)0x80, 0x00, 0x00, (byte)0xAA, 0x00, 0x38, (byte)0x9B, 0x71,
    };

    private WavReader()
    {
    }

    /**
     * Reads a WAV file.
     *
     * @param path the file.
     * @return its format and samples.
     * @throws WavFormatException if the file is not a supported WAV; the message starts with the path.
     * @throws IOException        if the file cannot be read.
     */
    public static WavAudio read(final Path path) throws IOException
    {
        return parse(Files.readAllBytes(path), path + ": ");
    }

    /**
     * Reads a WAV stream to its end.
     *
     * @param in the stream; not closed.
     * @return its format and samples.
     * @throws WavFormatException if the stream is not a supported WAV.
     * @throws IOException        if the stream fails.
     */
    public static WavAudio read(final InputStream in) throws IOException
    {
        return parse(in.readAllBytes(), "");
    }

    /**
     * Reads a WAV file held in memory.
     *
     * @param bytes the whole file.
     * @return its format and samples (a copy of the sample bytes).
     * @throws WavFormatException if the bytes are not a supported WAV.
     */
    public static WavAudio read(final byte[] bytes) throws WavFormatException
    {
        return parse(bytes, "");
    }

    private static WavAudio parse(final byte[] bytes, final String source) throws WavFormatException
    {
        if (bytes.length < 12)
        {
            throw new WavFormatException(source + (bytes.length == 0 ? "empty file" :
                "truncated: " + bytes.length + " bytes is too short for a RIFF/WAVE header"));
        }
        final String riff = fourCc(bytes, 0);
        if (!"RIFF".equals(riff))
        {
            throw new WavFormatException(source + switch (riff)
            {
                case "RIFX" -> "big-endian RIFX files are not supported";
                case "RF64" -> "RF64 (64-bit RIFF) files are not supported";
                default -> "not a RIFF file (starts with " + printable(riff) + ")";
            });
        }
        if (!"WAVE".equals(fourCc(bytes, 8)))
        {
            throw new WavFormatException(source + "RIFF file of type " + printable(fourCc(bytes, 8)) +
                ", not WAVE");
        }

        WavFormat format = null;
        int position = 12;
        while (position < bytes.length)
        {
            if (bytes.length - position < 8)
            {
                throw new WavFormatException(source + "truncated: chunk header at byte " + position + " is cut off" +
                    (format == null ? " before the fmt chunk" : " before the data chunk"));
            }
            final String id = fourCc(bytes, position);
            final long size = uint32(bytes, position + 4);
            final int body = position + 8;
            final long remaining = bytes.length - body;
            if ("data".equals(id))
            {
                if (format == null)
                {
                    throw new WavFormatException(source + "data chunk comes before the fmt chunk");
                }
                return data(bytes, body, size == UNKNOWN_SIZE ? remaining : size, remaining, format, source);
            }
            if (size > remaining)
            {
                throw new WavFormatException(source + "truncated: " + printable(id) + " chunk declares " + size +
                    " bytes but only " + remaining + " remain");
            }
            if ("fmt ".equals(id))
            {
                format = format(bytes, body, (int)size, source);
            }
            position = (int)Math.min(bytes.length, body + size + (size & 1));
        }
        throw new WavFormatException(source + (format == null ? "no fmt chunk" : "no data chunk"));
    }

    private static WavAudio data(
        final byte[] bytes,
        final int body,
        final long size,
        final long remaining,
        final WavFormat format,
        final String source) throws WavFormatException
    {
        if (size > remaining)
        {
            throw new WavFormatException(source + "truncated: data chunk declares " + size + " bytes but only " +
                remaining + " remain");
        }
        final int bytesPerSample = format.encoding().bytesPerSample();
        if (size % bytesPerSample != 0)
        {
            throw new WavFormatException(source + "data chunk of " + size + " bytes is not a whole number of " +
                bytesPerSample + "-byte samples");
        }
        return new WavAudio(format, Arrays.copyOfRange(bytes, body, body + (int)size));
    }

    private static WavFormat format(final byte[] bytes, final int body, final int size, final String source)
        throws WavFormatException
    {
        if (size < 16)
        {
            throw new WavFormatException(source + "fmt chunk of " + size + " bytes is too short (needs 16)");
        }
        int tag = uint16(bytes, body);
        final int channels = uint16(bytes, body + 2);
        final long sampleRate = uint32(bytes, body + 4);
        final int blockAlign = uint16(bytes, body + 12);
        final int bits = uint16(bytes, body + 14);

        if (tag == EXTENSIBLE)
        {
            if (size < 40 || uint16(bytes, body + 16) < 22)
            {
                throw new WavFormatException(source + "WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size +
                    " bytes is too short (needs 40)");
            }
            if (!Arrays.equals(bytes, body + 26, body + 40, SUBTYPE_GUID_TAIL, 0, SUBTYPE_GUID_TAIL.length))
            {
                throw new WavFormatException(source + "WAVE_FORMAT_EXTENSIBLE with a non-standard sub-format GUID");
            }
            tag = uint16(bytes, body + 24);
        }
        if (channels != 1)
        {
            throw new WavFormatException(source + (channels == 2 ? "stereo" : channels + " channels") +
                " is not supported: only mono");
        }
        final WavEncoding encoding = WavEncoding.ofFormatTag(tag);
        if (encoding == null)
        {
            throw new WavFormatException(source + switch (tag)
            {
                case 3 -> "IEEE float samples are not supported: only 16-bit PCM, A-law and mu-law";
                default -> String.format("format tag 0x%04X is not supported: only 16-bit PCM, A-law and mu-law", tag);
            });
        }
        if (bits != encoding.bitsPerSample())
        {
            throw new WavFormatException(source + bits + "-bit " + describe(encoding) +
                " is not supported: only " + encoding.bitsPerSample() + "-bit");
        }
        if (blockAlign != encoding.bytesPerSample())
        {
            throw new WavFormatException(source + "block align " + blockAlign + " does not match mono " +
                bits + "-bit samples (" + encoding.bytesPerSample() + ")");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE)
        {
            throw new WavFormatException(source + "invalid sample rate " + sampleRate);
        }
        return new WavFormat(encoding, (int)sampleRate);
    }

    private static String describe(final WavEncoding encoding)
    {
        return switch (encoding)
        {
            case PCM_16 -> "PCM";
            case A_LAW -> "A-law";
            case MU_LAW -> "mu-law";
        };
    }

    private static String fourCc(final byte[] bytes, final int offset)
    {
        final char[] chars = new char[4];
        for (int i = 0; i < 4; i++)
        {
            chars[i] = (char)(bytes[offset + i] & 0xFF);
        }
        return new String(chars);
    }

    private static String printable(final String fourCc)
    {
        final StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < fourCc.length(); i++)
        {
            final char c = fourCc.charAt(i);
            if (c >= 0x20 && c < 0x7F)
            {
                text.append(c);
            }
            else
            {
                text.append(String.format("\\x%02X", (int)c));
            }
        }
        return text.append('"').toString();
    }

    private static int uint16(final byte[] bytes, final int offset)
    {
        return (bytes[offset] & 0xFF) | ((bytes[offset + 1] & 0xFF) << 8);
    }

    private static long uint32(final byte[] bytes, final int offset)
    {
        return (uint16(bytes, offset) | ((long)uint16(bytes, offset + 2) << 16));
    }
}
