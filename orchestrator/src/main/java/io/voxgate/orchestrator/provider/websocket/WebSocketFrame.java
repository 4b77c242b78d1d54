package io.voxgate.orchestrator.provider.websocket;

import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import okio.ByteString;

/**
 * What a {@link QueuedWebSocket} hands its reader: the socket opened, a message arrived, the peer closed, the
 * socket failed, or someone woke the reader (a cancel or a close) so it re-checks its state.
 */
public sealed interface WebSocketFrame
{
    /** The upgrade succeeded. */
    WebSocketFrame OPENED = new Opened();
    /** The reader was woken to re-check cancellation. */
    WebSocketFrame WAKE_UP = new WakeUp();

    /** The upgrade succeeded (HTTP 101). */
    record Opened() implements WebSocketFrame
    {
    }

    /**
     * A text message.
     *
     * @param text the message.
     */
    record Text(String text) implements WebSocketFrame
    {
    }

    /**
     * A binary message.
     *
     * @param bytes the message.
     */
    record Binary(ByteString bytes) implements WebSocketFrame
    {
    }

    /**
     * The peer closed the socket (close frame received); nothing more will arrive.
     *
     * @param code   the close code.
     * @param reason the close reason.
     */
    record Closed(int code, String reason) implements WebSocketFrame
    {
        /**
         * The close as a failure of a stream that was not finished: 1008 (policy violation: bad key, bad request,
         * too many contexts) is the client's fault and not retried, 1011/1013 (server error, try again later) the
         * server's, anything else a disconnect.
         *
         * @return the failure, message {@code closed <code> <reason>}.
         */
        public ProviderException failure()
        {
            final ErrorKind kind = code == 1008 ? ErrorKind.CLIENT :
                code == 1011 || code == 1013 ? ErrorKind.SERVER : ErrorKind.DISCONNECT;
            return new ProviderException(kind, "closed " + code + (null == reason || reason.isEmpty() ? "" :
                " " + reason));
        }
    }

    /**
     * The socket failed: upgrade refused (HTTP status), connection refused, or broken mid-stream.
     *
     * @param failure the classified failure, already redacted.
     */
    record Failed(ProviderException failure) implements WebSocketFrame
    {
    }

    /** A wake-up without content. */
    record WakeUp() implements WebSocketFrame
    {
    }
}
