package io.voxgate.server.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import io.voxgate.codec.base64.Base64Decoder;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The ingress Disruptor ring: where Netty event loops hand caller audio and call events to the pipeline, without
 * blocking and without allocating.
 *
 * <p>Memory: one off-heap buffer of {@code size * }{@link IngressSlot#SLOT_LENGTH} bytes, allocated at construction
 * and cache-line aligned; each ring entry is an {@link IngressSlot} flyweight bound to its own fixed region of it.
 * The Disruptor's entries are those flyweights, so a sequence number leads straight to its slot.
 *
 * <p>Publishing: every {@code tryPublish...} claims a slot with {@code tryNext()} (never waits), fills it, and
 * publishes it, or returns a negative {@link PublishResult} and counts it. Media payloads are base64-decoded
 * straight into the slot. A slot once claimed must be published (a Disruptor sequence cannot be given back), so a
 * media payload found invalid while decoding is published as {@link SlotKind#DISCARDED}, which every stage skips:
 * nothing of it reaches the DSP or the orchestrator. Length limits are checked before claiming.
 *
 * <p>Back-pressure: media frames are refused with {@link PublishResult#RING_FULL} while fewer than
 * {@link #controlReserve()} slots are free, so control slots (start, dtmf, mark, and above all the terminal stop or
 * closed) still find room when audio is being dropped. A control publish can still fail when the ring is
 * completely full; the transport must then retry a terminal slot later (e.g. schedule it on its event loop) and
 * {@link CallRegistry#abandon} the index of a failed start.
 *
 * <p><b>Threading:</b> the publish methods are safe to call from any number of threads at once (multi-producer
 * ring). Each caller passes its own {@link Base64Decoder} (one per connection or per event loop: a decoder is not
 * thread-safe), whose error details explain an {@link PublishResult#INVALID_BASE64}. A session's slots must be
 * published by one thread (its channel's event loop), so that they enter the ring in message order. Publishing a
 * sequence is the release that makes the slot's bytes visible to the stages.
 */
public final class IngressRing
{
    private final WaitStrategy waitStrategy;
    private final RingBuffer<IngressSlot> ring;
    private final UnsafeBuffer buffer;
    private final int maxCalls;
    private final int controlReserve;
    private final PipelineCounters counters;

    /**
     * Creates the ring and its buffer.
     *
     * @param size         number of slots, a power of two, at least 8.
     * @param maxCalls     session indices accepted are {@code [0, maxCalls)}.
     * @param waitStrategy how the stages wait for slots.
     * @param counters     where outcomes are counted.
     * @throws IllegalArgumentException on a bad size.
     */
    public IngressRing(final int size, final int maxCalls, final WaitStrategy waitStrategy,
        final PipelineCounters counters)
    {
        if (size < 8 || Integer.bitCount(size) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two >= 8: " + size);
        }
        if ((long)size * IngressSlot.SLOT_LENGTH > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("ring of " + size + " slots exceeds 2 GiB");
        }
        this.waitStrategy = waitStrategy;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(size * IngressSlot.SLOT_LENGTH, 64));
        this.maxCalls = maxCalls;
        this.controlReserve = Math.max(4, size / 8);
        this.counters = counters;
        final int[] next = new int[1];
        this.ring = RingBuffer.createMultiProducer(
            () -> new IngressSlot(buffer, IngressSlot.SLOT_LENGTH * next[0]++), size, waitStrategy);
        for (int i = 0; i < size; i++)
        {
            if (ring.get(i).payloadOffset() != i * IngressSlot.SLOT_LENGTH + IngressSlot.PAYLOAD_OFFSET)
            {
                throw new IllegalStateException("ring entries were not created in order");
            }
        }
    }

    /**
     * @return the number of slots.
     */
    public int size()
    {
        return ring.getBufferSize();
    }

    /**
     * @return free slots kept for control messages: media is refused when fewer are free.
     */
    public int controlReserve()
    {
        return controlReserve;
    }

    /**
     * @return free slots right now (for the remaining-capacity gauge).
     */
    public long remainingCapacity()
    {
        return ring.remainingCapacity();
    }

    RingBuffer<IngressSlot> ringBuffer()
    {
        return ring;
    }

    /**
     * Holds back this producer thread's wake-ups of the DSP stage until {@link #endDeferral()} (see
     * {@link StagedWaitStrategy#beginDeferral()}); nothing to hold when the ring waits some other way.
     *
     * @return true when a deferral began now: the caller must end it on this thread.
     */
    public boolean beginDeferral()
    {
        return waitStrategy instanceof StagedWaitStrategy staged && staged.beginDeferral();
    }

    /** Ends this producer thread's deferral, waking the DSP stage for what it held back. */
    public void endDeferral()
    {
        if (waitStrategy instanceof StagedWaitStrategy staged)
        {
            staged.endDeferral();
        }
    }

    /**
     * Publishes a session start; its {@link CallStart} must already be in the {@link CallRegistry}.
     *
     * @param sessionIndex  index from {@link CallRegistry#acquire}.
     * @param receivedNanos when the {@code start} message arrived ({@code System.nanoTime()}); the session clock's
     *                      origin.
     * @param sequence      its {@code sequenceNumber}.
     * @return {@link PublishResult#PUBLISHED}, {@link PublishResult#RING_FULL} or {@link PublishResult#BAD_SESSION}.
     */
    public int tryPublishStart(final int sessionIndex, final long receivedNanos, final long sequence)
    {
        return publishControl(sessionIndex, SlotKind.START, receivedNanos, sequence, 0);
    }

    /**
     * Publishes one media frame, base64-decoding {@code media.payload} from ASCII bytes straight into the slot.
     *
     * @param sessionIndex     the session.
     * @param receivedNanos    when the frame arrived.
     * @param sequence         its {@code sequenceNumber}.
     * @param mediaTimestampMs its {@code media.timestamp}.
     * @param base64           the payload's characters as ASCII bytes (e.g. the frame's own bytes).
     * @param offset           index of the payload's first character.
     * @param length           number of payload characters.
     * @param decoder          the caller's decoder; holds the error details after {@code INVALID_BASE64}.
     * @return {@link PublishResult#PUBLISHED} or a negative reason.
     */
    public int tryPublishMedia(final int sessionIndex, final long receivedNanos, final long sequence,
        final long mediaTimestampMs, final DirectBuffer base64, final int offset, final int length,
        final Base64Decoder decoder)
    {
        final long seq = claimMedia(sessionIndex, length);
        if (seq < 0)
        {
            return (int)seq;
        }
        final IngressSlot slot = ring.get(seq);
        slot.header(sessionIndex, SlotKind.MEDIA, sequence, receivedNanos);
        final int decoded;
        try
        {
            decoded = decoder.decode(base64, offset, length, buffer, slot.payloadOffset());
        }
        catch (final RuntimeException ex)
        {
            throw discard(seq, slot, ex);
        }
        return finishMedia(seq, slot, mediaTimestampMs, decoded);
    }

    /**
     * Publishes one media frame, base64-decoding {@code media.payload} from characters straight into the slot.
     *
     * @param sessionIndex     the session.
     * @param receivedNanos    when the frame arrived.
     * @param sequence         its {@code sequenceNumber}.
     * @param mediaTimestampMs its {@code media.timestamp}.
     * @param base64           the payload's characters (e.g. a reused view over a parser's character buffer).
     * @param offset           index of the payload's first character.
     * @param length           number of payload characters.
     * @param decoder          the caller's decoder; holds the error details after {@code INVALID_BASE64}.
     * @return {@link PublishResult#PUBLISHED} or a negative reason.
     */
    public int tryPublishMedia(final int sessionIndex, final long receivedNanos, final long sequence,
        final long mediaTimestampMs, final CharSequence base64, final int offset, final int length,
        final Base64Decoder decoder)
    {
        final long seq = claimMedia(sessionIndex, length);
        if (seq < 0)
        {
            return (int)seq;
        }
        final IngressSlot slot = ring.get(seq);
        slot.header(sessionIndex, SlotKind.MEDIA, sequence, receivedNanos);
        final int decoded;
        try
        {
            decoded = decoder.decode(base64, offset, length, buffer, slot.payloadOffset());
        }
        catch (final RuntimeException ex)
        {
            throw discard(seq, slot, ex);
        }
        return finishMedia(seq, slot, mediaTimestampMs, decoded);
    }

    /**
     * Publishes caller audio that is already 16 kHz PCM16 little-endian (a browser session), copying it into the
     * slot's 16 kHz area. The DSP stage derives the 8 kHz μ-law payload, so later stages treat it as media.
     *
     * @param sessionIndex  the session.
     * @param receivedNanos when the frame arrived.
     * @param sequence      the transport's frame counter.
     * @param pcm16k        the samples.
     * @param offset        offset of the first sample's first byte.
     * @param samples       number of samples, at most {@link IngressSlot#MAX_PCM16K_SAMPLES}.
     * @return {@link PublishResult#PUBLISHED} or a negative reason.
     */
    public int tryPublishPcm16k(final int sessionIndex, final long receivedNanos, final long sequence,
        final DirectBuffer pcm16k, final int offset, final int samples)
    {
        if (samples < 0 || samples > IngressSlot.MAX_PCM16K_SAMPLES)
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_TOO_LARGE);
            return PublishResult.PAYLOAD_TOO_LARGE;
        }
        final long seq = claimMedia(sessionIndex, 0);
        if (seq < 0)
        {
            return (int)seq;
        }
        final IngressSlot slot = ring.get(seq);
        slot.header(sessionIndex, SlotKind.PCM16, sequence, receivedNanos);
        try
        {
            buffer.putBytes(slot.pcm16kOffset(), pcm16k, offset, 2 * samples);
        }
        catch (final RuntimeException ex)
        {
            throw discard(seq, slot, ex);
        }
        slot.argument(samples);
        ring.publish(seq);
        counters.ingress.incrementAndGet(PipelineCounters.IN_FRAMES);
        counters.ingress.addAndGet(PipelineCounters.IN_BYTES, 2L * samples);
        return PublishResult.PUBLISHED;
    }

    /**
     * Publishes a DTMF key press.
     *
     * @param sessionIndex  the session.
     * @param receivedNanos when it arrived.
     * @param sequence      its {@code sequenceNumber}.
     * @param digit         {@code dtmf.digit}: one of {@code 0-9 * # A-D}.
     * @return {@link PublishResult#PUBLISHED} or a negative reason.
     */
    public int tryPublishDtmf(final int sessionIndex, final long receivedNanos, final long sequence,
        final char digit)
    {
        if (DtmfDigits.indexOf(digit) < 0)
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_BAD_DIGIT);
            return PublishResult.BAD_DIGIT;
        }
        return publishControl(sessionIndex, SlotKind.DTMF, receivedNanos, sequence, digit);
    }

    /**
     * Publishes an echoed mark; its name (ASCII, ours) is copied into the slot.
     *
     * @param sessionIndex  the session.
     * @param receivedNanos when it arrived.
     * @param sequence      its {@code sequenceNumber}.
     * @param name          {@code mark.name}.
     * @return {@link PublishResult#PUBLISHED} or a negative reason.
     */
    public int tryPublishMark(final int sessionIndex, final long receivedNanos, final long sequence,
        final CharSequence name)
    {
        final int length = name.length();
        if (length > IngressSlot.MAX_PAYLOAD || !isAscii(name, length))
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_BAD_MARK);
            return PublishResult.BAD_MARK;
        }
        final long seq = claimControl(sessionIndex);
        if (seq < 0)
        {
            return (int)seq;
        }
        final IngressSlot slot = ring.get(seq);
        slot.header(sessionIndex, SlotKind.MARK, sequence, receivedNanos);
        final int base = slot.payloadOffset();
        try
        {
            for (int i = 0; i < length; i++)
            {
                buffer.putByte(base + i, (byte)name.charAt(i));
            }
        }
        catch (final RuntimeException ex)
        {
            throw discard(seq, slot, ex);
        }
        slot.payloadLength(length);
        ring.publish(seq);
        return PublishResult.PUBLISHED;
    }

    /**
     * Publishes Twilio's {@code stop}: terminal, the index is the pipeline's from now on.
     *
     * @param sessionIndex  the session.
     * @param receivedNanos when it arrived.
     * @param sequence      its {@code sequenceNumber}.
     * @return {@link PublishResult#PUBLISHED} or a negative reason (retry {@code RING_FULL} later).
     */
    public int tryPublishStop(final int sessionIndex, final long receivedNanos, final long sequence)
    {
        return publishControl(sessionIndex, SlotKind.STOP, receivedNanos, sequence, 0);
    }

    /**
     * Publishes the end of a WebSocket that had no {@code stop}: terminal, the index is the pipeline's from now on.
     *
     * @param sessionIndex  the session.
     * @param receivedNanos when the close was seen.
     * @param statusCode    the close status (e.g. 1006 for a dropped connection).
     * @return {@link PublishResult#PUBLISHED} or a negative reason (retry {@code RING_FULL} later).
     */
    public int tryPublishClosed(final int sessionIndex, final long receivedNanos, final int statusCode)
    {
        return publishControl(sessionIndex, SlotKind.CLOSED, receivedNanos, 0, statusCode);
    }

    private int publishControl(final int sessionIndex, final int kind, final long receivedNanos,
        final long sequence, final int argument)
    {
        final long seq = claimControl(sessionIndex);
        if (seq < 0)
        {
            return (int)seq;
        }
        final IngressSlot slot = ring.get(seq);
        slot.header(sessionIndex, kind, sequence, receivedNanos);
        slot.argument(argument);
        ring.publish(seq);
        return PublishResult.PUBLISHED;
    }

    private long claimControl(final int sessionIndex)
    {
        if (sessionIndex < 0 || sessionIndex >= maxCalls)
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_BAD_SESSION);
            return PublishResult.BAD_SESSION;
        }
        try
        {
            final long seq = ring.tryNext();
            counters.ingress.incrementAndGet(PipelineCounters.IN_CONTROL);
            return seq;
        }
        catch (final InsufficientCapacityException ex)
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_DROP_RING_FULL);
            return PublishResult.RING_FULL;
        }
    }

    private long claimMedia(final int sessionIndex, final int base64Length)
    {
        if (sessionIndex < 0 || sessionIndex >= maxCalls)
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_BAD_SESSION);
            return PublishResult.BAD_SESSION;
        }
        if (Base64Decoder.maxDecodedLength(base64Length) - 2 > IngressSlot.MAX_PAYLOAD || base64Length < 0)
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_TOO_LARGE);
            return PublishResult.PAYLOAD_TOO_LARGE;
        }
        // Keep the reserve for control slots: audio is what we can afford to lose.
        if (!ring.hasAvailableCapacity(controlReserve + 1))
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_DROP_RING_FULL);
            return PublishResult.RING_FULL;
        }
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            counters.ingress.incrementAndGet(PipelineCounters.IN_DROP_RING_FULL);
            return PublishResult.RING_FULL;
        }
    }

    private int finishMedia(final long seq, final IngressSlot slot, final long mediaTimestampMs, final int decoded)
    {
        if (decoded < 0 || decoded > IngressSlot.MAX_PAYLOAD)
        {
            // Claimed slots cannot be returned: publish a tombstone that every stage skips.
            slot.kind(SlotKind.DISCARDED);
            ring.publish(seq);
            final boolean tooLarge = decoded > IngressSlot.MAX_PAYLOAD;
            counters.ingress.incrementAndGet(tooLarge ? PipelineCounters.IN_TOO_LARGE :
                PipelineCounters.IN_INVALID_BASE64);
            return tooLarge ? PublishResult.PAYLOAD_TOO_LARGE : PublishResult.INVALID_BASE64;
        }
        slot.mediaTimestampMs(mediaTimestampMs);
        slot.payloadLength(decoded);
        ring.publish(seq);
        counters.ingress.incrementAndGet(PipelineCounters.IN_FRAMES);
        counters.ingress.addAndGet(PipelineCounters.IN_BYTES, decoded);
        return PublishResult.PUBLISHED;
    }

    /**
     * A caller's bug (a range outside its buffer) surfaced while filling a claimed slot: the slot is still published,
     * as {@link SlotKind#DISCARDED}, because an unpublished sequence would stall every stage for every call.
     */
    private RuntimeException discard(final long seq, final IngressSlot slot, final RuntimeException ex)
    {
        slot.kind(SlotKind.DISCARDED);
        ring.publish(seq);
        return ex;
    }

    private static boolean isAscii(final CharSequence text, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (text.charAt(i) > 0x7F)
            {
                return false;
            }
        }
        return true;
    }
}
