package io.voxgate.server.twilio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message from Twilio as {@link TwilioMessageReader} parsed it: the fields of every event kind, reset before
 * each message and reused for the connection's lifetime, so reading a {@code media} message allocates nothing.
 *
 * <p>Numeric fields are -1 when absent. The {@code start} fields (SIDs, custom parameters, tracks) are plain
 * objects: a start arrives once per call. Not thread-safe: owned by one connection's event loop.
 */
final class TwilioMessage
{
    static final int MAX_CUSTOM_PARAMETERS = 64;

    TwilioEvent event = TwilioEvent.NONE;
    long sequenceNumber = -1;
    final CharArraySequence streamSid = new CharArraySequence(64);
    boolean hasStreamSid;

    boolean hasMedia;
    boolean inboundTrack = true;
    long chunk = -1;
    long timestampMs = -1;
    final CharArraySequence payload = new CharArraySequence(256);
    boolean hasPayload;

    boolean hasDtmf;
    char digit;
    boolean hasDigit;

    boolean hasMark;
    final CharArraySequence markName = new CharArraySequence(64);
    boolean hasMarkName;

    boolean hasStart;
    String startStreamSid;
    String accountSid;
    String callSid;
    final List<String> tracks = new ArrayList<>(2);
    final Map<String, String> customParameters = new LinkedHashMap<>();
    String encoding;
    long sampleRate = -1;
    long channels = -1;

    void reset()
    {
        event = TwilioEvent.NONE;
        sequenceNumber = -1;
        streamSid.clear();
        hasStreamSid = false;
        hasMedia = false;
        inboundTrack = true;
        chunk = -1;
        timestampMs = -1;
        payload.clear();
        hasPayload = false;
        hasDtmf = false;
        digit = 0;
        hasDigit = false;
        hasMark = false;
        markName.clear();
        hasMarkName = false;
        if (hasStart)
        {
            hasStart = false;
            startStreamSid = null;
            accountSid = null;
            callSid = null;
            tracks.clear();
            customParameters.clear();
            encoding = null;
            sampleRate = -1;
            channels = -1;
        }
    }
}
