package io.voxgate.server.pipeline;

import java.util.Map;
import java.util.Objects;

/**
 * What the transport learned from a Twilio {@code start} message: the side table entry of a session, kept in the
 * {@link CallRegistry} rather than in the ring slot because it is variable-sized and read once. Allocating it is
 * fine: it happens once per call.
 *
 * @param streamSid        {@code start.streamSid} (also the orchestrator's session ID); echoed in every outbound
 *                         message, so it must be ASCII.
 * @param callSid          {@code start.callSid} (may be empty).
 * @param accountSid       {@code start.accountSid} (may be empty).
 * @param assistant        the assistant to run, e.g. {@code parrot}; empty for the pipeline's default.
 * @param customParameters {@code start.customParameters}, copied (immutable); also the assistant's dynamic
 *                         variables.
 * @param client           for a client (browser/app) session: its output format and setting overrides; {@code null}
 *                         for a phone call, whose audio goes out as Twilio μ-law messages.
 */
public record CallStart(
    String streamSid, String callSid, String accountSid, String assistant, Map<String, String> customParameters,
    ClientOptions client)
{
    /** Longest stream SID accepted: Twilio's are 34 characters; this leaves room for other transports. */
    public static final int MAX_STREAM_SID_LENGTH = 128;

    /**
     * Validates and copies.
     *
     * @param streamSid        stream SID, non-empty printable ASCII without {@code "} or {@code \}, at most
     *                         {@link #MAX_STREAM_SID_LENGTH} characters.
     * @param callSid          call SID.
     * @param accountSid       account SID.
     * @param assistant        assistant name.
     * @param customParameters custom parameters.
     * @throws IllegalArgumentException if the stream SID could not be echoed verbatim in JSON.
     */
    public CallStart
    {
        Objects.requireNonNull(streamSid, "streamSid");
        if (streamSid.isEmpty() || streamSid.length() > MAX_STREAM_SID_LENGTH)
        {
            throw new IllegalArgumentException("streamSid must have 1.." + MAX_STREAM_SID_LENGTH + " characters");
        }
        for (int i = 0; i < streamSid.length(); i++)
        {
            final char c = streamSid.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\')
            {
                throw new IllegalArgumentException("streamSid must be printable ASCII without quotes: " + streamSid);
            }
        }
        callSid = null == callSid ? "" : callSid;
        accountSid = null == accountSid ? "" : accountSid;
        assistant = null == assistant ? "" : assistant;
        customParameters = null == customParameters ? Map.of() : Map.copyOf(customParameters);
    }

    /**
     * A phone call's start (no client options).
     *
     * @param streamSid        stream SID.
     * @param callSid          call SID.
     * @param accountSid       account SID.
     * @param assistant        assistant name.
     * @param customParameters custom parameters.
     */
    public CallStart(final String streamSid, final String callSid, final String accountSid, final String assistant,
        final Map<String, String> customParameters)
    {
        this(streamSid, callSid, accountSid, assistant, customParameters, null);
    }
}
