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
 */
record FrameScore(
    int truePositives,
    int falsePositives,
    int falseNegatives,
    int noiseOnlyFrames,
    int falseAlarms,
    double medianOnsetMs,
    int missedOnsets)
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
        int detected = 0;
        for (final int onset : stream.onsets)
        {
            for (int f = onset; f < Math.min(decisions.length, onset + 50); f++)
            {
                if (decisions[f])
                {
                    latencies[detected++] = (f - onset) * 10.0;
                    break;
                }
            }
        }
        java.util.Arrays.sort(latencies, 0, detected);
        final double median = detected == 0 ? Double.NaN : detected % 2 == 1 ?
            latencies[detected / 2] : 0.5 * (latencies[detected / 2 - 1] + latencies[detected / 2]);
        return new FrameScore(tp, fp, fn, noiseOnly, falseAlarms, median, stream.onsets.length - detected);
    }
}
