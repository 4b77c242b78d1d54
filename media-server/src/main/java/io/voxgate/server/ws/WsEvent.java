package io.voxgate.server.ws;

import java.util.Objects;

/**
 * One server → client text message before it gets its envelope: the {@link WsEnvelopeEncoder} on the channel's
 * event loop adds {@code seq}, {@code sessionId} and {@code ts}, so {@code seq} follows the order in which messages
 * actually reach the socket, whichever thread wrote them.
 *
 * @param type   the event type, e.g. {@code transcript.final}.
 * @param fields the event's own fields as JSON object members without braces (e.g. {@code "turn":1}), or empty.
 */
public record WsEvent(String type, String fields)
{
    /**
     * Validates.
     *
     * @param type   type.
     * @param fields fields.
     */
    public WsEvent
    {
        Objects.requireNonNull(type, "type");
        fields = null == fields ? "" : fields;
    }

    /**
     * An {@code error} event.
     *
     * @param error   the error.
     * @param message what was wrong, for people.
     * @return the event.
     */
    public static WsEvent error(final WsError error, final String message)
    {
        return new WsEvent("error", "\"code\":\"" + error.code() + "\",\"message\":" + WsJson.quote(message) +
            ",\"fatal\":" + error.isFatal());
    }
}
