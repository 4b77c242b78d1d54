package io.voxgate.server.twilio;

/**
 * The {@code event} of a message from Twilio (protocols.md §1.3), plus the two ways it can be absent or unknown.
 */
public enum TwilioEvent
{
    /** No {@code event} field (a protocol error). */
    NONE(""),
    /** An {@code event} we do not know (ignored for forward compatibility). */
    UNKNOWN(""),
    /** {@code connected}: first message, no stream SID. */
    CONNECTED("connected"),
    /** {@code start}: stream metadata. */
    START("start"),
    /** {@code media}: 20 ms of μ-law, base64. */
    MEDIA("media"),
    /** {@code dtmf}: a key press. */
    DTMF("dtmf"),
    /** {@code mark}: echo of a mark we sent, once the audio before it played. */
    MARK("mark"),
    /** {@code stop}: the stream ended. */
    STOP("stop");

    private static final TwilioEvent[] NAMED = {CONNECTED, START, MEDIA, DTMF, MARK, STOP};

    private final String wireName;

    TwilioEvent(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * The name as it appears in {@code "event"}.
     *
     * @return e.g. {@code "media"}; empty for {@link #NONE} and {@link #UNKNOWN}.
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * Looks an event name up without allocating.
     *
     * @param chars  characters holding the name.
     * @param offset index of the first.
     * @param length number of characters.
     * @return the event, or {@link #UNKNOWN}.
     */
    static TwilioEvent of(final char[] chars, final int offset, final int length)
    {
        for (final TwilioEvent event : NAMED)
        {
            final String name = event.wireName;
            if (name.length() == length && CharArraySequence.regionMatches(chars, offset, name))
            {
                return event;
            }
        }
        return UNKNOWN;
    }
}
