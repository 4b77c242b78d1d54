package io.voxgate.server.pipeline;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated entry of the {@link IngressRing}: a flyweight over a fixed region of the ring's single off-heap
 * buffer. The event loop fills the transport part, the DSP stage adds its results, the orchestrator reads both.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                        Session Index                          |   0  event loop
 * +---------------------------------------------------------------+
 * |                          Slot Kind                            |   4  event loop (SlotKind)
 * +---------------------------------------------------------------+
 * |                 Sequence Number (Twilio), 64 bit              |   8  event loop
 * +---------------------------------------------------------------+
 * |                    Received Nanos, 64 bit                     |  16  event loop
 * +---------------------------------------------------------------+
 * |              Media Timestamp (ms, Twilio), 64 bit             |  24  event loop
 * +---------------------------------------------------------------+
 * |                        Payload Length                         |  32  event loop
 * +---------------------------------------------------------------+
 * |         Argument (DTMF digit character, close status)         |  36  event loop
 * +---------------------------------------------------------------+
 * |                  PCM16 16 kHz Sample Count                    |  40  DSP
 * +---------------------------------------------------------------+
 * |                          VAD Flags                            |  44  DSP (VAD_*)
 * +---------------------------------------------------------------+
 * |                 Speech Probability (float)                    |  48  DSP
 * +---------------------------------------------------------------+
 * |                       Level dBFS (float)                      |  52  DSP
 * +---------------------------------------------------------------+
 * |                    DSP Done Nanos, 64 bit                     |  56  DSP
 * +---------------------------------------------------------------+
 * |      Payload: μ-law bytes or ASCII mark name, up to 1 KiB    ...  64  event loop
 * +---------------------------------------------------------------+
 * |     PCM16 little-endian 16 kHz, up to 2,048 samples (4 KiB)  ... 1088 DSP
 * +---------------------------------------------------------------+
 *                                                                   5184 = SLOT_LENGTH (81 cache lines)
 * </pre>
 *
 * <p>1 KiB of μ-law is 128 ms at 8 kHz; a Twilio frame is 160 bytes (20 ms). The 16 kHz region holds twice the
 * samples of the largest payload, so the 8 → 16 kHz resampler always fits.
 *
 * <p><b>Threading:</b> a slot is written by exactly one stage at a time, in ring order: the publishing event loop
 * until it publishes the sequence, then the DSP shard that owns the session, then read by the orchestrator. The
 * Disruptor's sequence publication and gating sequences are the only memory-ordering points; the accessors here
 * are plain reads and writes.
 */
public final class IngressSlot
{
    /** Bytes of one slot; a multiple of 64 so slots never share a cache line. */
    public static final int SLOT_LENGTH = 5184;
    /** Most payload bytes a slot holds (μ-law or mark name). */
    public static final int MAX_PAYLOAD = 1024;
    /** Most 16 kHz PCM16 samples a slot holds. */
    public static final int MAX_PCM16K_SAMPLES = 2 * MAX_PAYLOAD;

    /** VAD flag: the session's VAD decision after this slot is speech. */
    public static final int VAD_SPEECH = 1;
    /** VAD flag: speech started within this slot. */
    public static final int VAD_STARTED = 2;
    /** VAD flag: speech stopped within this slot. */
    public static final int VAD_STOPPED = 4;

    static final int SESSION_OFFSET = 0;
    static final int KIND_OFFSET = SESSION_OFFSET + 4;
    static final int SEQUENCE_OFFSET = KIND_OFFSET + 4;
    static final int RECEIVED_OFFSET = SEQUENCE_OFFSET + 8;
    static final int MEDIA_TIMESTAMP_OFFSET = RECEIVED_OFFSET + 8;
    static final int PAYLOAD_LENGTH_OFFSET = MEDIA_TIMESTAMP_OFFSET + 8;
    static final int ARGUMENT_OFFSET = PAYLOAD_LENGTH_OFFSET + 4;
    static final int PCM_SAMPLES_OFFSET = ARGUMENT_OFFSET + 4;
    static final int VAD_FLAGS_OFFSET = PCM_SAMPLES_OFFSET + 4;
    static final int PROBABILITY_OFFSET = VAD_FLAGS_OFFSET + 4;
    static final int LEVEL_OFFSET = PROBABILITY_OFFSET + 4;
    static final int DSP_DONE_OFFSET = LEVEL_OFFSET + 4;
    static final int PAYLOAD_OFFSET = DSP_DONE_OFFSET + 8;
    static final int PCM_OFFSET = PAYLOAD_OFFSET + MAX_PAYLOAD;

    static
    {
        if (PCM_OFFSET + 2 * MAX_PCM16K_SAMPLES != SLOT_LENGTH || PAYLOAD_OFFSET != 64)
        {
            throw new IllegalStateException("IngressSlot layout does not add up");
        }
    }

    private final UnsafeBuffer buffer;
    private final int base;

    /**
     * A flyweight over the slot at {@code base} of a ring buffer.
     *
     * @param buffer the ring's buffer.
     * @param base   byte offset of this slot (a multiple of {@link #SLOT_LENGTH}).
     */
    IngressSlot(final UnsafeBuffer buffer, final int base)
    {
        buffer.boundsCheck(base, SLOT_LENGTH);
        this.buffer = buffer;
        this.base = base;
    }

    /**
     * The ring's buffer, for bulk reads of the payload and PCM regions without copying.
     *
     * @return the buffer shared by all slots of the ring.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the session index (see {@link CallRegistry}).
     */
    public int sessionIndex()
    {
        return buffer.getInt(base + SESSION_OFFSET);
    }

    /**
     * @return the {@link SlotKind}.
     */
    public int kind()
    {
        return buffer.getInt(base + KIND_OFFSET);
    }

    /**
     * @return Twilio's {@code sequenceNumber} (0 where the message has none).
     */
    public long sequence()
    {
        return buffer.getLong(base + SEQUENCE_OFFSET);
    }

    /**
     * @return the event loop's clock ({@code System.nanoTime()} in production) when the frame arrived.
     */
    public long receivedNanos()
    {
        return buffer.getLong(base + RECEIVED_OFFSET);
    }

    /**
     * @return Twilio's {@code media.timestamp}: ms since the stream started (media slots only).
     */
    public long mediaTimestampMs()
    {
        return buffer.getLong(base + MEDIA_TIMESTAMP_OFFSET);
    }

    /**
     * @return payload bytes (μ-law samples or mark-name characters).
     */
    public int payloadLength()
    {
        return buffer.getInt(base + PAYLOAD_LENGTH_OFFSET);
    }

    /**
     * @return the absolute offset of the payload in {@link #buffer()}.
     */
    public int payloadOffset()
    {
        return base + PAYLOAD_OFFSET;
    }

    /**
     * @return the DTMF digit character of a {@link SlotKind#DTMF} slot, or the WebSocket close status of a
     * {@link SlotKind#CLOSED} slot.
     */
    public int argument()
    {
        return buffer.getInt(base + ARGUMENT_OFFSET);
    }

    /**
     * @return 16 kHz PCM16 samples the DSP stage wrote (media slots, after the DSP stage).
     */
    public int pcm16kSamples()
    {
        return buffer.getInt(base + PCM_SAMPLES_OFFSET);
    }

    /**
     * @return the absolute offset of the 16 kHz PCM16 little-endian samples in {@link #buffer()}.
     */
    public int pcm16kOffset()
    {
        return base + PCM_OFFSET;
    }

    /**
     * @return the DSP stage's VAD flags ({@link #VAD_SPEECH}, {@link #VAD_STARTED}, {@link #VAD_STOPPED}); a slot
     * holding several VAD frames may carry both edges, and {@link #VAD_SPEECH} then says which came last.
     */
    public int vadFlags()
    {
        return buffer.getInt(base + VAD_FLAGS_OFFSET);
    }

    /**
     * @return the highest VAD speech probability among the slot's VAD frames, 0..1.
     */
    public float speechProbability()
    {
        return buffer.getFloat(base + PROBABILITY_OFFSET);
    }

    /**
     * @return the slot's RMS level in dBFS ({@code io.voxgate.dsp.level.LevelMeter}: a full-scale sine reads
     * -3 dB; silence reads the floor, -96).
     */
    public float levelDbfs()
    {
        return buffer.getFloat(base + LEVEL_OFFSET);
    }

    /**
     * @return the DSP stage's clock when it finished this slot.
     */
    public long dspDoneNanos()
    {
        return buffer.getLong(base + DSP_DONE_OFFSET);
    }

    void header(final int sessionIndex, final int kind, final long sequence, final long receivedNanos)
    {
        buffer.putInt(base + SESSION_OFFSET, sessionIndex);
        buffer.putInt(base + KIND_OFFSET, kind);
        buffer.putLong(base + SEQUENCE_OFFSET, sequence);
        buffer.putLong(base + RECEIVED_OFFSET, receivedNanos);
        buffer.putLong(base + MEDIA_TIMESTAMP_OFFSET, 0L);
        buffer.putInt(base + PAYLOAD_LENGTH_OFFSET, 0);
        buffer.putInt(base + ARGUMENT_OFFSET, 0);
        buffer.putInt(base + PCM_SAMPLES_OFFSET, 0);
        buffer.putInt(base + VAD_FLAGS_OFFSET, 0);
        buffer.putFloat(base + PROBABILITY_OFFSET, 0f);
        buffer.putFloat(base + LEVEL_OFFSET, 0f);
        buffer.putLong(base + DSP_DONE_OFFSET, 0L);
    }

    void kind(final int kind)
    {
        buffer.putInt(base + KIND_OFFSET, kind);
    }

    void mediaTimestampMs(final long value)
    {
        buffer.putLong(base + MEDIA_TIMESTAMP_OFFSET, value);
    }

    void payloadLength(final int length)
    {
        buffer.putInt(base + PAYLOAD_LENGTH_OFFSET, length);
    }

    void argument(final int value)
    {
        buffer.putInt(base + ARGUMENT_OFFSET, value);
    }

    void dspResult(final int pcmSamples, final int vadFlags, final float probability, final float levelDbfs,
        final long doneNanos)
    {
        buffer.putInt(base + PCM_SAMPLES_OFFSET, pcmSamples);
        buffer.putInt(base + VAD_FLAGS_OFFSET, vadFlags);
        buffer.putFloat(base + PROBABILITY_OFFSET, probability);
        buffer.putFloat(base + LEVEL_OFFSET, levelDbfs);
        buffer.putLong(base + DSP_DONE_OFFSET, doneNanos);
    }
}
