package io.voxgate.tools.audio;

import io.voxgate.codec.wav.WavAudio;
import io.voxgate.codec.wav.WavEncoding;
import io.voxgate.codec.wav.WavFormat;
import io.voxgate.codec.wav.WavReader;
import io.voxgate.codec.wav.WavWriter;
import io.voxgate.tools.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes whole audio files for the command line, by extension (see {@link AudioFileKind}).
 *
 * <p>Every problem a user can cause (unknown extension, missing rate for a headerless file, a rate that contradicts a
 * WAV header, a truncated file) ends in an {@link InputException} or {@link IOException} naming the file.
 */
public final class AudioFiles
{
    private AudioFiles()
    {
    }

    /**
     * Reads a file.
     *
     * @param path           the file.
     * @param rate           the rate the user gave, or {@code null}; for WAV it must match the header.
     * @param rateOption     the option that gives the rate, for error messages (e.g. {@code --from}).
     * @param defaultRawRate the rate of a headerless file when the user gave none, or {@code null} to require one.
     * @return the audio as stored (PCM16 or G.711).
     * @throws IOException when the file cannot be read or is malformed.
     */
    public static WavAudio read(final Path path, final Integer rate, final String rateOption,
        final Integer defaultRawRate) throws IOException
    {
        final AudioFileKind kind = AudioFileKind.of(path);
        if (kind == AudioFileKind.WAV)
        {
            final WavAudio audio = WavReader.read(path);
            if (rate != null && rate != audio.format().sampleRate())
            {
                throw new InputException(path + " is " + audio.format().sampleRate() + " Hz, but " + rateOption +
                    " says " + rate + " Hz");
            }
            return audio;
        }
        final Integer rawRate = rate != null ? rate : defaultRawRate;
        if (rawRate == null)
        {
            throw new InputException(path + " has no header: give its sample rate with " + rateOption);
        }
        if (rawRate <= 0)
        {
            throw new InputException(rateOption + " must be a positive rate in Hz, not " + rawRate);
        }
        final byte[] bytes = Files.readAllBytes(path);
        final WavEncoding encoding = kind.rawEncoding();
        if (bytes.length % encoding.bytesPerSample() != 0)
        {
            throw new InputException(path + " is truncated: " + bytes.length + " bytes is not a whole number of " +
                "16-bit samples");
        }
        return new WavAudio(new WavFormat(encoding, rawRate), bytes);
    }

    /**
     * Writes a file in the form its extension names. A raw file takes the audio's encoding as it is; its extension
     * must agree with it.
     *
     * @param path  the file.
     * @param audio what to write.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final Path path, final WavAudio audio) throws IOException
    {
        final AudioFileKind kind = AudioFileKind.of(path);
        if (kind == AudioFileKind.WAV)
        {
            WavWriter.write(path, audio);
            return;
        }
        if (kind.rawEncoding() != audio.format().encoding())
        {
            throw new InputException(path + ": a ." + extension(path) + " file holds " + kind.rawEncoding() +
                ", but the output is " + audio.format().encoding());
        }
        Files.write(path, audio.data());
    }

    /**
     * Writes PCM16 samples in the form the extension names (raw PCM16 or a PCM16 WAV).
     *
     * @param path       the file.
     * @param samples    the samples.
     * @param count      how many of them.
     * @param sampleRate their rate.
     * @throws IOException when the file cannot be written.
     */
    public static void writePcm16(final Path path, final short[] samples, final int count, final int sampleRate)
        throws IOException
    {
        final short[] exact = count == samples.length ? samples : java.util.Arrays.copyOf(samples, count);
        write(path, WavAudio.encode(new WavFormat(WavEncoding.PCM_16, sampleRate), exact));
    }

    private static String extension(final Path path)
    {
        final String name = path.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
