package io.voxgate.codec.wav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.voxgate.codec.g711.ALaw;
import io.voxgate.codec.g711.MuLaw;

/**
 * WAV files written here read back identically, have the layout the RIFF specification gives, and interoperate
 * with the JDK's own {@code javax.sound.sampled} WAV reader and writer.
 */
class WavRoundTripTest
{
    @TempDir
    Path directory;

    @Test
    void writesTheCanonicalPcm16Header()
    {
        final byte[] expected = RiffBuilder.wave()
            .fmt(1, 1, 8000, 2, 16)
            .chunk("data", new byte[] {1, 0, -1, -1})
            .build();
        final byte[] header = WavWriter.header(new WavFormat(WavEncoding.PCM_16, 8000), 4);
        assertEquals(44, header.length);
        final byte[] file = new byte[48];
        System.arraycopy(header, 0, file, 0, 44);
        file[44] = 1;
        file[46] = -1;
        file[47] = -1;
        assertArrayEquals(expected, file);
    }

    @Test
    void writesG711WithAnExtendedFmtAndAFactChunk()
    {
        final byte[] header = WavWriter.header(new WavFormat(WavEncoding.MU_LAW, 8000), 161);
        assertEquals(58, header.length);
        assertEquals("fmt ", new String(header, 12, 4, StandardCharsets.ISO_8859_1));
        assertEquals(18, header[16]);
        assertEquals(7, header[20]);
        assertEquals("fact", new String(header, 38, 4, StandardCharsets.ISO_8859_1));
        assertEquals(161, (header[46] & 0xFF) | ((header[47] & 0xFF) << 8));
        assertEquals(58 - 8 + 161 + 1, (header[4] & 0xFF) | ((header[5] & 0xFF) << 8), "RIFF size counts the pad");
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void roundTripsThroughFilesStreamsAndBytes(final WavEncoding encoding) throws IOException
    {
        final Random random = new Random(encoding.ordinal());
        for (final int rate : new int[] {8000, 16000, 22050, 24000, 44100, 48000, 11})
        {
            for (final int samples : new int[] {0, 1, 159, 160, 1001})
            {
                final byte[] data = new byte[samples * encoding.bytesPerSample()];
                random.nextBytes(data);
                final WavAudio audio = new WavAudio(new WavFormat(encoding, rate), data);

                final Path file = directory.resolve(encoding + "-" + rate + "-" + samples + ".wav");
                WavWriter.write(file, audio);
                assertSame(audio, WavReader.read(file));

                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                WavWriter.write(out, audio);
                assertArrayEquals(Files.readAllBytes(file), out.toByteArray());
                assertEquals(0, out.size() % 2, "RIFF chunks are word-aligned");
                assertSame(audio, WavReader.read(new ByteArrayInputStream(out.toByteArray())));
                assertSame(audio, WavReader.read(out.toByteArray()));
            }
        }
    }

    @Test
    void writesARangeOfAnArray() throws IOException
    {
        final byte[] data = {9, 9, 1, 2, 3, 9};
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter.write(out, new WavFormat(WavEncoding.A_LAW, 8000), data, 2, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, WavReader.read(out.toByteArray()).data());
    }

    @Test
    void convertsBetweenPcm16AndG711()
    {
        final short[] pcm = {0, -1, 1000, -1000, 32767, -32768};
        final WavAudio linear = WavAudio.encode(new WavFormat(WavEncoding.PCM_16, 8000), pcm);
        assertArrayEquals(pcm, linear.toPcm16());
        assertArrayEquals(new byte[] {0, 0, -1, -1, (byte)0xE8, 3, 0x18, (byte)0xFC, -1, 0x7F, 0, (byte)0x80},
            linear.data());

        final WavAudio mu = WavAudio.encode(new WavFormat(WavEncoding.MU_LAW, 8000), pcm);
        final WavAudio a = WavAudio.encode(new WavFormat(WavEncoding.A_LAW, 8000), pcm);
        for (int i = 0; i < pcm.length; i++)
        {
            assertEquals(MuLaw.encode(pcm[i]), mu.data()[i]);
            assertEquals(ALaw.encode(pcm[i]), a.data()[i]);
            assertEquals(MuLaw.decode(mu.data()[i]), mu.toPcm16()[i]);
            assertEquals(ALaw.decode(a.data()[i]), a.toPcm16()[i]);
        }
        assertEquals(6, mu.sampleCount());
        assertThrows(IllegalArgumentException.class,
            () -> new WavAudio(new WavFormat(WavEncoding.PCM_16, 8000), new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new WavFormat(WavEncoding.PCM_16, 0));
        assertThrows(IllegalArgumentException.class,
            () -> WavWriter.header(new WavFormat(WavEncoding.PCM_16, 8000), 3));
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void readsWhatTheJdkWrites(final WavEncoding encoding) throws IOException
    {
        final byte[] data = new byte[800];
        new Random(42).nextBytes(data);
        final AudioFormat format = jdkFormat(encoding, 16000);
        final Path file = directory.resolve("jdk-" + encoding + ".wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format, 800 /
            format.getFrameSize()))
        {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }

        final WavAudio audio = WavReader.read(file);
        assertEquals(new WavFormat(encoding, 16000), audio.format());
        assertArrayEquals(data, audio.data());
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void writesWhatTheJdkReads(final WavEncoding encoding) throws IOException, UnsupportedAudioFileException
    {
        final byte[] data = new byte[640];
        new Random(43).nextBytes(data);
        final Path file = directory.resolve("ours-" + encoding + ".wav");
        WavWriter.write(file, new WavAudio(new WavFormat(encoding, 8000), data));

        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile()))
        {
            final AudioFormat format = in.getFormat();
            assertEquals(jdkFormat(encoding, 8000).getEncoding(), format.getEncoding());
            assertEquals(8000f, format.getSampleRate());
            assertEquals(1, format.getChannels());
            assertEquals(encoding.bitsPerSample(), format.getSampleSizeInBits());
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    private static AudioFormat jdkFormat(final WavEncoding encoding, final int rate)
    {
        return switch (encoding)
        {
            case PCM_16 -> new AudioFormat(rate, 16, 1, true, false);
            case MU_LAW -> new AudioFormat(AudioFormat.Encoding.ULAW, rate, 8, 1, 1, rate, false);
            case A_LAW -> new AudioFormat(AudioFormat.Encoding.ALAW, rate, 8, 1, 1, rate, false);
        };
    }

    private static void assertSame(final WavAudio expected, final WavAudio actual)
    {
        assertEquals(expected.format(), actual.format());
        assertArrayEquals(expected.data(), actual.data());
    }
}
