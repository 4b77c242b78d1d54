package io.voxgate.server.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.Sequence;
import io.voxgate.codec.base64.Base64Decoder;
import io.voxgate.codec.base64.Base64Error;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngressRingTest
{
    private final PipelineCounters counters = new PipelineCounters();
    private final Base64Decoder decoder = new Base64Decoder();

    /** A ring whose only consumer never moves, so nothing is ever freed. */
    private IngressRing stalledRing(final int size)
    {
        final IngressRing ring = new IngressRing(size, 4, new BlockingWaitStrategy(), counters);
        ring.ringBuffer().addGatingSequences(new Sequence(-1));
        return ring;
    }

    @Test
    void decodesTheMediaPayloadStraightIntoTheSlot()
    {
        final IngressRing ring = stalledRing(8);
        final byte[] mulaw = CallAudio.speech(1, 0);
        final byte[] ascii = Base64.getEncoder().encode(mulaw);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[ascii.length + 10]);
        frame.putBytes(5, ascii);

        assertEquals(PublishResult.PUBLISHED,
            ring.tryPublishMedia(2, 123L, 7L, 140L, frame, 5, ascii.length, decoder));
        final IngressSlot slot = ring.ringBuffer().get(0);
        assertEquals(2, slot.sessionIndex());
        assertEquals(SlotKind.MEDIA, slot.kind());
        assertEquals(7L, slot.sequence());
        assertEquals(123L, slot.receivedNanos());
        assertEquals(140L, slot.mediaTimestampMs());
        assertEquals(160, slot.payloadLength());
        final byte[] copied = new byte[160];
        slot.buffer().getBytes(slot.payloadOffset(), copied);
        assertEquals(java.util.Arrays.toString(mulaw), java.util.Arrays.toString(copied));
        assertEquals(1, counters.ingressMediaFrames());
        assertEquals(160, counters.ingressMediaBytes());
        assertEquals(0, ring.ringBuffer().get(1).payloadOffset() - slot.payloadOffset() - IngressSlot.SLOT_LENGTH);
    }

    @Test
    void invalidBase64PublishesOnlyADiscardedSlotAndSaysWhy()
    {
        final IngressRing ring = stalledRing(8);
        assertEquals(PublishResult.INVALID_BASE64, ring.tryPublishMedia(0, 1L, 1L, 20L, "AAAA*AAA", 0, 8, decoder));
        assertEquals(Base64Error.ILLEGAL_CHARACTER, decoder.error());
        assertEquals(4, decoder.errorIndex());
        assertEquals(SlotKind.DISCARDED, ring.ringBuffer().get(0).kind());
        assertEquals(1, counters.ingressInvalidBase64());
        assertEquals(0, counters.ingressMediaFrames());
    }

    @Test
    void oversizedPayloadIsRejectedBeforeClaimingASlot()
    {
        final IngressRing ring = stalledRing(8);
        final String payload = Base64.getEncoder().encodeToString(new byte[IngressSlot.MAX_PAYLOAD + 3]);
        assertEquals(PublishResult.PAYLOAD_TOO_LARGE,
            ring.tryPublishMedia(0, 1L, 1L, 20L, payload, 0, payload.length(), decoder));
        assertEquals(-1L, ring.ringBuffer().getCursor());
        final String largest = Base64.getEncoder().encodeToString(new byte[IngressSlot.MAX_PAYLOAD]);
        assertEquals(PublishResult.PUBLISHED,
            ring.tryPublishMedia(0, 1L, 1L, 20L, largest, 0, largest.length(), decoder));
        assertEquals(IngressSlot.MAX_PAYLOAD, ring.ringBuffer().get(0).payloadLength());
        assertEquals(1, counters.ingressPayloadTooLarge());
    }

    @Test
    void fullRingDropsMediaFirstKeepsTheReserveForControlAndNeverBlocks()
    {
        final IngressRing ring = stalledRing(32);
        final String payload = CallAudio.frame(CallAudio.silence(1), 0);
        int media = 0;
        while (ring.tryPublishMedia(0, 1L, 1L, 20L, payload, 0, payload.length(), decoder) == PublishResult.PUBLISHED)
        {
            media++;
        }
        assertEquals(32 - ring.controlReserve(), media);
        assertEquals(1, counters.ingressDroppedRingFull());

        int control = 0;
        while (ring.tryPublishDtmf(0, 1L, 1L, '5') == PublishResult.PUBLISHED)
        {
            control++;
        }
        assertEquals(ring.controlReserve(), control);
        assertEquals(PublishResult.RING_FULL, ring.tryPublishStop(0, 1L, 1L));
        assertEquals(PublishResult.RING_FULL, ring.tryPublishMedia(0, 1L, 1L, 20L, payload, 0, payload.length(),
            decoder));
        assertEquals(4, counters.ingressDroppedRingFull());
        assertEquals(0, ring.remainingCapacity());
    }

    @Test
    void rejectsBadSessionsDigitsAndMarksWithoutPublishing()
    {
        final IngressRing ring = stalledRing(8);
        assertEquals(PublishResult.BAD_SESSION, ring.tryPublishStart(4, 1L, 1L));
        assertEquals(PublishResult.BAD_SESSION, ring.tryPublishClosed(-1, 1L, 1006));
        assertEquals(PublishResult.BAD_DIGIT, ring.tryPublishDtmf(0, 1L, 1L, 'x'));
        assertEquals(PublishResult.BAD_MARK, ring.tryPublishMark(0, 1L, 1L, "caf\u00e9"));
        assertEquals(PublishResult.BAD_MARK, ring.tryPublishMark(0, 1L, 1L, "m".repeat(IngressSlot.MAX_PAYLOAD + 1)));
        assertEquals(-1L, ring.ringBuffer().getCursor());
        assertEquals(2, counters.ingressBadSessions());
        assertEquals(1, counters.ingressBadDigits());
        assertEquals(2, counters.ingressBadMarks());
    }

    @Test
    void controlSlotsCarryTheirArguments()
    {
        final IngressRing ring = stalledRing(8);
        assertEquals(PublishResult.PUBLISHED, ring.tryPublishDtmf(1, 5L, 9L, '#'));
        assertEquals(PublishResult.PUBLISHED, ring.tryPublishMark(1, 6L, 10L, "r1:t1:s0:100"));
        assertEquals(PublishResult.PUBLISHED, ring.tryPublishClosed(1, 7L, 1006));
        assertEquals('#', ring.ringBuffer().get(0).argument());
        final IngressSlot mark = ring.ringBuffer().get(1);
        assertEquals("r1:t1:s0:100", mark.buffer().getStringWithoutLengthAscii(mark.payloadOffset(),
            mark.payloadLength()));
        assertEquals(SlotKind.CLOSED, ring.ringBuffer().get(2).kind());
        assertEquals(1006, ring.ringBuffer().get(2).argument());
        assertEquals(3, counters.ingressControlSlots());
    }

    @Test
    void aCallersRangeBugThrowsButNeverLeavesAClaimedSlotUnpublished()
    {
        final IngressRing ring = stalledRing(8);
        assertThrows(IndexOutOfBoundsException.class,
            () -> ring.tryPublishMedia(0, 1L, 1L, 20L, "AAAA", 2, 4, decoder));
        assertEquals(0L, ring.ringBuffer().getCursor());
        assertTrue(ring.ringBuffer().isAvailable(0L));
        assertEquals(SlotKind.DISCARDED, ring.ringBuffer().get(0).kind());
        assertEquals(PublishResult.PUBLISHED, ring.tryPublishMedia(0, 1L, 1L, 20L, "AAAA", 0, 4, decoder));
        assertEquals(3, ring.ringBuffer().get(1).payloadLength());
    }

    @Test
    void sizeMustBeAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new IngressRing(1000, 4, new BlockingWaitStrategy(), counters));
    }
}
