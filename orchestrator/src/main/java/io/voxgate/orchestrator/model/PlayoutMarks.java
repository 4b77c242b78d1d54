package io.voxgate.orchestrator.model;

/**
 * Names of the playout marks sent after each {@link Command.PlayAudio}: {@code r<runId>:t<turn>:s<segment>:<ms>},
 * e.g. {@code r7:t3:s2:1840}. The transport echoes a mark when the audio queued before it has played; parsing the
 * echoed name back gives the {@link Event.PlayoutProgress}.
 */
public final class PlayoutMarks
{
    private static final char[] PREFIXES = {'r', 't', 's', 0};

    private PlayoutMarks()
    {
    }

    /**
     * The mark name for a play command.
     *
     * @param play the command.
     * @return its mark name.
     */
    public static String name(final Command.PlayAudio play)
    {
        return "r" + play.runId() + ":t" + play.turn() + ":s" + play.segment() + ":" + play.segmentEndMs();
    }

    /**
     * Parses an echoed mark name back into a playout event.
     *
     * @param sessionId the session the mark came from.
     * @param atMs      session clock when it was echoed.
     * @param name      the mark name.
     * @return the event, or {@code null} when the name is not one of ours (never throws).
     */
    public static Event.PlayoutProgress parse(final String sessionId, final long atMs, final CharSequence name)
    {
        final long[] parts = new long[4];
        int index = 0;
        int part = 0;
        final int length = name.length();
        while (part < 4)
        {
            if (PREFIXES[part] != 0)
            {
                if (index >= length || name.charAt(index) != PREFIXES[part])
                {
                    return null;
                }
                index++;
            }
            final int start = index;
            long value = 0;
            while (index < length && Character.isDigit(name.charAt(index)) && index - start < 18)
            {
                value = value * 10 + (name.charAt(index) - '0');
                index++;
            }
            if (index == start)
            {
                return null;
            }
            parts[part++] = value;
            if (part < 4)
            {
                if (index >= length || name.charAt(index) != ':')
                {
                    return null;
                }
                index++;
            }
        }
        if (index != length || parts[1] > Integer.MAX_VALUE || parts[2] > Integer.MAX_VALUE)
        {
            return null;
        }
        return new Event.PlayoutProgress(sessionId, atMs, parts[0], (int)parts[1], (int)parts[2], parts[3]);
    }
}
