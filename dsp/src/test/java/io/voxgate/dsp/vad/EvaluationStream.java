package io.voxgate.dsp.vad;

import java.util.SplittableRandom;

/**
 * The clean half of the VAD evaluation: the corpus clips placed between known silences at 16 kHz, with a label per
 * 10 ms frame.
 *
 * <p>Layout: 1 s of silence, then every clip twice (two shuffled passes), each followed by a silence of 0.8 to 2.0 s
 * (whole frames, seeded). Each clip is scaled so its active speech level (mean power over its speech frames) is
 * {@value #ACTIVE_LEVEL_DBFS} dBFS, the nominal telephony level.
 *
 * <p>Label rule, on the clean clip: a 10 ms frame is speech when its RMS is at most {@value #LABEL_RANGE_DB} dB below
 * the clip's loudest frame; then pauses of up to {@value #LABEL_GAP_FRAMES} frames between speech frames of the same
 * clip are speech too (stop closures and word joins belong to the utterance, as in hand labelling). Everything
 * outside the clips is noise-only.
 */
final class EvaluationStream
{
    static final double ACTIVE_LEVEL_DBFS = -26.0;
    static final double LABEL_RANGE_DB = 40.0;
    static final int LABEL_GAP_FRAMES = 10;
    static final int FRAME = SpeechClips.RATE / 100;

    final double[] clean;
    final boolean[] speech;
    final boolean[] noiseOnly;
    final int[] onsets;

    EvaluationStream(final short[][] clips, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int passes = 2;
        final int[] order = new int[clips.length * passes];
        final int[] gapFrames = new int[order.length];
        int totalFrames = 100;
        for (int pass = 0; pass < passes; pass++)
        {
            for (int i = 0; i < clips.length; i++)
            {
                order[pass * clips.length + i] = i;
            }
            for (int i = clips.length - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final int t = order[pass * clips.length + i];
                order[pass * clips.length + i] = order[pass * clips.length + j];
                order[pass * clips.length + j] = t;
            }
        }
        for (int i = 0; i < order.length; i++)
        {
            gapFrames[i] = 80 + random.nextInt(121);
            totalFrames += frames(clips[order[i]]) + gapFrames[i];
        }

        clean = new double[totalFrames * FRAME];
        speech = new boolean[totalFrames];
        noiseOnly = new boolean[totalFrames];
        onsets = new int[order.length];
        java.util.Arrays.fill(noiseOnly, true);

        int frame = 100;
        for (int i = 0; i < order.length; i++)
        {
            final short[] clip = clips[order[i]];
            final int clipFrames = frames(clip);
            final boolean[] labels = label(clip);
            double activePower = 0.0;
            int activeFrames = 0;
            for (int f = 0; f < clipFrames; f++)
            {
                if (labels[f])
                {
                    activePower += framePower(clip, f);
                    activeFrames++;
                }
            }
            activePower /= activeFrames;
            final double target = 32768.0 * 32768.0 * Math.pow(10.0, ACTIVE_LEVEL_DBFS / 10.0);
            final double gain = Math.sqrt(target / activePower);
            for (int s = 0; s < clip.length; s++)
            {
                clean[frame * FRAME + s] = clip[s] * gain;
            }
            onsets[i] = -1;
            for (int f = 0; f < clipFrames; f++)
            {
                speech[frame + f] = labels[f];
                noiseOnly[frame + f] = false;
                if (labels[f] && onsets[i] < 0)
                {
                    onsets[i] = frame + f;
                }
            }
            frame += clipFrames + gapFrames[i];
        }
    }

    /**
     * The first frame of each clip, at or after its labelled onset, whose clean power reaches the noise power: where
     * the speech becomes audible in the noise. At low SNR the labelled onset is often a weak consonant tens of
     * decibels under the noise, which no detector can see.
     *
     * @param noisePower mean noise power in PCM16 units squared (0 for clean speech).
     * @return frame index per clip, in clip order.
     */
    int[] audibleOnsets(final double noisePower)
    {
        final int[] audible = new int[onsets.length];
        for (int i = 0; i < onsets.length; i++)
        {
            int frame = onsets[i];
            while (frame < frames() - 1 && framePower(frame) < noisePower)
            {
                frame++;
            }
            audible[i] = frame;
        }
        return audible;
    }

    private double framePower(final int frame)
    {
        double sum = 0.0;
        for (int s = frame * FRAME; s < (frame + 1) * FRAME; s++)
        {
            sum += clean[s] * clean[s];
        }
        return sum / FRAME;
    }

    int frames()
    {
        return speech.length;
    }

    private static int frames(final short[] clip)
    {
        return (clip.length + FRAME - 1) / FRAME;
    }

    private static double framePower(final short[] clip, final int frame)
    {
        double sum = 0.0;
        for (int s = frame * FRAME, end = Math.min(clip.length, s + FRAME); s < end; s++)
        {
            sum += (double)clip[s] * clip[s];
        }
        return sum / FRAME;
    }

    static boolean[] label(final short[] clip)
    {
        final int frames = frames(clip);
        double peak = 0.0;
        for (int f = 0; f < frames; f++)
        {
            peak = Math.max(peak, framePower(clip, f));
        }
        final double threshold = peak * Math.pow(10.0, -LABEL_RANGE_DB / 10.0);
        final boolean[] labels = new boolean[frames];
        int last = -1;
        for (int f = 0; f < frames; f++)
        {
            if (framePower(clip, f) >= threshold)
            {
                if (last >= 0 && f - last - 1 <= LABEL_GAP_FRAMES)
                {
                    for (int g = last + 1; g < f; g++)
                    {
                        labels[g] = true;
                    }
                }
                labels[f] = true;
                last = f;
            }
        }
        return labels;
    }
}
