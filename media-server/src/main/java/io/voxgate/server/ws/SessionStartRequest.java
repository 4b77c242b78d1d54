package io.voxgate.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxgate.orchestrator.model.AssistantSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A validated {@code session.start}: audio format, assistant, setting overrides and dynamic variables. Parsing
 * either yields one or throws a {@link WsProtocolException} with the error code the client must get.
 *
 * @param inputSampleRate  rate of the caller audio the client sends.
 * @param outputSampleRate rate of the reply audio the client wants.
 * @param assistantId      the assistant named in the message, or empty.
 * @param overrides        the setting overrides, applied at the session's start.
 * @param dynamicVariables template values.
 */
record SessionStartRequest(
    int inputSampleRate, int outputSampleRate, String assistantId, UnaryOperator<AssistantSettings> overrides,
    Map<String, String> dynamicVariables)
{
    private static final int MAX_DYNAMIC_VARIABLES = 64;
    private static final int MAX_TEXT_OVERRIDE_CHARS = 8000;

    static SessionStartRequest parse(final JsonNode message)
    {
        int inputRate = WsProtocol.PIPELINE_RATE;
        int outputRate = WsProtocol.PIPELINE_RATE;
        final JsonNode audio = message.get("audio");
        if (null != audio && !audio.isNull())
        {
            if (!audio.isObject())
            {
                throw new WsProtocolException(WsError.UNSUPPORTED_AUDIO_FORMAT, "audio must be an object");
            }
            final JsonNode encoding = audio.get("encoding");
            if (null != encoding && !"pcm16".equals(encoding.asText(null)))
            {
                throw new WsProtocolException(WsError.UNSUPPORTED_AUDIO_FORMAT,
                    "audio.encoding must be \"pcm16\", got " + encoding);
            }
            final JsonNode channels = audio.get("channels");
            if (null != channels && !(channels.isInt() && channels.intValue() == 1))
            {
                throw new WsProtocolException(WsError.UNSUPPORTED_AUDIO_FORMAT,
                    "audio.channels must be 1, got " + channels);
            }
            inputRate = rate(audio, "sampleRate", inputRate);
            outputRate = rate(audio, "outputSampleRate", outputRate);
        }
        final JsonNode assistant = message.get("assistantId");
        if (null != assistant && !assistant.isNull() && !assistant.isTextual())
        {
            throw new WsProtocolException(WsError.INVALID_MESSAGE, "assistantId must be a string");
        }
        final JsonNode metadata = message.get("metadata");
        if (null != metadata && !metadata.isNull() && !metadata.isObject())
        {
            throw new WsProtocolException(WsError.INVALID_MESSAGE, "metadata must be an object");
        }
        final UnaryOperator<AssistantSettings> overrides =
            overrides(null == metadata ? null : metadata.get("overrides"));
        return new SessionStartRequest(inputRate, outputRate, null == assistant ? "" : assistant.asText(""),
            overrides, dynamicVariables(message.get("dynamicVariables")));
    }

    private static int rate(final JsonNode audio, final String field, final int fallback)
    {
        final JsonNode rate = audio.get(field);
        if (null == rate)
        {
            return fallback;
        }
        if (!rate.isInt() || !WsProtocol.isSupportedRate(rate.intValue()))
        {
            throw new WsProtocolException(WsError.UNSUPPORTED_AUDIO_FORMAT,
                "audio." + field + " must be 16000, 24000 or 48000, got " + rate);
        }
        return rate.intValue();
    }

    private static Map<String, String> dynamicVariables(final JsonNode variables)
    {
        if (null == variables || variables.isNull())
        {
            return Map.of();
        }
        if (!variables.isObject() || variables.size() > MAX_DYNAMIC_VARIABLES)
        {
            throw new WsProtocolException(WsError.INVALID_MESSAGE,
                "dynamicVariables must be an object of at most " + MAX_DYNAMIC_VARIABLES + " strings");
        }
        final Map<String, String> values = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> field : variables.properties())
        {
            if (!field.getValue().isValueNode() || field.getValue().isNull())
            {
                throw new WsProtocolException(WsError.INVALID_MESSAGE,
                    "dynamicVariables." + field.getKey() + " must be a string, number or boolean");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    private static UnaryOperator<AssistantSettings> overrides(final JsonNode overrides)
    {
        if (null == overrides || overrides.isNull())
        {
            return UnaryOperator.identity();
        }
        if (!overrides.isObject())
        {
            throw new WsProtocolException(WsError.OVERRIDE_NOT_ALLOWED, "metadata.overrides must be an object");
        }
        final List<UnaryOperator<AssistantSettings.Builder>> changes = new ArrayList<>();
        for (final Map.Entry<String, JsonNode> field : overrides.properties())
        {
            final String name = field.getKey();
            final JsonNode value = field.getValue();
            changes.add(switch (name)
            {
                case "greeting" ->
                {
                    final String text = text(name, value);
                    yield builder -> builder.greeting(text);
                }
                case "systemPrompt" ->
                {
                    final String text = text(name, value);
                    yield builder -> builder.systemPrompt(text);
                }
                case "minEndpointingDelayMs" ->
                {
                    final long ms = millis(name, value);
                    yield builder -> builder.minEndpointingDelayMs(ms);
                }
                case "maxEndpointingDelayMs" ->
                {
                    final long ms = millis(name, value);
                    yield builder -> builder.maxEndpointingDelayMs(ms);
                }
                case "minInterruptionDurationMs" ->
                {
                    final long ms = millis(name, value);
                    yield builder -> builder.minInterruptionDurationMs(ms);
                }
                case "minInterruptionWords" ->
                {
                    final int words = (int)Math.min(millis(name, value), 1000);
                    yield builder -> builder.minInterruptionWords(words);
                }
                case "idleTimeoutMs" ->
                {
                    final long ms = millis(name, value);
                    yield builder -> builder.idleTimeoutMs(ms);
                }
                case "maxCallDurationMs" ->
                {
                    final long ms = millis(name, value);
                    yield builder -> builder.maxCallDurationMs(ms);
                }
                default -> throw new WsProtocolException(WsError.OVERRIDE_NOT_ALLOWED,
                    "metadata.overrides." + name + " may not be overridden; allowed: greeting, systemPrompt, " +
                    "minEndpointingDelayMs, maxEndpointingDelayMs, minInterruptionDurationMs, minInterruptionWords, " +
                    "idleTimeoutMs, maxCallDurationMs");
            });
        }
        final List<UnaryOperator<AssistantSettings.Builder>> all = List.copyOf(changes);
        return settings ->
        {
            AssistantSettings.Builder builder = settings.toBuilder();
            for (final UnaryOperator<AssistantSettings.Builder> change : all)
            {
                builder = change.apply(builder);
            }
            try
            {
                return builder.build();
            }
            catch (final IllegalArgumentException ex)
            {
                // The combination is invalid (e.g. min > max endpointing): keep the assistant's own settings.
                return settings;
            }
        };
    }

    private static String text(final String name, final JsonNode value)
    {
        if (!value.isTextual() || value.textValue().length() > MAX_TEXT_OVERRIDE_CHARS)
        {
            throw new WsProtocolException(WsError.OVERRIDE_NOT_ALLOWED,
                "metadata.overrides." + name + " must be a string of at most " + MAX_TEXT_OVERRIDE_CHARS +
                " characters");
        }
        return value.textValue();
    }

    private static long millis(final String name, final JsonNode value)
    {
        if (!value.isIntegralNumber() || value.longValue() < 0 || value.longValue() > 86_400_000L)
        {
            throw new WsProtocolException(WsError.OVERRIDE_NOT_ALLOWED,
                "metadata.overrides." + name + " must be an integer from 0 to 86400000");
        }
        return value.longValue();
    }
}
