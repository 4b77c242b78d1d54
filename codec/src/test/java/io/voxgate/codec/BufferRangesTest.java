package io.voxgate.codec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Buffer range checks accept exactly the ranges inside the capacity, including empty ones at the end.
 */
class BufferRangesTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[10]);

    @Test
    void acceptsRangesInsideTheCapacity()
    {
        assertDoesNotThrow(() -> BufferRanges.check(buffer, 0, 10));
        assertDoesNotThrow(() -> BufferRanges.check(buffer, 10, 0));
        assertDoesNotThrow(() -> BufferRanges.check(buffer, 3, 7));
    }

    @Test
    void rejectsRangesOutsideTheCapacity()
    {
        assertThrows(IndexOutOfBoundsException.class, () -> BufferRanges.check(buffer, 0, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> BufferRanges.check(buffer, 11, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> BufferRanges.check(buffer, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> BufferRanges.check(buffer, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> BufferRanges.check(buffer, 1, Integer.MAX_VALUE + 10L));
        final IndexOutOfBoundsException error =
            assertThrows(IndexOutOfBoundsException.class, () -> BufferRanges.check(buffer, 8, 4));
        assertEquals("range [8, 8 + 4) outside buffer of capacity 10", error.getMessage());
    }
}
