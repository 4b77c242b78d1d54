package io.voxgate.dsp.vad;

import java.util.SplittableRandom;

/**
 * Runs the detector, in every mode, over the evaluation stream mixed with one noise at one SNR and passed through
 * one channel; scores every 10 ms frame. Deterministic: all randomness comes from {@link #SEED}.
 *
 * <p>SNR is the active speech level (see {@link EvaluationStream}) over the noise's mean power, both measured at
 * 16 kHz before the channel.
 */
final class VadEvaluation
{
    static final long SEED = 0x5EED_2026L;
    static final double[] SNRS_DB = {20.0, 10.0, 5.0, 0.0};

    /** How the mixed signal reaches the detector. */
    enum Channel
    {
        /** 8 kHz G.711 mu-law, decoded: a phone call. */
        MULAW_8K(8000),
        /** 16 kHz linear PCM16. */
        PCM_16K(16000);

        final int rate;

        Channel(final int rate)
        {
            this.rate = rate;
        }
    }

    private final short[][] clips;
    private final EvaluationStream stream;

    VadEvaluation()
    {
        clips = SpeechClips.load();
        stream = new EvaluationStream(clips, SEED);
    }

    EvaluationStream stream()
    {
        return stream;
    }

    /**
     * @param channel the channel.
     * @param noise   the noise, or null for clean speech.
     * @param snrDb   the SNR (ignored without noise).
     * @return the score of each mode, indexed by {@link VadMode#level()}.
     */
    FrameScore[] run(final Channel channel, final NoiseKind noise, final double snrDb)
    {
        final short[] input = mix(channel, noise, snrDb);
        final int[] audible = stream.audibleOnsets(noise == null ? 0.0 : noisePower(snrDb));
        final FrameScore[] scores = new FrameScore[VadMode.values().length];
        for (final VadMode mode : VadMode.values())
        {
            scores[mode.level()] = FrameScore.of(stream, decide(input, channel.rate, mode), audible);
        }
        return scores;
    }

    short[] mix(final Channel channel, final NoiseKind noise, final double snrDb)
    {
        final double[] mixed = stream.clean.clone();
        if (noise != null)
        {
            final long conditionSeed = SEED ^ (noise.ordinal() * 1000L + (long)(snrDb * 10));
            final SplittableRandom random = new SplittableRandom(conditionSeed);
            final int mainsHz = snrDb == 10.0 || snrDb == 0.0 ? 60 : 50;
            final double[] n = noise.generate(mixed.length, random, clips, mainsHz);
            final double level = Math.sqrt(noisePower(snrDb));
            for (int i = 0; i < mixed.length; i++)
            {
                mixed[i] += level * n[i];
            }
        }
        return channel == Channel.MULAW_8K ? PhoneChannel.toMuLaw8k(mixed) : PhoneChannel.toPcm16(mixed);
    }

    static double noisePower(final double snrDb)
    {
        return 32768.0 * 32768.0 * Math.pow(10.0, (EvaluationStream.ACTIVE_LEVEL_DBFS - snrDb) / 10.0);
    }

    boolean[] decide(final short[] input, final int rate, final VadMode mode)
    {
        return decide(input, rate, mode, 10);
    }

    /**
     * Decisions on the 10 ms label grid: a longer frame's decision applies to each of its 10 ms parts.
     */
    boolean[] decide(final short[] input, final int rate, final VadMode mode, final int frameMillis)
    {
        final VoiceActivityDetector vad = new VoiceActivityDetector(rate, frameMillis, mode);
        final int frame = vad.samplesPerFrame();
        final int hops = frameMillis / 10;
        final boolean[] decisions = new boolean[stream.frames()];
        for (int f = 0; f + hops <= decisions.length && (f + hops) * (frame / hops) <= input.length; f += hops)
        {
            final boolean speech = vad.process(input, f * (frame / hops));
            for (int h = 0; h < hops; h++)
            {
                decisions[f + h] = speech;
            }
        }
        return decisions;
    }
}
