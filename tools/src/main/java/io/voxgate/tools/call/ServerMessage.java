package io.voxgate.tools.call;

/**
 * What arrived from the server, in arrival order, each stamped with its arrival time
 * ({@code System.nanoTime()}, taken on OkHttp's reader thread).
 */
public sealed interface ServerMessage
{
    /**
     * @return arrival time, {@code System.nanoTime()}.
     */
    long nanos();

    /**
     * The WebSocket upgrade succeeded.
     *
     * @param nanos arrival time.
     */
    record Opened(long nanos) implements ServerMessage
    {
    }

    /**
     * A text frame.
     *
     * @param text  its content.
     * @param nanos arrival time.
     */
    record Text(String text, long nanos) implements ServerMessage
    {
    }

    /**
     * A binary frame (Twilio's protocol has none).
     *
     * @param bytes its length.
     * @param nanos arrival time.
     */
    record Binary(int bytes, long nanos) implements ServerMessage
    {
    }

    /**
     * The server's close frame.
     *
     * @param status its status code.
     * @param reason its reason text (may be empty).
     * @param nanos  arrival time.
     */
    record Closed(int status, String reason, long nanos) implements ServerMessage
    {
    }

    /**
     * The connection failed: it could not be made, the upgrade was refused, or it broke.
     *
     * @param description what happened, for a person to read.
     * @param httpStatus  the HTTP status of a refused upgrade, or 0.
     * @param nanos       arrival time.
     */
    record Failed(String description, int httpStatus, long nanos) implements ServerMessage
    {
    }
}
