package io.voxgate.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.codec.g711.ALaw;
import io.voxgate.codec.g711.MuLaw;
import io.voxgate.codec.wav.WavAudio;
import io.voxgate.codec.wav.WavEncoding;
import io.voxgate.codec.wav.WavFormat;
import io.voxgate.codec.wav.WavReader;
import io.voxgate.codec.wav.WavWriter;
import io.voxgate.dsp.resample.PolyphaseResampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest
{
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(final String... args)
    {
        final CommandRun run = CommandRun.of(args);
        out = run.out();
        err = run.err();
        return run.status();
    }

    private static short[] everySample()
    {
        final short[] pcm = new short[65536];
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)(i - 32768);
        }
        return pcm;
    }

    private static byte[] littleEndian(final short[] pcm)
    {
        final byte[] bytes = new byte[2 * pcm.length];
        for (int i = 0; i < pcm.length; i++)
        {
            bytes[2 * i] = (byte)pcm[i];
            bytes[2 * i + 1] = (byte)(pcm[i] >> 8);
        }
        return bytes;
    }

    private void assertOneLineError(final int status, final String fragment)
    {
        assertEquals(2, status, err);
        final String[] lines = err.strip().split("\n");
        assertEquals(1, lines.length, "exactly one line on stderr: " + err);
        assertTrue(lines[0].startsWith("voxgate: "), err);
        assertTrue(lines[0].contains(fragment), "'" + fragment + "' in: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void encodesRawPcmToRawMuLawWithTheCodecTable() throws IOException
    {
        final short[] pcm = everySample();
        Files.write(dir.resolve("in.raw"), littleEndian(pcm));

        assertEquals(0, run("codec", "encode", "--law", "ulaw", dir.resolve("in.raw").toString(),
            dir.resolve("out.ulaw").toString()), err);

        final byte[] codes = Files.readAllBytes(dir.resolve("out.ulaw"));
        assertEquals(pcm.length, codes.length);
        for (int i = 0; i < pcm.length; i++)
        {
            assertEquals(MuLaw.encode(pcm[i]), codes[i], "sample " + pcm[i]);
        }
    }

    @Test
    void decodesEveryALawCodeToWav() throws IOException
    {
        final byte[] codes = new byte[256];
        for (int i = 0; i < codes.length; i++)
        {
            codes[i] = (byte)i;
        }
        Files.write(dir.resolve("in.alaw"), codes);

        assertEquals(0, run("codec", "decode", "--law", "alaw", "--rate", "16000", dir.resolve("in.alaw").toString(),
            dir.resolve("out.wav").toString()), err);

        final WavAudio wav = WavReader.read(dir.resolve("out.wav"));
        assertEquals(new WavFormat(WavEncoding.PCM_16, 16000), wav.format());
        final short[] pcm = wav.toPcm16();
        for (int i = 0; i < codes.length; i++)
        {
            assertEquals(ALaw.decode(i), pcm[i], "code " + i);
        }
    }

    @Test
    void encodesWavToMuLawWavAndBack() throws IOException
    {
        final short[] pcm = everySample();
        WavWriter.write(dir.resolve("in.wav"), WavAudio.encode(new WavFormat(WavEncoding.PCM_16, 8000), pcm));

        assertEquals(0, run("codec", "encode", "--law", "ulaw", dir.resolve("in.wav").toString(),
            dir.resolve("mid.wav").toString()), err);
        final WavAudio encoded = WavReader.read(dir.resolve("mid.wav"));
        assertEquals(new WavFormat(WavEncoding.MU_LAW, 8000), encoded.format());

        assertEquals(0, run("codec", "decode", "--law", "ulaw", dir.resolve("mid.wav").toString(),
            dir.resolve("out.raw").toString()), err);
        final byte[] decoded = Files.readAllBytes(dir.resolve("out.raw"));
        final short[] expected = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++)
        {
            expected[i] = MuLaw.decode(MuLaw.encode(pcm[i]) & 0xFF);
        }
        assertArrayEquals(littleEndian(expected), decoded);
    }

    @Test
    void resamplesRawPcmExactlyAsTheStreamingResampler() throws IOException
    {
        final short[] pcm = new short[8000];
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)(8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        Files.write(dir.resolve("in.pcm"), littleEndian(pcm));

        assertEquals(0, run("resample", "--from", "8000", "--to", "16000", dir.resolve("in.pcm").toString(),
            dir.resolve("out.wav").toString()), err);

        final PolyphaseResampler resampler = new PolyphaseResampler(8000, 16000);
        final short[] padded = Arrays.copyOf(pcm, pcm.length + resampler.drainInputSamples());
        final short[] expected = new short[resampler.maxOutputSamples(padded.length)];
        final int produced = resampler.process(padded, 0, padded.length, expected, 0);
        assertEquals(2 * padded.length, produced, "every input sample and the flushed tail come out");
        final WavAudio wav = WavReader.read(dir.resolve("out.wav"));
        assertEquals(16000, wav.format().sampleRate());
        assertArrayEquals(Arrays.copyOf(expected, produced), wav.toPcm16());
    }

    @Test
    void vadPrintsOneLinePerFrameSilentOnSilenceAndSpeechOnSpeech() throws IOException
    {
        final WavAudio clip = WavReader.read(Path.of("../dsp/src/test/resources/vad/clip01.wav"));
        final int rate = clip.format().sampleRate();
        final short[] speech = clip.toPcm16();
        final short[] call = new short[rate + speech.length + rate];
        System.arraycopy(speech, 0, call, rate, speech.length);
        WavWriter.write(dir.resolve("call.wav"), WavAudio.encode(new WavFormat(WavEncoding.PCM_16, rate), call));

        assertEquals(0, run("vad", "--frame-ms", "20", dir.resolve("call.wav").toString()), err);

        final String[] lines = out.strip().split("\n");
        final int effectiveRate = rate == 8000 || rate == 16000 ? rate : 16000;
        final int frames = (int)((long)call.length * effectiveRate / rate) / (effectiveRate / 50);
        assertTrue(Math.abs(frames - lines.length) <= 1, lines.length + " lines for " + frames + " frames");
        for (final String line : lines)
        {
            assertTrue(line.equals("0") || line.equals("1"), line);
        }
        final int leadingSilenceFrames = 40;
        for (int i = 0; i < leadingSilenceFrames; i++)
        {
            assertEquals("0", lines[i], "leading digital silence, frame " + i);
        }
        final long speechFrames = Arrays.stream(lines).filter("1"::equals).count();
        assertTrue(speechFrames > 10, "speech found in the clip: " + speechFrames + " frames");
        assertEquals("0", lines[lines.length - 1], "trailing silence");
    }

    @Test
    void vadNeedsTheRateOfRawPcm() throws IOException
    {
        Files.write(dir.resolve("in.raw"), new byte[320]);
        assertOneLineError(run("vad", dir.resolve("in.raw").toString()), "--rate");
    }

    @Test
    void vadRejectsOddFrameLengths() throws IOException
    {
        Files.write(dir.resolve("in.ulaw"), new byte[320]);
        assertOneLineError(run("vad", "--frame-ms", "15", dir.resolve("in.ulaw").toString()), "--frame-ms");
    }

    @Test
    void missingInputIsAOneLineError()
    {
        assertOneLineError(run("codec", "encode", "--law", "ulaw", dir.resolve("nope.raw").toString(),
            dir.resolve("out.ulaw").toString()), "no such file");
    }

    @Test
    void unknownLawIsAOneLineError() throws IOException
    {
        Files.write(dir.resolve("in.raw"), new byte[4]);
        assertOneLineError(run("codec", "encode", "--law", "g722", dir.resolve("in.raw").toString(),
            dir.resolve("out.ulaw").toString()), "unknown law");
    }

    @Test
    void unknownExtensionIsAOneLineError() throws IOException
    {
        Files.write(dir.resolve("in.mp3"), new byte[4]);
        assertOneLineError(run("codec", "encode", "--law", "ulaw", dir.resolve("in.mp3").toString(),
            dir.resolve("out.ulaw").toString()), "unknown audio file type");
    }

    @Test
    void truncatedWavIsAOneLineError() throws IOException
    {
        final byte[] header = WavWriter.header(new WavFormat(WavEncoding.PCM_16, 8000), 1000);
        Files.write(dir.resolve("cut.wav"), Arrays.copyOf(header, 30));
        assertOneLineError(run("resample", "--to", "16000", dir.resolve("cut.wav").toString(),
            dir.resolve("out.wav").toString()), "cut.wav");
    }

    @Test
    void rawPcmResamplingNeedsFrom() throws IOException
    {
        Files.write(dir.resolve("in.raw"), new byte[320]);
        assertOneLineError(run("resample", "--to", "16000", dir.resolve("in.raw").toString(),
            dir.resolve("out.raw").toString()), "--from");
    }

    @Test
    void unsupportedRatePairIsAOneLineError() throws IOException
    {
        Files.write(dir.resolve("in.raw"), new byte[320]);
        assertOneLineError(run("resample", "--from", "11025", "--to", "16000", dir.resolve("in.raw").toString(),
            dir.resolve("out.raw").toString()), "not supported");
    }

    @Test
    void wrongArgumentsAreAOneLineError()
    {
        assertOneLineError(run("resample", "--to", "fast"), "--to");
    }

    @Test
    void oddLengthRawPcmIsAOneLineError() throws IOException
    {
        Files.write(dir.resolve("in.raw"), new byte[321]);
        assertOneLineError(run("codec", "encode", "--law", "alaw", dir.resolve("in.raw").toString(),
            dir.resolve("out.alaw").toString()), "truncated");
    }
}
