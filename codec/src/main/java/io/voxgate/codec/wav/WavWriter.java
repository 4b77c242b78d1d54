package io.voxgate.codec.wav;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes mono WAV files that common tools (sox, ffmpeg, {@code javax.sound}) read back.
 *
 * <p>PCM16 gets the canonical 44-byte header (16-byte {@code fmt }). A-law and μ-law get an 18-byte {@code fmt }
 * ({@code cbSize} 0) and a {@code fact} chunk with the sample count, as the RIFF specification asks of non-PCM
 * formats. An odd-length {@code data} chunk is followed by its pad byte. Stateless and thread-safe.
 */
public final class WavWriter
{
    private static final int MAX_DATA_LENGTH = Integer.MAX_VALUE - 64;

    private WavWriter()
    {
    }

    /**
     * Writes a WAV file, replacing any file at the path.
     *
     * @param path  the file.
     * @param audio format and samples.
     * @throws IOException if the file cannot be written.
     */
    public static void write(final Path path, final WavAudio audio) throws IOException
    {
        write(path, audio.format(), audio.data(), 0, audio.data().length);
    }

    /**
     * Writes a WAV file from sample bytes, replacing any file at the path.
     *
     * @param path   the file.
     * @param format the format the bytes are in.
     * @param data   sample bytes: PCM16 little-endian or G.711 codes.
     * @param offset index of the first sample byte.
     * @param length number of sample bytes, a whole number of samples.
     * @throws IOException if the file cannot be written.
     */
    public static void write(
        final Path path, final WavFormat format, final byte[] data, final int offset, final int length)
        throws IOException
    {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path)))
        {
            write(out, format, data, offset, length);
        }
    }

    /**
     * Writes a WAV stream.
     *
     * @param out   the stream; not closed.
     * @param audio format and samples.
     * @throws IOException if the stream fails.
     */
    public static void write(final OutputStream out, final WavAudio audio) throws IOException
    {
        write(out, audio.format(), audio.data(), 0, audio.data().length);
    }

    /**
     * Writes a WAV stream from sample bytes.
     *
     * @param out    the stream; not closed.
     * @param format the format the bytes are in.
     * @param data   sample bytes: PCM16 little-endian or G.711 codes.
     * @param offset index of the first sample byte.
     * @param length number of sample bytes, a whole number of samples.
     * @throws IOException if the stream fails.
     */
    public static void write(
        final OutputStream out, final WavFormat format, final byte[] data, final int offset, final int length)
        throws IOException
    {
        Objects.checkFromIndexSize(offset, length, data.length);
        out.write(header(format, length));
        out.write(data, offset, length);
        if ((length & 1) != 0)
        {
            out.write(0);
        }
    }

    /**
     * The bytes that precede {@code dataLength} sample bytes in a WAV file, up to and including the {@code data}
     * chunk header; for writers that stream samples after it. Follow odd-length data with one zero pad byte.
     *
     * @param format     the format.
     * @param dataLength number of sample bytes that will follow, a whole number of samples.
     * @return the header: 44 bytes for PCM16, 58 for G.711.
     * @throws IllegalArgumentException if the length is negative, not whole samples, or too large for RIFF here.
     */
    public static byte[] header(final WavFormat format, final int dataLength)
    {
        final WavEncoding encoding = format.encoding();
        if (dataLength < 0 || dataLength > MAX_DATA_LENGTH || dataLength % encoding.bytesPerSample() != 0)
        {
            throw new IllegalArgumentException("invalid WAV data length " + dataLength + " for " + encoding);
        }
        final boolean pcm = encoding == WavEncoding.PCM_16;
        final int fmtSize = pcm ? 16 : 18;
        final int factSize = pcm ? 0 : 12;
        final byte[] header = new byte[12 + 8 + fmtSize + factSize + 8];
        final int riffSize = header.length - 8 + dataLength + (dataLength & 1);

        int at = putFourCc(header, 0, "RIFF");
        at = putInt(header, at, riffSize);
        at = putFourCc(header, at, "WAVE");

        at = putFourCc(header, at, "fmt ");
        at = putInt(header, at, fmtSize);
        at = putShort(header, at, encoding.formatTag());
        at = putShort(header, at, 1);
        at = putInt(header, at, format.sampleRate());
        at = putInt(header, at, (int)format.bytesPerSecond());
        at = putShort(header, at, encoding.bytesPerSample());
        at = putShort(header, at, encoding.bitsPerSample());
        if (!pcm)
        {
            at = putShort(header, at, 0);
            at = putFourCc(header, at, "fact");
            at = putInt(header, at, 4);
            at = putInt(header, at, dataLength / encoding.bytesPerSample());
        }

        at = putFourCc(header, at, "data");
        putInt(header, at, dataLength);
        return header;
    }

    private static int putFourCc(final byte[] bytes, final int at, final String fourCc)
    {
        for (int i = 0; i < 4; i++)
        {
            bytes[at + i] = (byte)fourCc.charAt(i);
        }
        return at + 4;
    }

    private static int putShort(final byte[] bytes, final int at, final int value)
    {
        bytes[at] = (byte)value;
        bytes[at + 1] = (byte)(value >>> 8);
        return at + 2;
    }

    private static int putInt(final byte[] bytes, final int at, final int value)
    {
        putShort(bytes, at, value);
        putShort(bytes, at + 2, value >>> 16);
        return at + 4;
    }
}
