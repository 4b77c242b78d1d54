package io.voxgate.dsp.vad;

/**
 * Frame-level accuracy of one detector run against the labels.
 *
 * @param truePositives   speech frames called speech.
 * @param falsePositives  non-speech frames called speech.
 * @param falseNegatives  speech frames called non-speech.
 * @param noiseOnlyFrames frames in the silences between clips.
 * @param falseAlarms     of those, frames called speech.
 * @param medianOnsetMs   median delay from a clip's first speech frame to the first detected frame.
 * @param missedOnsets    clips whose first 500 ms of speech went undetected.
 * @param medianAudibleOnsetMs median delay from the first frame where the speech is as loud as the noise (see
 *                        {@link EvaluationStream#audibleOnsets(double)}) to the first detected frame; negative when
 *                        the detector fires on the weaker frames before it.
 */
record FrameScore(
    int truePositives,
    int falsePositives,
    int falseNegatives,
    int noiseOnlyFrames,
    int falseAlarms,
    double medianOnsetMs,
    int missedOnsets,
    double medianAudibleOnsetMs)
{
    double precision()
    {
        return truePositives / (double)Math.max(1, truePositives + falsePositives);
    }

    double recall()
    {
        return truePositives / (double)Math.max(1, truePositives + falseNegatives);
    }

    double f1()
    {
        return 2.0 * truePositives / Math.max(1, 2 * truePositives + falsePositives + falseNegatives);
    }

    double falseAlarmRate()
    {
        return falseAlarms / (double)Math.max(1, noiseOnlyFrames);
    }

    static FrameScore of(final EvaluationStream stream, final boolean[] decisions)
    {
        return of(stream, decisions, stream.onsets);
    }

    static FrameScore of(final EvaluationStream stream, final boolean[] decisions, final int[] audibleOnsets)
    {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int noiseOnly = 0;
        int falseAlarms = 0;
        for (int f = 0; f < decisions.length; f++)
        {
            final boolean truth = stream.speech[f];
            if (truth && decisions[f])
            {
                tp++;
            }
            else if (decisions[f])
            {
                fp++;
            }
            else if (truth)
            {
                fn++;
            }
            if (stream.noiseOnly[f])
            {
                noiseOnly++;
                if (decisions[f])
                {
                    falseAlarms++;
                }
            }
        }
        final double[] latencies = new double[stream.onsets.length];
        final double[] audibleLatencies = new double[stream.onsets.length];
        int detected = 0;
        for (int i = 0; i < stream.onsets.length; i++)
        {
            final int onset = stream.onsets[i];
            for (int f = onset; f < Math.min(decisions.length, onset + 50); f++)
            {
                if (decisions[f])
                {
                    latencies[detected] = (f - onset) * 10.0;
                    audibleLatencies[detected] = (f - audibleOnsets[i]) * 10.0;
                    detected++;
                    break;
                }
            }
        }
        return new FrameScore(tp, fp, fn, noiseOnly, falseAlarms, median(latencies, detected),
            stream.onsets.length - detected, median(audibleLatencies, detected));
    }

    private static double median(final double[] values, final int count)
    {
        java.util.Arrays.sort(values, 0, count);
        if (count == 0)
        {
            return Double.NaN;
        }
        return count % 2 == 1 ? values[count / 2] : 0.5 * (values[count / 2 - 1] + values[count / 2]);
    }
}
