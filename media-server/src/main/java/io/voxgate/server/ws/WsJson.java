package io.voxgate.server.ws;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JSON string quoting for the hand-assembled event fields.
 */
final class WsJson
{
    private WsJson()
    {
    }

    static String quote(final String text)
    {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
