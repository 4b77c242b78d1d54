package io.voxgate.orchestrator.provider.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;

/**
 * The demo assistant's {@code check_availability(day)}: a deterministic room-availability table (the hotel is full
 * on Saturdays, otherwise three rooms are free), so the offline demo and its tests need no backend.
 *
 * <p>Result: {@code {"day":"friday","available":true,"rooms":3,"message":"..."}}.
 */
public final class CheckAvailabilityTool implements ServerTool
{
    /** The tool's name. */
    public static final String NAME = "check_availability";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String call(final String argumentsJson, final Map<String, String> variables) throws Exception
    {
        final JsonNode arguments = JSON.readTree(argumentsJson);
        final String day = arguments.path("day").asText("").strip().toLowerCase(Locale.ROOT);
        if (day.isEmpty())
        {
            throw new IllegalArgumentException("missing argument 'day'");
        }
        final int rooms = day.contains("saturday") ? 0 : 3;
        final ObjectNode result = JSON.createObjectNode();
        result.put("day", day);
        result.put("available", rooms > 0);
        result.put("rooms", rooms);
        result.put("message", rooms > 0 ? "We have " + rooms + " rooms available " + spoken(day) + "." :
            "I am sorry, we are fully booked " + spoken(day) + ".");
        return JSON.writeValueAsString(result);
    }

    private static String spoken(final String day)
    {
        return day.equals("tonight") || day.equals("tomorrow") ? day : "on " + day;
    }
}
