package io.voxgate.server.pipeline;

import org.agrona.DirectBuffer;

/**
 * Where the pipeline's egress thread writes to callers: implemented by the transport, the only place the pipeline
 * touches the network.
 *
 * <p><b>Threading:</b> every method is called on the single egress thread. The transport looks up the session's
 * channel (its own table, indexed by session index, written on the event loop before it published
 * {@link SlotKind#START}: the ring publications order that write before these calls), copies the bytes into a
 * Netty buffer and writes it through the channel, which hands it to the channel's event loop. The buffers passed
 * are reused by the egress thread as soon as the method returns: copy, never keep them.
 */
public interface EgressSink
{
    /**
     * Sends one complete JSON text frame ({@code media}, {@code mark} or {@code clear}, UTF-8).
     *
     * @param sessionIndex the session.
     * @param utf8         the frame's bytes; valid only during the call.
     * @param offset       index of the first byte.
     * @param length       number of bytes.
     */
    void sendText(int sessionIndex, DirectBuffer utf8, int offset, int length);

    /**
     * Sends reply audio of a session whose {@link CallStart#client()} asked for PCM16 output: one binary frame of
     * PCM16 little-endian samples at the session's output rate, at most 100 ms. Phone transports never get it.
     *
     * @param sessionIndex the session.
     * @param pcm          the samples' bytes; valid only during the call.
     * @param offset       index of the first byte.
     * @param length       number of bytes.
     */
    default void sendAudio(final int sessionIndex, final DirectBuffer pcm, final int offset, final int length)
    {
    }

    /**
     * Sends a typed event to a client session ({@link CallStart#client()} not null): the transport wraps it in its
     * envelope. Phone transports never get it.
     *
     * @param sessionIndex the session.
     * @param type         the event type, e.g. {@code output.audio.start}.
     * @param fieldsJson   the event's own fields as the members of a JSON object without braces, e.g.
     *                     {@code "turn":1}; empty for none.
     */
    default void sendEvent(final int sessionIndex, final String type, final String fieldsJson)
    {
    }

    /**
     * A client session's playout mark: the transport echoes it back (as Twilio does) once the audio sent before it
     * has played at real-time speed, and at once when the playout is cleared.
     *
     * @param sessionIndex the session.
     * @param name         the mark's ASCII name; valid only during the call.
     * @param offset       index of the first byte.
     * @param length       number of bytes.
     */
    default void sendMark(final int sessionIndex, final DirectBuffer name, final int offset, final int length)
    {
    }

    /**
     * A client session's playout was cleared (barge-in): pending marks are echoed now and the playout clock restarts.
     *
     * @param sessionIndex the session.
     */
    default void clearPlayout(final int sessionIndex)
    {
    }

    /**
     * Closes the session's WebSocket from our side (the assistant hung up). The transport then publishes its
     * terminal {@link SlotKind#CLOSED} slot as for any close, if it has not published {@link SlotKind#STOP}.
     *
     * @param sessionIndex the session.
     * @param statusCode   WebSocket close status, e.g. 1000.
     * @param reason       short reason text.
     */
    void close(int sessionIndex, int statusCode, String reason);

    /**
     * The pipeline is done with the session: no further call for this index comes until it is acquired again,
     * which happens right after this returns. Clear the transport's entry for the index here.
     *
     * @param sessionIndex the session.
     */
    void sessionEnded(int sessionIndex);
}
