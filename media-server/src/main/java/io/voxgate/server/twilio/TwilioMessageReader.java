package io.voxgate.server.twilio;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.netty.buffer.ByteBuf;

/**
 * Parses Twilio Media Streams messages (protocols.md §1.3) with one reused Jackson non-blocking streaming parser
 * per connection: each text frame is fed in as one complete JSON object, its fields land in a reused
 * {@link TwilioMessage}. No tree model and no {@code String} on the media path: the base64 payload is copied as
 * characters from the parser's buffer, event names are matched in place.
 *
 * <p>Validation happens here, before anything is published: a frame that is not exactly one JSON object, or whose
 * known fields have the wrong JSON type, is rejected as a whole. Field order does not matter and unknown fields are
 * skipped. After a rejection the parser's state is undefined: the caller closes the connection (every rejection
 * here is fatal), so the parser is never used again.
 *
 * <p>A {@code media} message in Twilio's own shape, fifty per second per call, first goes through
 * {@link MediaMessageScanner}, a single allocation-free byte scan that accepts only what it can read exactly as
 * Jackson would; everything else (other events, escapes, unknown fields, any error) is parsed by Jackson, the one
 * authority on what is valid and which protocol error a frame gets.
 *
 * <p>Not thread-safe: owned by one connection's event loop. The frame's bytes are copied into a reused array first
 * (the Netty buffer is released by the caller as usual, and never leaves the event loop).
 */
final class TwilioMessageReader
{
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final int maxFrameBytes;
    private final MediaMessageScanner fastPath;
    private byte[] input = new byte[1024];
    private long fastPathReads;

    TwilioMessageReader(final int maxFrameBytes)
    {
        this(maxFrameBytes, true);
    }

    /**
     * A reader with or without the fast path; without it every frame goes through Jackson (the reference the fast
     * path is tested and benchmarked against).
     *
     * @param maxFrameBytes frames longer than this (trailing blanks aside) are refused.
     * @param fastPath      whether {@code media} messages are first tried with {@link MediaMessageScanner}.
     */
    TwilioMessageReader(final int maxFrameBytes, final boolean fastPath)
    {
        try
        {
            parser = JSON.createNonBlockingByteArrayParser();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("Jackson cannot create a non-blocking parser", ex);
        }
        feeder = (ByteArrayFeeder)parser.getNonBlockingInputFeeder();
        this.maxFrameBytes = maxFrameBytes;
        this.fastPath = fastPath ? new MediaMessageScanner(maxFrameBytes) : null;
    }

    /**
     * Parses one text frame.
     *
     * @param frame   the frame's bytes (readable region); not retained or released.
     * @param message where the fields go; reset first.
     * @return {@code null} when the frame is one well-typed JSON object, else the (fatal) error.
     */
    ProtocolError read(final ByteBuf frame, final TwilioMessage message)
    {
        message.reset();
        final int start = frame.readerIndex();
        int end = frame.writerIndex();
        // Feed up to the last non-blank byte: after the root object's '}' the parser has then consumed all input,
        // so anything after the object (a second value, a truncated token) is detected, not carried into the
        // next frame.
        while (end > start && isJsonBlank(frame.getByte(end - 1)))
        {
            end--;
        }
        final int length = end - start;
        if (length == 0)
        {
            return ProtocolError.MALFORMED_JSON;
        }
        if (length > maxFrameBytes)
        {
            return ProtocolError.FRAME_TOO_BIG;
        }
        if (length > input.length)
        {
            input = Arrays.copyOf(input, Math.max(length, Math.min(maxFrameBytes, input.length * 2)));
        }
        frame.getBytes(start, input, 0, length);
        if (fastPath != null && fastPath.scan(input, length, message))
        {
            fastPathReads++;
            return null;
        }
        try
        {
            feeder.feedInput(input, 0, length);
            if (next() != JsonToken.START_OBJECT)
            {
                return ProtocolError.MALFORMED_JSON;
            }
            readRoot(message);
            return feeder.needMoreInput() ? null : ProtocolError.MALFORMED_JSON;
        }
        catch (final Rejection rejection)
        {
            return rejection.error;
        }
        catch (final IOException | RuntimeException ex)
        {
            // Jackson's parse errors (JsonParseException, StreamConstraintsException); the frame is malformed.
            return ProtocolError.MALFORMED_JSON;
        }
    }

    /**
     * How many frames the fast path read (the rest went through Jackson).
     *
     * @return frames accepted by {@link MediaMessageScanner} since construction.
     */
    long fastPathReads()
    {
        return fastPathReads;
    }

    private void readRoot(final TwilioMessage message) throws IOException
    {
        JsonToken token;
        while ((token = next()) != JsonToken.END_OBJECT)
        {
            final String field = fieldName(token);
            token = next();
            switch (field)
            {
                case "event" ->
                {
                    final int length = stringLength(token);
                    message.event = TwilioEvent.of(parser.getTextCharacters(), parser.getTextOffset(), length);
                }
                case "sequenceNumber" -> message.sequenceNumber = readCounter(token);
                case "streamSid" ->
                {
                    final int length = stringLength(token);
                    message.streamSid.set(parser.getTextCharacters(), parser.getTextOffset(), length);
                    message.hasStreamSid = true;
                }
                case "media" -> readMedia(expectObject(token), message);
                case "start" -> readStart(expectObject(token), message);
                case "dtmf" -> readDtmf(expectObject(token), message);
                case "mark" -> readMark(expectObject(token), message);
                default -> skip(token);
            }
        }
    }

    private void readMedia(final JsonToken objectStart, final TwilioMessage message) throws IOException
    {
        message.hasMedia = true;
        JsonToken token;
        while ((token = next()) != JsonToken.END_OBJECT)
        {
            final String field = fieldName(token);
            token = next();
            switch (field)
            {
                case "payload" ->
                {
                    final int length = stringLength(token);
                    message.payload.set(parser.getTextCharacters(), parser.getTextOffset(), length);
                    message.hasPayload = true;
                }
                case "track" ->
                {
                    final int length = stringLength(token);
                    message.inboundTrack = length == "inbound".length() &&
                        CharArraySequence.regionMatches(parser.getTextCharacters(), parser.getTextOffset(), "inbound");
                }
                case "chunk" -> message.chunk = readCounter(token);
                case "timestamp" -> message.timestampMs = readCounter(token);
                default -> skip(token);
            }
        }
    }

    private void readDtmf(final JsonToken objectStart, final TwilioMessage message) throws IOException
    {
        message.hasDtmf = true;
        JsonToken token;
        while ((token = next()) != JsonToken.END_OBJECT)
        {
            final String field = fieldName(token);
            token = next();
            if (field.equals("digit"))
            {
                final int length = stringLength(token);
                // A digit is one character; anything else is published as 0 and refused as a bad digit.
                message.digit = length == 1 ? parser.getTextCharacters()[parser.getTextOffset()] : 0;
                message.hasDigit = true;
            }
            else
            {
                skip(token);
            }
        }
    }

    private void readMark(final JsonToken objectStart, final TwilioMessage message) throws IOException
    {
        message.hasMark = true;
        JsonToken token;
        while ((token = next()) != JsonToken.END_OBJECT)
        {
            final String field = fieldName(token);
            token = next();
            if (field.equals("name"))
            {
                final int length = stringLength(token);
                message.markName.set(parser.getTextCharacters(), parser.getTextOffset(), length);
                message.hasMarkName = true;
            }
            else
            {
                skip(token);
            }
        }
    }

    private void readStart(final JsonToken objectStart, final TwilioMessage message) throws IOException
    {
        message.hasStart = true;
        JsonToken token;
        while ((token = next()) != JsonToken.END_OBJECT)
        {
            final String field = fieldName(token);
            token = next();
            switch (field)
            {
                case "streamSid" -> message.startStreamSid = string(token);
                case "accountSid" -> message.accountSid = string(token);
                case "callSid" -> message.callSid = string(token);
                case "tracks" ->
                {
                    if (token != JsonToken.START_ARRAY)
                    {
                        throw Rejection.WRONG_TYPE;
                    }
                    while ((token = next()) != JsonToken.END_ARRAY)
                    {
                        message.tracks.add(string(token));
                    }
                }
                case "customParameters" ->
                {
                    expectObject(token);
                    while ((token = next()) != JsonToken.END_OBJECT)
                    {
                        final String name = fieldName(token);
                        final String value = string(next());
                        if (message.customParameters.size() < TwilioMessage.MAX_CUSTOM_PARAMETERS)
                        {
                            message.customParameters.put(name, value);
                        }
                    }
                }
                case "mediaFormat" -> readMediaFormat(expectObject(token), message);
                default -> skip(token);
            }
        }
    }

    private void readMediaFormat(final JsonToken objectStart, final TwilioMessage message) throws IOException
    {
        JsonToken token;
        while ((token = next()) != JsonToken.END_OBJECT)
        {
            final String field = fieldName(token);
            token = next();
            switch (field)
            {
                case "encoding" -> message.encoding = string(token);
                case "sampleRate" -> message.sampleRate = readCounter(token);
                case "channels" -> message.channels = readCounter(token);
                default -> skip(token);
            }
        }
    }

    private JsonToken next() throws IOException
    {
        final JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.NOT_AVAILABLE)
        {
            // The frame ended inside the object: truncated JSON.
            throw Rejection.MALFORMED;
        }
        return token;
    }

    private String fieldName(final JsonToken token) throws IOException
    {
        if (token != JsonToken.FIELD_NAME)
        {
            throw Rejection.MALFORMED;
        }
        // Canonicalized by Jackson's symbol table: the same String instance every time, nothing allocated.
        return parser.currentName();
    }

    private static JsonToken expectObject(final JsonToken token)
    {
        if (token != JsonToken.START_OBJECT)
        {
            throw Rejection.WRONG_TYPE;
        }
        return token;
    }

    private int stringLength(final JsonToken token) throws IOException
    {
        if (token != JsonToken.VALUE_STRING)
        {
            throw Rejection.WRONG_TYPE;
        }
        return parser.getTextLength();
    }

    private String string(final JsonToken token) throws IOException
    {
        if (token != JsonToken.VALUE_STRING)
        {
            throw Rejection.WRONG_TYPE;
        }
        return parser.getText();
    }

    /**
     * A non-negative counter that Twilio sends as a decimal string ({@code sequenceNumber}, {@code chunk},
     * {@code timestamp}) or, for {@code mediaFormat}, as a number: both spellings are accepted.
     */
    private long readCounter(final JsonToken token) throws IOException
    {
        if (token == JsonToken.VALUE_NUMBER_INT)
        {
            final long value = parser.getLongValue();
            if (value < 0)
            {
                throw Rejection.WRONG_TYPE;
            }
            return value;
        }
        final int length = stringLength(token);
        if (length == 0 || length > 18)
        {
            throw Rejection.WRONG_TYPE;
        }
        final char[] chars = parser.getTextCharacters();
        final int offset = parser.getTextOffset();
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final int digit = chars[offset + i] - '0';
            if (digit < 0 || digit > 9)
            {
                throw Rejection.WRONG_TYPE;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Skips a value of any type; unlike {@code JsonParser.skipChildren} it stops on truncated input. */
    private void skip(final JsonToken token) throws IOException
    {
        if (!token.isStructStart())
        {
            return;
        }
        int depth = 1;
        while (depth > 0)
        {
            final JsonToken inner = next();
            if (inner.isStructStart())
            {
                depth++;
            }
            else if (inner.isStructEnd())
            {
                depth--;
            }
        }
    }

    private static boolean isJsonBlank(final byte b)
    {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** A rejected frame; shared instances without stack trace, so rejecting allocates nothing. */
    private static final class Rejection extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        static final Rejection MALFORMED = new Rejection(ProtocolError.MALFORMED_JSON);
        static final Rejection WRONG_TYPE = new Rejection(ProtocolError.WRONG_FIELD_TYPE);

        private final transient ProtocolError error;

        private Rejection(final ProtocolError error)
        {
            super(error.label(), null, false, false);
            this.error = error;
        }
    }
}
