package io.voxgate.server.pipeline;

import io.voxgate.codec.base64.Base64Decoder;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Plays the transport's part for one call in tests: publishes Twilio-shaped messages into the ingress ring as the
 * Netty handler would (acquire, start, media, dtmf, mark, stop), on the manual clock, 20 ms per media frame.
 */
final class TwilioCall
{
    private final MediaPipeline pipeline;
    private final ManualClock clock;
    private final Base64Decoder decoder = new Base64Decoder();
    private final String streamSid;
    private int index = -1;
    private long sequence;
    private long mediaMs;

    TwilioCall(final MediaPipeline pipeline, final ManualClock clock, final String streamSid)
    {
        this.pipeline = pipeline;
        this.clock = clock;
        this.streamSid = streamSid;
    }

    int index()
    {
        return index;
    }

    String streamSid()
    {
        return streamSid;
    }

    TwilioCall start(final String assistant)
    {
        index = pipeline.registry().acquire(new CallStart(streamSid, "CA" + streamSid, "AC0", assistant, Map.of()));
        assertNotEquals(CallRegistry.NO_CAPACITY, index);
        assertEquals(PublishResult.PUBLISHED, pipeline.ingress().tryPublishStart(index, clock.nanoTime(), ++sequence));
        return this;
    }

    /** Publishes every 20 ms frame of {@code mulaw}, advancing the clock 20 ms before each. */
    TwilioCall media(final byte[] mulaw)
    {
        for (int frame = 0; frame < mulaw.length / CallAudio.FRAME_BYTES; frame++)
        {
            final String payload = CallAudio.frame(mulaw, frame);
            mediaMs += 20;
            assertEquals(PublishResult.PUBLISHED, pipeline.ingress().tryPublishMedia(index,
                clock.advanceMillis(20), ++sequence, mediaMs, payload, 0, payload.length(), decoder));
        }
        return this;
    }

    /** Publishes frame {@code frame} of {@code mulaw} at the clock's current time (the test moves the clock). */
    TwilioCall mediaFrame(final byte[] mulaw, final int frame)
    {
        final String payload = CallAudio.frame(mulaw, frame);
        mediaMs += 20;
        assertEquals(PublishResult.PUBLISHED, pipeline.ingress().tryPublishMedia(index, clock.nanoTime(),
            ++sequence, mediaMs, payload, 0, payload.length(), decoder));
        return this;
    }

    int publishRaw(final String base64)
    {
        return pipeline.ingress().tryPublishMedia(index, clock.nanoTime(), ++sequence, mediaMs, base64, 0,
            base64.length(), decoder);
    }

    TwilioCall dtmf(final char digit)
    {
        assertEquals(PublishResult.PUBLISHED,
            pipeline.ingress().tryPublishDtmf(index, clock.nanoTime(), ++sequence, digit));
        return this;
    }

    TwilioCall mark(final String name)
    {
        assertEquals(PublishResult.PUBLISHED,
            pipeline.ingress().tryPublishMark(index, clock.nanoTime(), ++sequence, name));
        return this;
    }

    TwilioCall stop()
    {
        assertEquals(PublishResult.PUBLISHED, pipeline.ingress().tryPublishStop(index, clock.nanoTime(), ++sequence));
        return this;
    }
}
