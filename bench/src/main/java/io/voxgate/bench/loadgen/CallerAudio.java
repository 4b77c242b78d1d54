package io.voxgate.bench.loadgen;

import io.voxgate.codec.g711.MuLaw;
import io.voxgate.codec.wav.WavAudio;
import io.voxgate.codec.wav.WavReader;
import io.voxgate.dsp.resample.FilterSpec;
import io.voxgate.dsp.resample.PolyphaseResampler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What the simulated callers say: utterances as Twilio frames them, 20 ms of 8 kHz μ-law (160 bytes) per frame,
 * each frame already base64-encoded into ASCII bytes (216) so a tick only copies them. The built-in set is three
 * short espeak-ng sentences ({@code loadgen/*.ulaw}, see the README beside them); the silences between utterances
 * come from the caller script, as digital silence.
 *
 * <p>Immutable after loading; shared by all calls and event loops.
 */
final class CallerAudio
{
    /** μ-law bytes per 20 ms frame. */
    static final int FRAME_BYTES = 160;
    private static final String[] BUILT_IN = {"hold", "order", "repeat"};

    private final List<byte[][]> utterances;
    private final byte[] silence;

    private CallerAudio(final List<byte[]> mulawUtterances)
    {
        final List<byte[][]> framed = new ArrayList<>();
        for (final byte[] mulaw : mulawUtterances)
        {
            framed.add(frames(mulaw));
        }
        this.utterances = List.copyOf(framed);
        final byte[] quiet = new byte[FRAME_BYTES];
        Arrays.fill(quiet, MuLaw.SILENCE);
        this.silence = base64(quiet);
    }

    /**
     * The built-in utterances (class-path resources).
     *
     * @return the audio.
     */
    static CallerAudio builtIn()
    {
        final List<byte[]> clips = new ArrayList<>();
        for (final String name : BUILT_IN)
        {
            try (InputStream in = CallerAudio.class.getResourceAsStream("/loadgen/" + name + ".ulaw"))
            {
                if (null == in)
                {
                    throw new IllegalStateException("missing resource /loadgen/" + name + ".ulaw");
                }
                clips.add(in.readAllBytes());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return new CallerAudio(clips);
    }

    /**
     * One utterance from a file: a WAV file (PCM16, μ-law or A-law at a rate the resampler converts to 8 kHz) or,
     * for {@code .ulaw}/{@code .raw}, headerless 8 kHz μ-law.
     *
     * @param file the file.
     * @return the audio.
     * @throws IOException              when the file cannot be read.
     * @throws IllegalArgumentException when it is not usable audio.
     */
    static CallerAudio fromFile(final Path file) throws IOException
    {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        final byte[] mulaw;
        if (name.endsWith(".ulaw") || name.endsWith(".raw"))
        {
            mulaw = Files.readAllBytes(file);
        }
        else
        {
            final WavAudio wav = WavReader.read(file);
            short[] pcm = wav.toPcm16();
            final int rate = wav.format().sampleRate();
            if (rate != 8000)
            {
                if (!FilterSpec.isSupported(rate, 8000))
                {
                    throw new IllegalArgumentException(file + ": cannot resample " + rate + " Hz to 8000 Hz");
                }
                final PolyphaseResampler resampler = new PolyphaseResampler(rate, 8000);
                final short[] in = Arrays.copyOf(pcm, pcm.length + resampler.drainInputSamples());
                final short[] out = new short[resampler.maxOutputSamples(in.length)];
                pcm = Arrays.copyOf(out, resampler.process(in, 0, in.length, out, 0));
            }
            mulaw = new byte[pcm.length];
            MuLaw.encode(pcm, 0, mulaw, 0, pcm.length);
        }
        if (mulaw.length < FRAME_BYTES)
        {
            throw new IllegalArgumentException(file + ": shorter than one 20 ms frame");
        }
        return new CallerAudio(List.of(mulaw));
    }

    /**
     * @return how many utterances there are.
     */
    int utterances()
    {
        return utterances.size();
    }

    /**
     * @param utterance which one.
     * @return its length in 20 ms frames.
     */
    int frames(final int utterance)
    {
        return utterances.get(utterance).length;
    }

    /**
     * @param utterance which one.
     * @param frame     which frame.
     * @return the frame's base64 payload as ASCII bytes (do not modify).
     */
    byte[] frame(final int utterance, final int frame)
    {
        return utterances.get(utterance)[frame];
    }

    /**
     * @return a silent frame's base64 payload as ASCII bytes (do not modify).
     */
    byte[] silence()
    {
        return silence;
    }

    private static byte[][] frames(final byte[] mulaw)
    {
        final int count = (mulaw.length + FRAME_BYTES - 1) / FRAME_BYTES;
        final byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            final byte[] frame = new byte[FRAME_BYTES];
            Arrays.fill(frame, MuLaw.SILENCE);
            System.arraycopy(mulaw, i * FRAME_BYTES, frame, 0, Math.min(FRAME_BYTES, mulaw.length - i * FRAME_BYTES));
            frames[i] = base64(frame);
        }
        return frames;
    }

    private static byte[] base64(final byte[] frame)
    {
        return Base64.getEncoder().encodeToString(frame).getBytes(StandardCharsets.US_ASCII);
    }
}
