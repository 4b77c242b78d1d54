package io.voxgate.tools.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.codec.base64.Base64Encoder;
import io.voxgate.codec.g711.MuLaw;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The JSON messages Twilio sends on a bidirectional Media Stream (protocols.md §1.3): {@code connected}, {@code start},
 * {@code media}, {@code mark} and {@code stop}, with every field a string where Twilio's is, {@code sequenceNumber}
 * counting every message from {@code start} = 1, {@code media.chunk} from 1 and {@code media.timestamp} in ms since the
 * stream started.
 *
 * <p>One instance per call (it holds the call's SIDs and counters); used by the call's driver thread only.
 */
public final class TwilioCallerMessages
{
    /** The first message; it has no sequence number. */
    public static final String CONNECTED = "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String streamSid;
    private final String callSid;
    private final String accountSid;
    private final byte[] mulaw = new byte[CallerVoice.FRAME_SAMPLES];
    private final UnsafeBuffer mulawBuffer = new UnsafeBuffer(mulaw);
    private final byte[] base64 = new byte[Base64Encoder.encodedLength(CallerVoice.FRAME_SAMPLES)];
    private long sequence;
    private long chunk;

    /**
     * Messages of one stream.
     *
     * @param streamSid  the stream's SID ({@code MZ...}).
     * @param callSid    the call's SID ({@code CA...}).
     * @param accountSid the account's SID ({@code AC...}).
     */
    public TwilioCallerMessages(final String streamSid, final String callSid, final String accountSid)
    {
        this.streamSid = streamSid;
        this.callSid = callSid;
        this.accountSid = accountSid;
    }

    /**
     * @return the stream's SID.
     */
    public String streamSid()
    {
        return streamSid;
    }

    /**
     * The {@code start} message: inbound track only, μ-law 8 kHz mono.
     *
     * @param customParameters the stream's {@code <Parameter>}s.
     * @return the message.
     */
    public String start(final Map<String, String> customParameters)
    {
        final ObjectNode message = JSON.createObjectNode();
        message.put("event", "start").put("sequenceNumber", Long.toString(++sequence)).put("streamSid", streamSid);
        final ObjectNode start = message.putObject("start");
        start.put("streamSid", streamSid).put("accountSid", accountSid).put("callSid", callSid);
        start.putArray("tracks").add("inbound");
        final ObjectNode parameters = start.putObject("customParameters");
        customParameters.forEach(parameters::put);
        start.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
        return message.toString();
    }

    /**
     * A {@code media} message carrying one 20 ms frame, μ-law encoded.
     *
     * @param pcm the frame: {@link CallerVoice#FRAME_SAMPLES} samples at 8 kHz.
     * @return the message.
     */
    public String media(final short[] pcm)
    {
        MuLaw.encode(pcm, 0, mulaw, 0, CallerVoice.FRAME_SAMPLES);
        final int length = Base64Encoder.encode(mulawBuffer, 0, CallerVoice.FRAME_SAMPLES, base64, 0);
        final long timestampMs = 20 * chunk++;
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + ++sequence + "\",\"streamSid\":\"" + streamSid +
            "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + timestampMs +
            "\",\"payload\":\"" + new String(base64, 0, length, StandardCharsets.US_ASCII) + "\"}}";
    }

    /**
     * The echo of a played {@code mark}.
     *
     * @param name the mark's name as the server sent it.
     * @return the message.
     */
    public String mark(final String name)
    {
        final ObjectNode message = JSON.createObjectNode();
        message.put("event", "mark").put("sequenceNumber", Long.toString(++sequence)).put("streamSid", streamSid);
        message.putObject("mark").put("name", name);
        return message.toString();
    }

    /**
     * The {@code stop} message: the caller hung up.
     *
     * @return the message.
     */
    public String stop()
    {
        final ObjectNode message = JSON.createObjectNode();
        message.put("event", "stop").put("sequenceNumber", Long.toString(++sequence)).put("streamSid", streamSid);
        message.putObject("stop").put("accountSid", accountSid).put("callSid", callSid);
        return message.toString();
    }
}
