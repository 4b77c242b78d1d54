package io.voxgate.server.pipeline;

/**
 * What an {@link IngressSlot} carries: one Twilio message (or transport event) of one call. Stored as an
 * {@code int} in the slot, so these are constants rather than an enum.
 *
 * <p>Per session the transport publishes {@link #START} first, then any number of {@link #MEDIA} (or
 * {@link #PCM16}), {@link #DTMF}
 * and {@link #MARK}, then exactly one terminal slot, {@link #STOP} or {@link #CLOSED}; after the terminal slot the
 * session index belongs to the pipeline until it is released (see {@link CallRegistry}).
 */
public final class SlotKind
{
    /** A claimed slot whose content was rejected (invalid base64): every stage skips it. */
    public static final int DISCARDED = 0;
    /** Twilio {@code start}: the session's {@link CallStart} is in the {@link CallRegistry}. */
    public static final int START = 1;
    /** Twilio {@code media}: μ-law payload bytes. */
    public static final int MEDIA = 2;
    /** Twilio {@code dtmf}: the digit is the slot's argument. */
    public static final int DTMF = 3;
    /** Twilio {@code mark}: the echoed mark name, ASCII, is the payload. */
    public static final int MARK = 4;
    /** Twilio {@code stop}: terminal. */
    public static final int STOP = 5;
    /** The WebSocket closed (or was closed) without a {@code stop}: terminal; the argument is the status code. */
    public static final int CLOSED = 6;
    /**
     * Caller audio already as 16 kHz PCM16 (browser sessions): written by the transport straight into the slot's
     * 16 kHz area, the sample count is the argument; the DSP stage derives the 8 kHz μ-law payload from it so every
     * later stage sees a media slot exactly like a Twilio one.
     */
    public static final int PCM16 = 7;

    private static final String[] NAMES =
        {"discarded", "start", "media", "dtmf", "mark", "stop", "closed", "pcm16"};

    private SlotKind()
    {
    }

    /**
     * The kind's name, for logs and metric labels.
     *
     * @param kind a kind constant.
     * @return its lower-case name, or {@code "unknown"}.
     */
    public static String name(final int kind)
    {
        return kind >= 0 && kind < NAMES.length ? NAMES[kind] : "unknown";
    }

    /**
     * Whether a kind carries caller audio.
     *
     * @param kind a kind constant.
     * @return true for {@link #MEDIA} and {@link #PCM16}.
     */
    public static boolean isAudio(final int kind)
    {
        return kind == MEDIA || kind == PCM16;
    }

    /**
     * Whether a kind ends its session.
     *
     * @param kind a kind constant.
     * @return true for {@link #STOP} and {@link #CLOSED}.
     */
    public static boolean isTerminal(final int kind)
    {
        return kind == STOP || kind == CLOSED;
    }
}
