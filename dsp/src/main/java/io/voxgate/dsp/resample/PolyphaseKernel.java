package io.voxgate.dsp.resample;

import java.util.Arrays;

/**
 * The two inner loops of {@link PolyphaseResampler}. Both compute every output as the same sequence of float
 * operations: {@code acc = 0; for each group of four taps: acc += (c0 x0 + c1 x1) + (c2 x2 + c3 x3)}, so they give
 * bit-identical results and an output never depends on how the input was chunked.
 *
 * <ul>
 *   <li>{@link #blocked} vectorises across outputs: for each residue class of outputs (outputs {@code q = r + jL}
 *   share a phase and step through the input by M) and each group of taps it runs
 *   {@code acc[j] += ...src[o + j]...}, a stride-one loop C2's SuperWord turns into SIMD. With M greater than one the
 *   history is first de-interleaved into M streams so that the step M becomes one. Used when L is small.</li>
 *   <li>{@link #dotProducts} computes one output at a time; used when L is large (22 050 Hz ratios, L = 160/320,
 *   where each residue class holds about one output per block and blocking would only add overhead).</li>
 * </ul>
 */
final class PolyphaseKernel
{
    private PolyphaseKernel()
    {
    }

    /**
     * Outputs {@code 0..count-1} of a block, one dot product each.
     *
     * @param coefficients phase-major, reversed taps.
     * @param taps         K.
     * @param up           L.
     * @param down         M.
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
            for (int g = 0; g < taps; g += 4)
            {
                final int x = start + g;
                final int k = c + g;
                acc += (coefficients[k] * history[x] + coefficients[k + 1] * history[x + 1]) +
                    (coefficients[k + 2] * history[x + 2] + coefficients[k + 3] * history[x + 3]);
            }
            out[q] = acc;
        }
    }

    /**
     * Outputs {@code 0..count-1} of a block, vectorised across each residue class.
     *
     * @param coefficients phase-major, reversed taps.
     * @param taps         K.
     * @param up           L.
     * @param down         M.
     * @param source       the history itself when M is 1, else its M de-interleaved streams
     *                     ({@code source[(i % M) * stride + i / M] == history[i]}).
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
        final float[] source,
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
            for (int g = 0; g < taps; g += 4)
            {
                final float c0 = coefficients[c + g];
                final float c1 = coefficients[c + g + 1];
                final float c2 = coefficients[c + g + 2];
                final float c3 = coefficients[c + g + 3];
                final int o0 = offset(start + g, down, stride);
                final int o1 = offset(start + g + 1, down, stride);
                final int o2 = offset(start + g + 2, down, stride);
                final int o3 = offset(start + g + 3, down, stride);
                for (int j = 0; j < length; j++)
                {
                    acc[j] += (c0 * source[o0 + j] + c1 * source[o1 + j]) +
                        (c2 * source[o2 + j] + c3 * source[o3 + j]);
                }
            }
            for (int j = 0, q = r; j < length; j++, q += up)
            {
                out[q] = acc[j];
            }
        }
    }

    /**
     * Splits {@code history[0..length)} into M streams so that stepping by M through the history is stepping by one
     * through a stream.
     */
    static void deinterleave(final float[] history, final int length, final int down, final float[] streams,
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

    private static int offset(final int historyIndex, final int down, final int stride)
    {
        return down == 1 ? historyIndex : (historyIndex % down) * stride + historyIndex / down;
    }
}
