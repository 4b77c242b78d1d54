package io.voxgate.codec.wav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every unsupported or broken WAV is refused with a message naming the problem; the tolerated variations (unknown
 * chunks, odd chunk padding, extensible headers, streaming sizes) are read correctly.
 */
class WavErrorTest
{
    private static final byte[] FOUR_SAMPLES = {1, 0, 2, 0, 3, 0, 4, 0};

    @TempDir
    Path directory;

    @Test
    void skipsUnknownChunksBeforeAndAfterFmt() throws IOException
    {
        final byte[] wav = RiffBuilder.wave()
            .chunk("LIST", "INFOISFT\u0005\u0000\u0000\u0000sox!".getBytes(StandardCharsets.ISO_8859_1))
            .fmt(1, 1, 16000, 2, 16)
            .chunk("odd ", new byte[] {7, 7, 7})
            .chunk("data", FOUR_SAMPLES)
            .chunk("LIST", new byte[] {1, 2})
            .build();
        final WavAudio audio = WavReader.read(wav);
        assertEquals(new WavFormat(WavEncoding.PCM_16, 16000), audio.format());
        assertArrayEquals(FOUR_SAMPLES, audio.data());
    }

    @Test
    void readsWaveFormatExtensible() throws IOException
    {
        final byte[] wav = RiffBuilder.wave()
            .chunk("fmt ", RiffBuilder.extensibleFmtBody(7, 8, 8000, true))
            .chunk("data", new byte[] {(byte)0xFF, 0x7F})
            .build();
        final WavAudio audio = WavReader.read(wav);
        assertEquals(new WavFormat(WavEncoding.MU_LAW, 8000), audio.format());
        assertArrayEquals(new byte[] {(byte)0xFF, 0x7F}, audio.data());
    }

    @Test
    void readsStreamingSizesToTheEndOfTheFile() throws IOException
    {
        final byte[] wav = RiffBuilder.wave()
            .fmt(6, 1, 8000, 1, 8)
            .chunk("data", 0xFFFFFFFFL, new byte[] {1, 2, 3})
            .build();
        wav[4] = -1;
        wav[5] = -1;
        wav[6] = -1;
        wav[7] = -1;
        assertArrayEquals(new byte[] {1, 2, 3}, WavReader.read(wav).data());
    }

    @Test
    void refusesFilesThatAreNotRiffWave()
    {
        expectError(new byte[0], "empty file");
        expectError(new byte[] {'R', 'I', 'F', 'F', 0, 0}, "truncated: 6 bytes is too short for a RIFF/WAVE header");
        expectError("ID3\u0003xxxxxxxxxxxxxxxx".getBytes(StandardCharsets.ISO_8859_1),
            "not a RIFF file (starts with \"ID3\\x03\")");
        expectError(RiffBuilder.of("RIFX", "WAVE").build(), "big-endian RIFX files are not supported");
        expectError(RiffBuilder.of("RF64", "WAVE").build(), "RF64 (64-bit RIFF) files are not supported");
        expectError(RiffBuilder.of("RIFF", "AVI ").build(), "RIFF file of type \"AVI \", not WAVE");
    }

    @Test
    void refusesUnsupportedSampleFormats()
    {
        expectError(withFmt(1, 2, 8000, 4, 16), "stereo is not supported: only mono");
        expectError(withFmt(1, 6, 8000, 12, 16), "6 channels is not supported: only mono");
        expectError(withFmt(1, 1, 8000, 1, 8), "8-bit PCM is not supported: only 16-bit");
        expectError(withFmt(1, 1, 8000, 3, 24), "24-bit PCM is not supported: only 16-bit");
        expectError(withFmt(1, 1, 8000, 4, 32), "32-bit PCM is not supported: only 16-bit");
        expectError(withFmt(3, 1, 8000, 4, 32),
            "IEEE float samples are not supported: only 16-bit PCM, A-law and mu-law");
        expectError(withFmt(0x11, 1, 8000, 1, 4),
            "format tag 0x0011 is not supported: only 16-bit PCM, A-law and mu-law");
        expectError(withFmt(7, 1, 8000, 2, 16), "16-bit mu-law is not supported: only 8-bit");
        expectError(withFmt(6, 1, 8000, 2, 8), "block align 2 does not match mono 8-bit samples (1)");
        expectError(withFmt(1, 1, 0, 2, 16), "invalid sample rate 0");
        expectError(RiffBuilder.wave()
                .chunk("fmt ", RiffBuilder.extensibleFmtBody(3, 32, 8000, true))
                .chunk("data", FOUR_SAMPLES)
                .build(),
            "IEEE float samples are not supported: only 16-bit PCM, A-law and mu-law");
        expectError(RiffBuilder.wave()
                .chunk("fmt ", RiffBuilder.extensibleFmtBody(1, 16, 8000, false))
                .chunk("data", FOUR_SAMPLES)
                .build(),
            "WAVE_FORMAT_EXTENSIBLE with a non-standard sub-format GUID");
        expectError(RiffBuilder.wave()
                .chunk("fmt ", Arrays.copyOf(RiffBuilder.extensibleFmtBody(1, 16, 8000, true), 24))
                .chunk("data", FOUR_SAMPLES)
                .build(),
            "WAVE_FORMAT_EXTENSIBLE fmt chunk of 24 bytes is too short (needs 40)");
    }

    @Test
    void refusesMissingOrMisplacedChunks()
    {
        expectError(RiffBuilder.wave().build(), "no fmt chunk");
        expectError(RiffBuilder.wave().chunk("LIST", new byte[4]).build(), "no fmt chunk");
        expectError(RiffBuilder.wave().fmt(1, 1, 8000, 2, 16).build(), "no data chunk");
        expectError(RiffBuilder.wave().chunk("data", FOUR_SAMPLES).fmt(1, 1, 8000, 2, 16).build(),
            "data chunk comes before the fmt chunk");
        expectError(RiffBuilder.wave().chunk("fmt ", new byte[14]).chunk("data", FOUR_SAMPLES).build(),
            "fmt chunk of 14 bytes is too short (needs 16)");
    }

    @Test
    void refusesTruncatedFiles()
    {
        final byte[] whole = RiffBuilder.wave().fmt(1, 1, 8000, 2, 16).chunk("data", FOUR_SAMPLES).build();
        expectError(Arrays.copyOf(whole, whole.length - 2), "truncated: data chunk declares 8 bytes but only 6 remain");
        expectError(Arrays.copyOf(whole, 40), "truncated: chunk header at byte 36 is cut off before the data chunk");
        expectError(Arrays.copyOf(whole, 30), "truncated: \"fmt \" chunk declares 16 bytes but only 10 remain");
        expectError(Arrays.copyOf(whole, 16), "truncated: chunk header at byte 12 is cut off before the fmt chunk");
        expectError(RiffBuilder.wave().fmt(1, 1, 8000, 2, 16).chunk("data", new byte[] {1, 2, 3}).build(),
            "data chunk of 3 bytes is not a whole number of 2-byte samples");
    }

    @Test
    void namesTheFileInErrorsFromAPath() throws IOException
    {
        final Path file = directory.resolve("stereo.wav");
        Files.write(file, withFmt(1, 2, 8000, 4, 16));
        final WavFormatException error = assertThrows(WavFormatException.class, () -> WavReader.read(file));
        assertEquals(file + ": stereo is not supported: only mono", error.getMessage());
        assertThrows(NoSuchFileException.class, () -> WavReader.read(directory.resolve("missing.wav")));
    }

    private static byte[] withFmt(final int tag, final int channels, final int rate, final int align, final int bits)
    {
        return RiffBuilder.wave().fmt(tag, channels, rate, align, bits).chunk("data", FOUR_SAMPLES).build();
    }

    private static void expectError(final byte[] wav, final String message)
    {
        final WavFormatException error = assertThrows(WavFormatException.class, () -> WavReader.read(wav));
        assertEquals(message, error.getMessage());
        assertTrue(error instanceof IOException);
    }
}
