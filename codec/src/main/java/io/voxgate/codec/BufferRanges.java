package io.voxgate.codec;

import org.agrona.DirectBuffer;

/**
 * Range checks for code that validates a buffer range once and then accesses it raw.
 *
 * <p>Unlike {@link DirectBuffer#boundsCheck(int, int)}, these hold even when Agrona's bounds checks are switched off
 * ({@code agrona.disable.bounds.checks=true}), so a bad range is always an exception and never a stray write.
 * They allocate only when they throw. Stateless and thread-safe.
 */
public final class BufferRanges
{
    private BufferRanges()
    {
    }

    /**
     * Checks that {@code [offset, offset + length)} lies inside the buffer's current capacity.
     *
     * @param buffer the buffer.
     * @param offset first index of the range.
     * @param length length of the range; a {@code long} so that callers can pass products without overflow.
     * @throws IndexOutOfBoundsException if the range is negative or does not fit.
     */
    public static void check(final DirectBuffer buffer, final int offset, final long length)
    {
        final int capacity = buffer.capacity();
        if (offset < 0 || length < 0 || offset > capacity - length)
        {
            throw new IndexOutOfBoundsException(
                "range [" + offset + ", " + offset + " + " + length + ") outside buffer of capacity " + capacity);
        }
    }
}
