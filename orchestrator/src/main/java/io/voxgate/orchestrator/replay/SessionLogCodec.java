package io.voxgate.orchestrator.replay;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.reducer.SessionSnapshot;

import java.io.IOException;
import java.util.List;

/**
 * The JSON-lines format of session logs. The first line is a header with the session ID and the assistant's
 * settings; every further line records one applied event, the commands it produced and the resulting state:
 *
 * <pre>
 * {"log":"voxgate-session","version":1,"sessionId":"call-1","settings":{...}}
 * {"seq":1,"event":{"type":"CallStarted","sessionId":"call-1","atMs":0},
 *  "commands":[{"type":"StartAsr","sessionId":"call-1"}, ...],
 *  "state":{"state":"LISTENING","turn":0,"runId":0,"historySize":1,"staleEvents":0}}
 * </pre>
 *
 * <p>Events and commands are written with their record component names plus a {@code type} naming the record.
 * Audio ({@code byte[]}) is written as its length in bytes only: the reducer reads nothing but the length, so a
 * replay with zero-filled audio of the same length makes the same decisions, and logs stay small. Reading is strict:
 * unknown or missing fields are errors.
 *
 * <p>Thread-safe once built (Jackson mappers are); writing happens off the orchestrator thread or in tests.
 */
public final class SessionLogCodec
{
    /** The format's name, in the header. */
    public static final String FORMAT = "voxgate-session";
    /** The format's version, in the header. */
    public static final int VERSION = 1;

    private final ObjectMapper mapper;
    private final ObjectWriter eventWriter;
    private final ObjectWriter commandWriter;
    private final ObjectWriter stateWriter;

    /**
     * Builds the codec.
     */
    public SessionLogCodec()
    {
        final SimpleModule audioAsLength = new SimpleModule("audio-as-length");
        audioAsLength.addSerializer(byte[].class, new AudioLengthSerializer());
        audioAsLength.addDeserializer(byte[].class, new AudioLengthDeserializer());
        final JsonMapper.Builder builder = JsonMapper.builder()
            .addModule(audioAsLength)
            .addMixIn(Event.class, TypedMixin.class)
            .addMixIn(Command.class, TypedMixin.class)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        mapper = builder.build();
        registerSubtypes(Event.class);
        registerSubtypes(Command.class);
        eventWriter = mapper.writerFor(Event.class);
        commandWriter = mapper.writerFor(Command.class);
        stateWriter = mapper.writerFor(SessionSnapshot.class);
    }

    private void registerSubtypes(final Class<?> sealed)
    {
        for (final Class<?> type : sealed.getPermittedSubclasses())
        {
            if (type.isInterface())
            {
                registerSubtypes(type);
            }
            else
            {
                mapper.registerSubtypes(new NamedType(type, type.getSimpleName()));
            }
        }
    }

    /**
     * The header line.
     *
     * @param sessionId the session.
     * @param settings  the assistant's settings.
     * @return one line of JSON, without a line break.
     */
    public String header(final String sessionId, final AssistantSettings settings)
    {
        final ObjectNode header = mapper.createObjectNode();
        header.put("log", FORMAT);
        header.put("version", VERSION);
        header.put("sessionId", sessionId);
        header.set("settings", mapper.valueToTree(settings));
        return header.toString();
    }

    /**
     * One record line.
     *
     * @param seq      the 1-based event number.
     * @param event    the applied event.
     * @param commands the commands it produced.
     * @param state    the state after it.
     * @return one line of JSON, without a line break.
     */
    public String line(final long seq, final Event event, final List<Command> commands, final SessionSnapshot state)
    {
        try
        {
            // Written straight to text (no tree): the server encodes a line per event on its logging thread.
            final StringBuilder line = new StringBuilder(256 + 128 * commands.size());
            line.append("{\"seq\":").append(seq).append(",\"event\":").append(eventWriter.writeValueAsString(event))
                .append(",\"commands\":[");
            for (int i = 0; i < commands.size(); i++)
            {
                if (i > 0)
                {
                    line.append(',');
                }
                line.append(commandWriter.writeValueAsString(commands.get(i)));
            }
            return line.append("],\"state\":").append(stateWriter.writeValueAsString(state)).append('}').toString();
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write a session log line", ex);
        }
    }

    /**
     * Commands as the JSON array a record line holds.
     *
     * @param commands the commands.
     * @return the array.
     */
    public ArrayNode commandsTree(final List<Command> commands)
    {
        final ArrayNode array = mapper.createArrayNode();
        for (final Command command : commands)
        {
            array.add(toTree(command, Command.class));
        }
        return array;
    }

    /**
     * A snapshot as the JSON object a record line holds.
     *
     * @param state the snapshot.
     * @return the object.
     */
    public JsonNode stateTree(final SessionSnapshot state)
    {
        return toTree(state, SessionSnapshot.class);
    }

    /**
     * Parses one line into a tree.
     *
     * @param lineNumber the 1-based line number, for errors.
     * @param text       the line.
     * @return the JSON object.
     * @throws SessionLogException when the line is not a JSON object.
     */
    public ObjectNode parse(final int lineNumber, final String text)
    {
        try
        {
            final JsonNode node = mapper.readTree(text);
            if (!(node instanceof ObjectNode object))
            {
                throw new SessionLogException(lineNumber, "not a JSON object", null);
            }
            return object;
        }
        catch (final JsonProcessingException ex)
        {
            throw new SessionLogException(lineNumber, "malformed JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * Converts a tree to a value.
     *
     * @param lineNumber the 1-based line number, for errors.
     * @param node       the tree.
     * @param type       the value type (e.g. {@link Event}, {@link AssistantSettings}).
     * @param <T>        the value type.
     * @return the value.
     * @throws SessionLogException when the tree does not describe a valid value.
     */
    public <T> T read(final int lineNumber, final JsonNode node, final Class<T> type)
    {
        if (null == node || node.isNull() || node.isMissingNode())
        {
            throw new SessionLogException(lineNumber, "missing " + type.getSimpleName(), null);
        }
        try
        {
            return mapper.treeToValue(node, type);
        }
        catch (final JsonProcessingException | IllegalArgumentException ex)
        {
            final String message = ex instanceof JsonProcessingException json ? json.getOriginalMessage() :
                ex.getMessage();
            throw new SessionLogException(lineNumber, "invalid " + type.getSimpleName() + ": " + message, ex);
        }
    }

    private JsonNode toTree(final Object value, final Class<?> declared)
    {
        try
        {
            // Written through the sealed base type so the "type" property is always present; parsed back so that
            // numbers compare equal to parsed log lines (an IntNode never equals a LongNode).
            final ObjectWriter writer = declared == Event.class ? eventWriter :
                declared == Command.class ? commandWriter : mapper.writerFor(declared);
            return mapper.readTree(writer.writeValueAsString(value));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), ex);
        }
    }

    /** Adds the {@code type} property naming the record. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface TypedMixin
    {
    }

    private static final class AudioLengthSerializer extends JsonSerializer<byte[]>
    {
        @Override
        public void serialize(final byte[] value, final JsonGenerator generator, final SerializerProvider provider)
            throws IOException
        {
            generator.writeNumber(value.length);
        }
    }

    private static final class AudioLengthDeserializer extends JsonDeserializer<byte[]>
    {
        @Override
        public byte[] deserialize(final JsonParser parser, final DeserializationContext context) throws IOException
        {
            if (!parser.currentToken().isNumeric())
            {
                return (byte[])context.handleUnexpectedToken(byte[].class, parser);
            }
            final int length = parser.getIntValue();
            if (length < 0 || length > 1 << 26)
            {
                throw context.weirdNumberException(length, byte[].class, "audio length out of range");
            }
            return new byte[length];
        }
    }
}
