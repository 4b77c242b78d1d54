package io.voxgate.dsp.vad;

import java.util.SplittableRandom;

/**
 * The noises of the VAD evaluation, generated at 16 kHz from a seeded generator, each with unit mean power.
 */
enum NoiseKind
{
    /** Gaussian white noise. */
    WHITE,
    /** Gaussian noise with a -3 dB/octave slope (Paul Kellet's refined pink filter). */
    PINK,
    /** Mains hum: a 50 or 60 Hz fundamental and its harmonics up to 1 kHz, amplitudes falling as 1/n. */
    HUM,
    /** Babble: six talkers from the corpus clips, each a random back-to-back sequence, summed. */
    BABBLE;

    /**
     * @param length  samples wanted.
     * @param random  the seeded source.
     * @param clips   the corpus clips (for babble).
     * @param mainsHz 50 or 60 (for hum).
     * @return unit-power noise.
     */
    double[] generate(final int length, final SplittableRandom random, final short[][] clips, final int mainsHz)
    {
        final double[] noise = new double[length];
        switch (this)
        {
            case WHITE ->
            {
                for (int i = 0; i < length; i++)
                {
                    noise[i] = gaussian(random);
                }
            }
            case PINK ->
            {
                double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
                for (int i = 0; i < length; i++)
                {
                    final double white = gaussian(random);
                    b0 = 0.99886 * b0 + white * 0.0555179;
                    b1 = 0.99332 * b1 + white * 0.0750759;
                    b2 = 0.96900 * b2 + white * 0.1538520;
                    b3 = 0.86650 * b3 + white * 0.3104856;
                    b4 = 0.55000 * b4 + white * 0.5329522;
                    b5 = -0.7616 * b5 - white * 0.0168980;
                    noise[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
                    b6 = white * 0.115926;
                }
            }
            case HUM ->
            {
                final int harmonics = 1000 / mainsHz;
                final double[] phase = new double[harmonics + 1];
                for (int h = 1; h <= harmonics; h++)
                {
                    phase[h] = random.nextDouble() * 2.0 * Math.PI;
                }
                // 1600 samples at 16 kHz hold whole cycles of both 50 Hz (5) and 60 Hz (6).
                final double[] period = new double[1600];
                for (int i = 0; i < period.length; i++)
                {
                    double sum = 0.0;
                    for (int h = 1; h <= harmonics; h++)
                    {
                        sum += Math.sin(2.0 * Math.PI * mainsHz * h * i / SpeechClips.RATE + phase[h]) / h;
                    }
                    period[i] = sum;
                }
                for (int i = 0; i < length; i++)
                {
                    noise[i] = period[i % period.length];
                }
            }
            case BABBLE ->
            {
                for (int talker = 0; talker < 6; talker++)
                {
                    int position = -random.nextInt(SpeechClips.RATE);
                    while (position < length)
                    {
                        final short[] clip = clips[random.nextInt(clips.length)];
                        for (int i = 0; i < clip.length; i++)
                        {
                            final int at = position + i;
                            if (at >= 0 && at < length)
                            {
                                noise[at] += clip[i];
                            }
                        }
                        position += clip.length + random.nextInt(SpeechClips.RATE / 10);
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        double power = 0.0;
        for (final double x : noise)
        {
            power += x * x;
        }
        final double scale = 1.0 / Math.sqrt(power / length);
        for (int i = 0; i < length; i++)
        {
            noise[i] *= scale;
        }
        return noise;
    }

    private static double gaussian(final SplittableRandom random)
    {
        return random.nextGaussian();
    }
}
