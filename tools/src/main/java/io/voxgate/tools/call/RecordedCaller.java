package io.voxgate.tools.call;

import io.voxgate.codec.wav.WavAudio;
import io.voxgate.codec.wav.WavReader;
import io.voxgate.dsp.resample.FilterSpec;
import io.voxgate.dsp.resample.PolyphaseResampler;
import io.voxgate.tools.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A caller played from a recording, as it is: frame after frame from the call's start, whatever the assistant does
 * (a recording cannot wait for a reply, so leave pauses in it where the assistant should speak). The recording is
 * resampled to the telephone's 8 kHz and split into turns by {@link SpeechTurns}.
 *
 * <p>Used by the call's driver thread only.
 */
public final class RecordedCaller implements CallerVoice
{
    private final String name;
    private final short[] pcm;
    private final int[] turns;
    private int frame;

    /**
     * A caller saying 8 kHz audio.
     *
     * @param name  what it is, for the timeline.
     * @param pcm8k the audio at 8 kHz; a partial last frame is padded with silence.
     */
    public RecordedCaller(final String name, final short[] pcm8k)
    {
        this.name = name;
        final int frames = (pcm8k.length + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        this.pcm = Arrays.copyOf(pcm8k, frames * FRAME_SAMPLES);
        this.turns = SpeechTurns.label(pcm);
    }

    /**
     * Reads a WAV file (PCM16, μ-law or A-law, mono, any rate the resampler converts to 8 kHz).
     *
     * @param path the file.
     * @return the caller.
     * @throws IOException    when the file cannot be read or is not such a WAV file.
     * @throws InputException when its rate cannot be converted to 8 kHz or it holds no audio.
     */
    public static RecordedCaller load(final Path path) throws IOException
    {
        final WavAudio audio = WavReader.read(path);
        final int rate = audio.format().sampleRate();
        short[] pcm = audio.toPcm16();
        if (pcm.length == 0)
        {
            throw new InputException(path + ": the WAV file holds no audio");
        }
        if (rate != 8000)
        {
            if (!FilterSpec.isSupported(rate, 8000))
            {
                throw new InputException(path + ": " + rate + " Hz cannot be resampled to the telephone's 8000 Hz");
            }
            final PolyphaseResampler resampler = new PolyphaseResampler(rate, 8000);
            // Trailing zeros push the filter's delay line out, so the recording's end is not cut off.
            final short[] padded = Arrays.copyOf(pcm, pcm.length + resampler.drainInputSamples());
            final short[] out = new short[resampler.maxOutputSamples(padded.length)];
            final int produced = resampler.process(padded, 0, padded.length, out, 0);
            pcm = Arrays.copyOf(out, produced);
        }
        return new RecordedCaller(path.getFileName() + " (" + String.format("%.1f s", pcm.length / 8000.0) +
            (rate == 8000 ? "" : ", resampled from " + rate + " Hz") + ")", pcm);
    }

    /**
     * @return how many turns the recording holds.
     */
    public int turnCount()
    {
        int count = 0;
        for (final int turn : turns)
        {
            count = Math.max(count, turn + 1);
        }
        return count;
    }

    @Override
    public int next(final short[] out, final boolean assistantAudible)
    {
        if (frame >= turns.length)
        {
            Arrays.fill(out, 0, FRAME_SAMPLES, (short)0);
            return NO_TURN;
        }
        System.arraycopy(pcm, frame * FRAME_SAMPLES, out, 0, FRAME_SAMPLES);
        return turns[frame++];
    }

    @Override
    public boolean finished()
    {
        return frame >= turns.length;
    }

    @Override
    public String describe()
    {
        final int count = turnCount();
        return name + ", " + count + (count == 1 ? " turn" : " turns");
    }
}
