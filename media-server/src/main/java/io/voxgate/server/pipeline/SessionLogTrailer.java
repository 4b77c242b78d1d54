package io.voxgate.server.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The last line of a session log the server could not write whole (its queue overflowed, or the server stopped
 * before the call ended). Every line before it is a consistent prefix of the call: once a line is lost, nothing
 * later is written, so the prefix still replays identically, and the trailer says that the call went on:
 *
 * <pre>
 * {"incomplete":true,"loggedEvents":41,"droppedEvents":17,"reason":"session log queue full"}
 * </pre>
 *
 * <p>The orchestrator's replayer reads event lines only; {@link StopAtTrailer} hands it the prefix and keeps the
 * trailer so {@code voxgate replay} can report the log as incomplete instead of as different.
 */
public final class SessionLogTrailer
{
    /** How a trailer line starts. */
    public static final String PREFIX = "{\"incomplete\":true,";
    /** Reason written when the session log queue was full. */
    public static final String QUEUE_FULL = "session log queue full";
    /** Reason written when the pipeline stopped while the call was still running. */
    public static final String STOPPED = "server stopped before the call ended";

    private SessionLogTrailer()
    {
    }

    /**
     * The trailer line.
     *
     * @param loggedEvents  event lines written before it.
     * @param droppedEvents events not written.
     * @param reason        why (one of the constants; no quotes or backslashes).
     * @return one line of JSON, without a line break.
     */
    static String line(final long loggedEvents, final long droppedEvents, final String reason)
    {
        return PREFIX + "\"loggedEvents\":" + loggedEvents + ",\"droppedEvents\":" + droppedEvents +
            ",\"reason\":\"" + reason + "\"}";
    }

    /**
     * Whether a line is a trailer.
     *
     * @param line a log line.
     * @return true for a trailer.
     */
    public static boolean isTrailer(final String line)
    {
        return line.startsWith(PREFIX);
    }

    /**
     * A reader of a session log that ends at the trailer, if there is one, and keeps it. Not thread-safe.
     */
    public static final class StopAtTrailer extends BufferedReader
    {
        private String trailer;

        /**
         * Wraps a reader.
         *
         * @param in the log's text.
         */
        public StopAtTrailer(final Reader in)
        {
            super(in);
        }

        @Override
        public String readLine() throws IOException
        {
            if (null != trailer)
            {
                return null;
            }
            final String line = super.readLine();
            if (null != line && isTrailer(line))
            {
                trailer = line;
                return null;
            }
            return line;
        }

        /**
         * The trailer met so far.
         *
         * @return the trailer line, or {@code null} when the log (read so far) is complete.
         */
        public String trailer()
        {
            return trailer;
        }
    }
}
