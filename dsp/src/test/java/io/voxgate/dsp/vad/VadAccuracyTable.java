package io.voxgate.dsp.vad;

import java.util.Locale;

/**
 * The VAD accuracy table of docs/DSP.md (markdown) for every channel, noise, SNR and mode. Printed by
 * {@code VadAccuracyTest} when the system property {@code vad.table} is set:
 * {@code mvn -B -q -pl dsp test -Dtest=VadAccuracyTest -Dvad.table=true}.
 */
final class VadAccuracyTable
{
    private VadAccuracyTable()
    {
    }

    static String render(final VadEvaluation evaluation)
    {
        final StringBuilder out = new StringBuilder();
        for (final VadEvaluation.Channel channel : VadEvaluation.Channel.values())
        {
            out.append(String.format(Locale.ROOT, "%n#### %s%n%n", channel == VadEvaluation.Channel.MULAW_8K ?
                "8 kHz G.711 mu-law (encoded and decoded)" : "16 kHz linear PCM16"));
            out.append("| noise | SNR dB | mode | precision | recall | F1 | false alarms | median onset ms");
            out.append(" | from audible ms |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            row(out, null, Double.NaN, evaluation.run(channel, null, 0));
            for (final NoiseKind noise : NoiseKind.values())
            {
                for (final double snr : VadEvaluation.SNRS_DB)
                {
                    row(out, noise, snr, evaluation.run(channel, noise, snr));
                }
            }
        }
        return out.toString();
    }

    private static void row(final StringBuilder out, final NoiseKind noise, final double snr, final FrameScore[] scores)
    {
        for (int mode = 0; mode < scores.length; mode++)
        {
            final FrameScore s = scores[mode];
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.1f %% | %.0f | %.0f |%n",
                noise == null ? "none" : noise.name().toLowerCase(Locale.ROOT),
                noise == null ? "-" : String.format(Locale.ROOT, "%.0f", snr),
                mode, s.precision(), s.recall(), s.f1(), 100.0 * s.falseAlarmRate(), s.medianOnsetMs(),
                s.medianAudibleOnsetMs()));
        }
    }
}
