package io.voxgate.tools.audio;

import io.voxgate.codec.wav.WavEncoding;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The kinds of audio file the command line reads and writes, told apart by extension.
 *
 * <p>Raw files have no header: {@code .raw}/{@code .pcm} hold PCM16 little-endian mono, {@code .ulaw}/{@code .alaw}
 * hold G.711 codes. WAV files carry their own encoding and rate.
 */
public enum AudioFileKind
{
    /** Headerless PCM16 little-endian mono ({@code .raw}, {@code .pcm}). */
    RAW_PCM16(WavEncoding.PCM_16),
    /** Headerless μ-law ({@code .ulaw}, {@code .mulaw}, {@code .ul}). */
    RAW_ULAW(WavEncoding.MU_LAW),
    /** Headerless A-law ({@code .alaw}, {@code .al}). */
    RAW_ALAW(WavEncoding.A_LAW),
    /** RIFF/WAVE with PCM16, μ-law or A-law data. */
    WAV(null);

    private final WavEncoding rawEncoding;

    AudioFileKind(final WavEncoding rawEncoding)
    {
        this.rawEncoding = rawEncoding;
    }

    /**
     * The encoding of a raw kind.
     *
     * @return the encoding, or {@code null} for WAV, whose header says it.
     */
    public WavEncoding rawEncoding()
    {
        return rawEncoding;
    }

    /**
     * The kind of file a path names.
     *
     * @param path the file.
     * @return its kind.
     * @throws IllegalArgumentException when the extension is none of the known ones.
     */
    public static AudioFileKind of(final Path path)
    {
        final String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        final int dot = name.lastIndexOf('.');
        final String extension = dot < 0 ? "" : name.substring(dot + 1);
        return switch (extension)
        {
            case "raw", "pcm", "s16", "sln" -> RAW_PCM16;
            case "ulaw", "mulaw", "ul", "mu" -> RAW_ULAW;
            case "alaw", "al" -> RAW_ALAW;
            case "wav", "wave" -> WAV;
            default -> throw new IllegalArgumentException(path + ": unknown audio file type '" + extension +
                "' (use .raw/.pcm for PCM16, .ulaw/.alaw for G.711, or .wav)");
        };
    }

    /**
     * The G.711 encoding a {@code --law} option names.
     *
     * @param law {@code ulaw} or {@code alaw}.
     * @return the encoding.
     * @throws IllegalArgumentException for any other name.
     */
    public static WavEncoding ofLaw(final String law)
    {
        return switch (law.toLowerCase(Locale.ROOT))
        {
            case "ulaw", "mulaw" -> WavEncoding.MU_LAW;
            case "alaw" -> WavEncoding.A_LAW;
            default -> throw new IllegalArgumentException("unknown law '" + law + "': use ulaw or alaw");
        };
    }
}
