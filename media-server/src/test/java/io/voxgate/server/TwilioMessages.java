package io.voxgate.server;

/**
 * Twilio Media Streams messages as Twilio sends them (protocols.md §1.3): every field a string where Twilio's is.
 */
final class TwilioMessages
{
    private TwilioMessages()
    {
    }

    static String connected()
    {
        return "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    }

    static String start(final String sid, final long sequence, final String assistant)
    {
        return "{\"event\":\"start\",\"sequenceNumber\":\"" + sequence + "\",\"streamSid\":\"" + sid + "\"," +
            "\"start\":{\"streamSid\":\"" + sid + "\",\"accountSid\":\"AC0000aaaa1111bbbb2222cccc3333dddd\"," +
            "\"callSid\":\"CA" + sid + "\",\"tracks\":[\"inbound\"],\"customParameters\":{\"assistant\":\"" +
            assistant + "\",\"caller\":\"+14155550100\"},\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\"," +
            "\"sampleRate\":8000,\"channels\":1}}}";
    }

    /** A start for call {@code callSid} carrying the stream token the Voice webhook minted for it. */
    static String start(final String sid, final long sequence, final String assistant, final String callSid,
        final String token)
    {
        return start(sid, sequence, assistant)
            .replace("\"callSid\":\"CA" + sid + "\"", "\"callSid\":\"" + callSid + "\"")
            .replace("\"caller\":\"+14155550100\"}", "\"caller\":\"+14155550100\",\"token\":\"" + token + "\"}");
    }

    static String media(final String sid, final long sequence, final long timestampMs, final String payload)
    {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + sequence + "\",\"streamSid\":\"" + sid + "\"," +
            "\"media\":{\"track\":\"inbound\",\"chunk\":\"" + (sequence - 1) + "\",\"timestamp\":\"" + timestampMs +
            "\",\"payload\":\"" + payload + "\"}}";
    }

    static String dtmf(final String sid, final long sequence, final char digit)
    {
        return "{\"event\":\"dtmf\",\"sequenceNumber\":\"" + sequence + "\",\"streamSid\":\"" + sid + "\"," +
            "\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"" + digit + "\"}}";
    }

    static String mark(final String sid, final long sequence, final String name)
    {
        return "{\"event\":\"mark\",\"sequenceNumber\":\"" + sequence + "\",\"streamSid\":\"" + sid + "\"," +
            "\"mark\":{\"name\":\"" + name + "\"}}";
    }

    static String stop(final String sid, final long sequence)
    {
        return "{\"event\":\"stop\",\"sequenceNumber\":\"" + sequence + "\",\"streamSid\":\"" + sid + "\"," +
            "\"stop\":{\"accountSid\":\"AC0000aaaa1111bbbb2222cccc3333dddd\",\"callSid\":\"CA" + sid + "\"}}";
    }

    /** The value of a top-level or nested string field, by a plain scan (our own messages, no escapes). */
    static String field(final String json, final String name)
    {
        final String key = "\"" + name + "\":\"";
        final int at = json.indexOf(key);
        if (at < 0)
        {
            return null;
        }
        final int start = at + key.length();
        return json.substring(start, json.indexOf('"', start));
    }

    static String event(final String json)
    {
        return field(json, "event");
    }
}
