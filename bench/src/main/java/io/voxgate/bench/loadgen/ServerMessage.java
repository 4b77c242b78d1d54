package io.voxgate.bench.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;

import java.io.IOException;

/**
 * One message from the server to "Twilio" (protocols.md §1.4: {@code media}, {@code mark}, {@code clear}), read
 * with Jackson's streaming parser: the event, the decoded length of a media payload (counted from the base64 text,
 * not decoded) and a mark's name. A reusable holder; one per event loop.
 */
final class ServerMessage
{
    /** Event kinds. */
    static final int UNKNOWN = 0;
    static final int MEDIA = 1;
    static final int MARK = 2;
    static final int CLEAR = 3;

    private final JsonFactory factory = new JsonFactory();
    private byte[] bytes = new byte[4096];
    int kind;
    int payloadBytes;
    String markName;

    /**
     * Parses a text frame's content.
     *
     * @param content the UTF-8 JSON (not consumed).
     * @return this, with {@link #kind} {@link #UNKNOWN} when the message is not one of the three or is malformed.
     */
    ServerMessage parse(final ByteBuf content)
    {
        kind = UNKNOWN;
        payloadBytes = 0;
        markName = null;
        final int length = content.readableBytes();
        if (bytes.length < length)
        {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        content.getBytes(content.readerIndex(), bytes, 0, length);
        String event = null;
        try (JsonParser parser = factory.createParser(bytes, 0, length))
        {
            int depth = 0;
            String field = null;
            JsonToken token;
            while (null != (token = parser.nextToken()))
            {
                switch (token)
                {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> field = parser.currentName();
                    case VALUE_STRING ->
                    {
                        if (1 == depth && "event".equals(field))
                        {
                            event = parser.getText();
                        }
                        else if (2 == depth && "payload".equals(field))
                        {
                            payloadBytes = decodedLength(parser);
                        }
                        else if (2 == depth && "name".equals(field))
                        {
                            markName = parser.getText();
                        }
                    }
                    default ->
                    {
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            return this;
        }
        if ("media".equals(event))
        {
            kind = MEDIA;
        }
        else if ("mark".equals(event) && null != markName)
        {
            kind = MARK;
        }
        else if ("clear".equals(event))
        {
            kind = CLEAR;
        }
        return this;
    }

    private static int decodedLength(final JsonParser parser) throws IOException
    {
        final char[] text = parser.getTextCharacters();
        final int offset = parser.getTextOffset();
        final int length = parser.getTextLength();
        int padding = 0;
        if (length >= 1 && '=' == text[offset + length - 1])
        {
            padding++;
            if (length >= 2 && '=' == text[offset + length - 2])
            {
                padding++;
            }
        }
        return length / 4 * 3 - padding;
    }
}
