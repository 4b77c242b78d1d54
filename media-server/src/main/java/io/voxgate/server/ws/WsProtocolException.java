package io.voxgate.server.ws;

/**
 * A client message broke WS v1: carries the {@link WsError} the client gets. Thrown while parsing control messages
 * (not on the audio path) and caught by the session handler.
 */
final class WsProtocolException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient WsError error;

    WsProtocolException(final WsError error, final String message)
    {
        super(message, null, false, false);
        this.error = error;
    }

    WsError error()
    {
        return error;
    }
}
