package io.voxgate.dsp.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streaming behaviour for every supported ratio: chunked processing (random sizes, 1 sample, 10/20/32 ms) is
 * bit-identical to one-shot processing on every API, {@code reset()} returns to the initial state, output counts
 * follow {@code ceil(n L / M)}, and the two kernels agree bit for bit.
 */
class PolyphaseResamplerStreamingTest
{
    private static final int SECONDS_OF_INPUT = 1;

    static List<FilterSpec> ratios()
    {
        return FilterSpec.supported();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void randomChunksGiveTheOneShotOutputBitForBit(final FilterSpec spec)
    {
        final short[] input = loudNoiseAndTones(spec.fromHz() * SECONDS_OF_INPUT, 7);
        final short[] oneShot = oneShot(spec, input);
        final SplittableRandom random = new SplittableRandom(spec.fromHz() * 31L + spec.toHz());
        for (int round = 0; round < 3; round++)
        {
            final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
            final short[] chunked = new short[oneShot.length];
            int written = 0;
            for (int done = 0; done < input.length; )
            {
                final int chunk = Math.min(input.length - done, 1 + random.nextInt(round == 0 ? 7 : 1500));
                written += resampler.process(input, done, chunk, chunked, written);
                done += chunk;
            }
            assertEquals(oneShot.length, written);
            assertArrayEquals(oneShot, chunked, "round " + round);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void frameSizedAndSingleSampleChunksGiveTheOneShotOutput(final FilterSpec spec)
    {
        final short[] input = loudNoiseAndTones(spec.fromHz() / 2, 11);
        final short[] oneShot = oneShot(spec, input);
        for (final int chunk : new int[]{1, spec.fromHz() / 100, spec.fromHz() / 50, spec.fromHz() * 32 / 1000, 333})
        {
            final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
            final short[] chunked = new short[oneShot.length];
            int written = 0;
            for (int done = 0; done < input.length; done += chunk)
            {
                written += resampler.process(input, done, Math.min(chunk, input.length - done), chunked, written);
            }
            assertArrayEquals(oneShot, chunked, "chunk " + chunk);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void directBuffersGiveTheSameOutputAsShortArrays(final FilterSpec spec)
    {
        final short[] input = loudNoiseAndTones(spec.fromHz() / 2, 13);
        final short[] expected = oneShot(spec, input);
        final int offset = 6;
        final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(offset + 2 * input.length));
        for (int i = 0; i < input.length; i++)
        {
            src.putShort(offset + 2 * i, input[i], ByteOrder.LITTLE_ENDIAN);
        }
        final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[offset + 2 * resampler.maxOutputSamples(input.length)]);
        int written = 0;
        final int chunk = spec.fromHz() / 50 + 3;
        for (int done = 0; done < input.length; done += chunk)
        {
            written += resampler.process(src, offset + 2 * done, Math.min(chunk, input.length - done), dst,
                offset + 2 * written);
        }
        assertEquals(expected.length, written);
        for (int i = 0; i < written; i++)
        {
            assertEquals(expected[i], dst.getShort(offset + 2 * i, ByteOrder.LITTLE_ENDIAN), "sample " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void floatPathChunkedEqualsOneShotAndRoundsToTheShortPath(final FilterSpec spec)
    {
        final short[] pcm = loudNoiseAndTones(spec.fromHz() / 2, 17);
        final float[] input = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++)
        {
            input[i] = pcm[i];
        }
        final PolyphaseResampler whole = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final float[] expected = new float[whole.maxOutputSamples(input.length)];
        final int count = whole.process(input, 0, input.length, expected, 0);

        final PolyphaseResampler chunked = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final float[] actual = new float[count];
        final SplittableRandom random = new SplittableRandom(5);
        int written = 0;
        for (int done = 0; done < input.length; )
        {
            final int chunk = Math.min(input.length - done, 1 + random.nextInt(900));
            written += chunked.process(input, done, chunk, actual, written);
            done += chunk;
        }
        assertEquals(count, written);
        assertArrayEquals(Arrays.copyOf(expected, count), actual);

        final short[] shortPath = oneShot(spec, pcm);
        for (int i = 0; i < count; i++)
        {
            final long rounded = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round((double)actual[i])));
            assertEquals(rounded, shortPath[i], "sample " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void resetGivesTheOutputOfAFreshInstance(final FilterSpec spec)
    {
        final short[] input = loudNoiseAndTones(spec.fromHz() / 5, 19);
        final short[] fresh = oneShot(spec, input);
        final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final short[] out = new short[resampler.maxOutputSamples(input.length)];
        resampler.process(input, 0, 1237, out, 0);
        resampler.reset();
        final int count = resampler.process(input, 0, input.length, out, 0);
        assertArrayEquals(fresh, Arrays.copyOf(out, count));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void outputCountIsCeilingOfInputTimesRatio(final FilterSpec spec)
    {
        final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final short[] input = new short[1000];
        final short[] out = new short[resampler.maxOutputSamples(input.length)];
        long consumed = 0;
        long produced = 0;
        final SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 500; i++)
        {
            final int chunk = random.nextInt(1000);
            final int expected = resampler.outputSamples(chunk);
            assertTrue(expected <= resampler.maxOutputSamples(chunk));
            final int count = resampler.process(input, 0, chunk, out, 0);
            assertEquals(expected, count);
            consumed += chunk;
            produced += count;
            final long total = (consumed * spec.upFactor() + spec.downFactor() - 1) / spec.downFactor();
            assertEquals(total, produced, "after " + consumed + " inputs");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void blockedAndDotProductKernelsAgreeBitForBit(final FilterSpec spec)
    {
        final FilterBank bank = FilterBank.forRates(spec.fromHz(), spec.toHz());
        assertEquals(spec.upFactor() <= 8, bank.vectorised());
        if (!bank.vectorised())
        {
            // 22 050 Hz ratios: only the dot-product kernel serves them (the float path test covers it).
            return;
        }
        final short[] input = loudNoiseAndTones(spec.fromHz() / 4, 29);
        final PolyphaseResampler blocked = new PolyphaseResampler(bank, true);
        final PolyphaseResampler dot = new PolyphaseResampler(bank, false);
        final short[] a = new short[blocked.maxOutputSamples(input.length)];
        final short[] b = new short[a.length];
        int countA = 0;
        int countB = 0;
        for (int done = 0; done < input.length; done += 97)
        {
            final int chunk = Math.min(97, input.length - done);
            countA += blocked.process(input, done, chunk, a, countA);
            countB += dot.process(input, done, chunk, b, countB);
        }
        assertEquals(countA, countB);
        assertArrayEquals(b, a);
    }

    @Test
    void oneStreamKeepsOneSampleFormatUntilReset()
    {
        final PolyphaseResampler resampler = new PolyphaseResampler(16000, 8000);
        resampler.process(new short[10], 0, 10, new short[5], 0);
        assertThrows(IllegalStateException.class, () -> resampler.process(new float[10], 0, 10, new float[5], 0));
        resampler.reset();
        assertEquals(5, resampler.process(new float[10], 0, 10, new float[5], 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void drainSamplesFlushTheWholeResponse(final FilterSpec spec)
    {
        final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final int drain = resampler.drainInputSamples();
        final float[] impulse = {1f};
        final float[] zeros = new float[drain + 1000];
        final float[] out = new float[resampler.maxOutputSamples(zeros.length) + 1];
        resampler.process(impulse, 0, 1, out, 0);
        final int drained = resampler.process(zeros, 0, drain, out, 0);
        assertTrue(drained > 0);
        final int after = resampler.process(zeros, 0, 1000, out, 0);
        for (int i = 0; i < after; i++)
        {
            assertEquals(0f, out[i], "output " + i + " after the drain");
        }
    }

    @Test
    void roundsHalfUpAndSaturatesLikeMathRound()
    {
        final SplittableRandom random = new SplittableRandom(41);
        for (int k = -33000; k <= 33000; k++)
        {
            final float half = k + 0.5f;
            for (final float v : new float[]{k, half, Math.nextUp(half), Math.nextDown(half), Math.nextUp((float)k),
                Math.nextDown((float)k)})
            {
                assertEquals(clampedRound(v), PolyphaseResampler.saturate(v), "value " + v);
            }
        }
        for (int i = 0; i < 1_000_000; i++)
        {
            final float v = Float.intBitsToFloat(random.nextInt());
            assertEquals(clampedRound(v), PolyphaseResampler.saturate(v), "value " + v);
        }
        for (final float v : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f,
            0.49999997f, -0.50000006f, 32767.5f, -32768.5f, 1e30f, -1e30f})
        {
            assertEquals(clampedRound(v), PolyphaseResampler.saturate(v), "value " + v);
        }
    }

    private static short clampedRound(final float v)
    {
        return (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    @Test
    void saturatesInsteadOfWrapping()
    {
        // A full-scale square wave overshoots (Gibbs) after low-pass filtering; the overshoot must clip, not wrap.
        final PolyphaseResampler resampler = new PolyphaseResampler(8000, 16000);
        final short[] input = new short[800];
        for (int i = 0; i < input.length; i++)
        {
            input[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        final float[] exact = new float[1600];
        final float[] floats = new float[input.length];
        for (int i = 0; i < input.length; i++)
        {
            floats[i] = input[i];
        }
        new PolyphaseResampler(8000, 16000).process(floats, 0, floats.length, exact, 0);
        final short[] out = new short[1600];
        resampler.process(input, 0, input.length, out, 0);
        int clipped = 0;
        for (int i = 0; i < out.length; i++)
        {
            if (exact[i] > Short.MAX_VALUE)
            {
                assertEquals(Short.MAX_VALUE, out[i]);
                clipped++;
            }
            else if (exact[i] < Short.MIN_VALUE)
            {
                assertEquals(Short.MIN_VALUE, out[i]);
                clipped++;
            }
        }
        assertTrue(clipped > 0, "the square wave overshoots");
    }

    @Test
    void rejectsTooSmallDestinationWithoutConsumingInput()
    {
        final PolyphaseResampler resampler = new PolyphaseResampler(8000, 16000);
        final short[] input = loudNoiseAndTones(160, 3);
        final short[] small = new short[319];
        assertThrows(IllegalArgumentException.class, () -> resampler.process(input, 0, 160, small, 0));
        final short[] out = new short[320];
        assertEquals(320, resampler.process(input, 0, 160, out, 0));
        assertArrayEquals(oneShot(FilterSpec.of(8000, 16000), input), out);
    }

    @Test
    void rejectsUnsupportedRates()
    {
        assertThrows(IllegalArgumentException.class, () -> new PolyphaseResampler(44100, 16000));
        assertThrows(IllegalArgumentException.class, () -> new PolyphaseResampler(16000, 16000));
    }

    @Test
    void sharesOneFilterBankPerPair()
    {
        assertTrue(new PolyphaseResampler(8000, 16000).filterBank() == new PolyphaseResampler(8000, 16000)
            .filterBank());
    }

    private static short[] oneShot(final FilterSpec spec, final short[] input)
    {
        final PolyphaseResampler resampler = new PolyphaseResampler(spec.fromHz(), spec.toHz());
        final short[] out = new short[resampler.maxOutputSamples(input.length)];
        final int count = resampler.process(input, 0, input.length, out, 0);
        return Arrays.copyOf(out, count);
    }

    /**
     * Near-full-scale noise plus tones: exercises every tap and the int16 saturation.
     */
    static short[] loudNoiseAndTones(final int length, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final short[] samples = new short[length];
        for (int i = 0; i < length; i++)
        {
            final double tone = 20000 * Math.sin(i * 0.21) + 9000 * Math.sin(i * 1.37);
            final double value = tone + random.nextGaussian() * 6000;
            samples[i] = (short)Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        }
        return samples;
    }
}
