package io.voxgate.dsp.resample;

import java.util.Arrays;

/**
 * The inner loops of {@link PolyphaseResampler}. All of them compute every output as the same sequence of float
 * operations: {@code acc = 0; for each group of four taps: acc += (c0 x0 + c1 x1) + (c2 x2 + c3 x3)}, the groups in
 * the order {@link FilterBank#interleave()} defines, so they give bit-identical results and an output never depends
 * on how the input was chunked or which loop computed it.
 *
 * <ul>
 *   <li>{@link #blocked} vectorises across outputs: outputs {@code q = r + jL} of one residue class share a phase and
 *   step through the input by M, so for each group of taps it runs {@code acc[j] += ...x[o + j]...}, a stride-one
 *   loop that C2's SuperWord turns into SIMD. Measured trade-offs that shape it (JDK 25, AVX-512):
 *   <ul>
 *     <li>the history is {@code short[]} and the accumulators {@code float[]}: C2 cannot prove two {@code float[]}
 *     references distinct, and with an unknown offset between them it refuses to vectorise (3x slower);</li>
 *     <li>each tap of a group reads its own copy of the history: with one array, the load of tap k at j + 1 and of
 *     tap k + 1 at j are the same node after value numbering, which stops SuperWord from packing either;</li>
 *     <li>with M greater than one the history is first de-interleaved into M streams so that the step M becomes
 *     one, and the taps are summed stream by stream so that a group's four loads are consecutive samples of one
 *     stream; with four unrelated per-tap offsets the loop stayed scalar (about 3x slower).</li>
 *   </ul>
 *   Used when L is small.</li>
 *   <li>{@code dotProducts} computes one output at a time; used when L is large (22 050 Hz ratios, L = 160/320,
 *   where a residue class holds about one output per block, so blocking would only add overhead) and on the float
 *   path.</li>
 * </ul>
 */
final class PolyphaseKernel
{
    private PolyphaseKernel()
    {
    }

    /**
     * Outputs {@code 0..count-1} of a block from a PCM16 history, one dot product each.
     *
     * @param coefficients phase-major taps in summation order (see {@link FilterBank#interleave()}).
     * @param taps         K.
     * @param up           L.
     * @param down         M.
     * @param interleave   D, the stride of the summation order (see {@link FilterBank#interleave()}).
     * @param history      window of output q starts at history[(t + qM) / L].
     * @param t            prototype position of output 0, relative to L times the block's first window start.
     * @param count        outputs to compute.
     * @param out          receives the outputs.
     */
    static void dotProducts(
        final float[] coefficients,
        final int taps,
        final int up,
        final int down,
        final int interleave,
        final short[] history,
        final int t,
        final int count,
        final float[] out)
    {
        for (int q = 0; q < count; q++)
        {
            final int position = t + q * down;
            final int start = position / up;
            final int c = (position - start * up) * taps;
            float acc = 0f;
            int k = c;
            for (int stream = 0; stream < interleave; stream++)
            {
                for (int x = start + stream, end = x + taps; x < end; x += 4 * interleave, k += 4)
                {
                    acc += (coefficients[k] * history[x] + coefficients[k + 1] * history[x + interleave]) +
                        (coefficients[k + 2] * history[x + 2 * interleave] +
                        coefficients[k + 3] * history[x + 3 * interleave]);
                }
            }
            out[q] = acc;
        }
    }

    /**
     * As {@link #dotProducts(float[], int, int, int, int, short[], int, int, float[])} from a float history.
     */
    static void dotProducts(
        final float[] coefficients,
        final int taps,
        final int up,
        final int down,
        final int interleave,
        final float[] history,
        final int t,
        final int count,
        final float[] out)
    {
        for (int q = 0; q < count; q++)
        {
            final int position = t + q * down;
            final int start = position / up;
            final int c = (position - start * up) * taps;
            float acc = 0f;
            int k = c;
            for (int stream = 0; stream < interleave; stream++)
            {
                for (int x = start + stream, end = x + taps; x < end; x += 4 * interleave, k += 4)
                {
                    acc += (coefficients[k] * history[x] + coefficients[k + 1] * history[x + interleave]) +
                        (coefficients[k + 2] * history[x + 2 * interleave] +
                        coefficients[k + 3] * history[x + 3 * interleave]);
                }
            }
            out[q] = acc;
        }
    }

    /**
     * Outputs {@code 0..count-1} of a block from a PCM16 history, vectorised across each residue class; the bank's
     * interleave must be M.
     *
     * @param coefficients phase-major taps in summation order (see {@link FilterBank#interleave()}).
     * @param taps         K.
     * @param up           L.
     * @param down         M.
     * @param s0           the history itself when M is 1, else its M de-interleaved streams
     *                     ({@code s0[(i % M) * stride + i / M] == history[i]}).
     * @param s1           an identical copy of s0.
     * @param s2           an identical copy of s0.
     * @param s3           an identical copy of s0.
     * @param stride       length of one de-interleaved stream (unused when M is 1).
     * @param t            prototype position of output 0, relative to L times the block's first window start.
     * @param count        outputs to compute.
     * @param acc          scratch, at least {@code ceil(count / L)} long.
     * @param out          receives the outputs.
     */
    static void blocked(
        final float[] coefficients,
        final int taps,
        final int up,
        final int down,
        final short[] s0,
        final short[] s1,
        final short[] s2,
        final short[] s3,
        final int stride,
        final int t,
        final int count,
        final float[] acc,
        final float[] out)
    {
        final int classes = Math.min(up, count);
        for (int r = 0; r < classes; r++)
        {
            final int position = t + r * down;
            final int start = position / up;
            final int c = (position - start * up) * taps;
            final int length = (count - r + up - 1) / up;
            Arrays.fill(acc, 0, length, 0f);
            final int perStream = taps / down;
            // Window positions stream + aM of output j are samples (start + stream) / M + a + j of lane
            // (start + stream) % M: a group's four taps read four consecutive samples, a relation SuperWord can see.
            // The divisions run once per stream, not once per group of four taps.
            int index = start;
            int base = (index % down) * stride + index / down;
            int a = 0;
            for (int g = 0; g < taps; g += 4)
            {
                final int o = base + a;
                final float c0 = coefficients[c + g];
                final float c1 = coefficients[c + g + 1];
                final float c2 = coefficients[c + g + 2];
                final float c3 = coefficients[c + g + 3];
                for (int j = 0; j < length; j++)
                {
                    acc[j] += (c0 * s0[o + j] + c1 * s1[o + 1 + j]) + (c2 * s2[o + 2 + j] + c3 * s3[o + 3 + j]);
                }
                a += 4;
                if (a == perStream)
                {
                    a = 0;
                    index++;
                    base = (index % down) * stride + index / down;
                }
            }
            for (int j = 0, q = r; j < length; j++, q += up)
            {
                out[q] = acc[j];
            }
        }
    }

    /**
     * Splits {@code history[0..length)} into M streams of {@code stride} samples, so that stepping by M through the
     * history is stepping by one through a stream.
     */
    static void deinterleave(final short[] history, final int length, final int down, final short[] streams,
        final int stride)
    {
        for (int phase = 0; phase < down; phase++)
        {
            final int base = phase * stride;
            for (int i = phase, s = 0; i < length; i += down, s++)
            {
                streams[base + s] = history[i];
            }
        }
    }
}
