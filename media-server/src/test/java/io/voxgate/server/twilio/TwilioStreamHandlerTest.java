package io.voxgate.server.twilio;

import static io.voxgate.server.twilio.TwilioMessageReaderTest.SID;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.SILENCE_PAYLOAD;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.media;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineCounters;
import io.voxgate.server.pipeline.PipelineSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler alone, on Netty's {@link EmbeddedChannel}, publishing into a real (not started) pipeline's ingress
 * ring: what reaches the ring is read from the ring's own counters, which are updated on the publishing thread.
 */
class TwilioStreamHandlerTest
{
    static final String CONNECTED = "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";

    private final TwilioCounters counters = new TwilioCounters();
    private MediaPipeline pipeline;
    private PipelineCounters ring;
    private TwilioEndpoint endpoint;
    private EmbeddedChannel channel;

    static String start(final String sid)
    {
        return "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + sid + "\"," +
            "\"start\":{\"streamSid\":\"" + sid + "\",\"accountSid\":\"AC0\",\"callSid\":\"CA0\"," +
            "\"tracks\":[\"inbound\"],\"customParameters\":" +
            "{\"assistant\":\"parrot\",\"caller\":\"+14155550100\"},\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\"," +
            "\"sampleRate\":8000,\"channels\":1}}}";
    }

    static String dtmf(final String digit)
    {
        return "{\"event\":\"dtmf\",\"sequenceNumber\":\"40\",\"streamSid\":\"" + SID + "\",\"dtmf\":{\"track\":" +
            "\"inbound_track\",\"digit\":\"" + digit + "\"}}";
    }

    static String mark(final String name)
    {
        return "{\"event\":\"mark\",\"sequenceNumber\":\"57\",\"streamSid\":\"" + SID + "\",\"mark\":{\"name\":\"" +
            name + "\"}}";
    }

    static String stop()
    {
        return "{\"event\":\"stop\",\"sequenceNumber\":\"301\",\"streamSid\":\"" + SID + "\",\"stop\":{}}";
    }

    @BeforeEach
    void setUp()
    {
        final TwilioCallTable table = new TwilioCallTable(8, counters);
        pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(8).withIngressRingSize(1024)
            .withEgressRingSize(1024), table);
        ring = pipeline.counters();
        endpoint = new TwilioEndpoint(pipeline.ingress(), pipeline.registry(), table, new CallAdmission(8), counters,
            64 * 1024);
        channel = new EmbeddedChannel(endpoint.newStreamHandler());
    }

    @AfterEach
    void tearDown()
    {
        channel.finishAndReleaseAll();
        pipeline.close();
    }

    private void send(final String json)
    {
        channel.writeInbound(new TextWebSocketFrame(json));
    }

    private void startCall()
    {
        send(CONNECTED);
        send(start(SID));
        assertEquals(1, ring.ingressControlSlots(), "start published");
        assertEquals(1, pipeline.registry().activeCalls());
    }

    /** Reads the close frame the handler wrote and checks the channel is closed. */
    private void assertClosedWith(final int status)
    {
        final Object written = channel.readOutbound();
        assertInstanceOf(CloseWebSocketFrame.class, written, String.valueOf(written));
        final CloseWebSocketFrame close = (CloseWebSocketFrame)written;
        try
        {
            assertEquals(status, close.statusCode(), close.reasonText());
        }
        finally
        {
            close.release();
        }
        assertFalse(channel.isActive(), "closed after the close frame");
    }

    @Test
    void aWholeCallPublishesStartMediaDtmfMarkAndStopThenCloses()
    {
        startCall();
        send(media(2, SILENCE_PAYLOAD));
        send(media(3, SILENCE_PAYLOAD));
        send(dtmf("7"));
        send(mark("r1:t1:s0:100"));
        send(stop());
        assertEquals(2, ring.ingressMediaFrames());
        assertEquals(320, ring.ingressMediaBytes());
        assertEquals(4, ring.ingressControlSlots(), "start, dtmf, mark, stop");
        assertClosedWith(1000);
        assertEquals(4, ring.ingressControlSlots(), "no second terminal slot on close");
        assertEquals(1, counters.outcomes().get(CallOutcome.STOPPED));
        assertEquals(7, counters.messagesIn());
        for (final ProtocolError error : ProtocolError.values())
        {
            assertEquals(0, counters.protocolErrors().get(error), error.label());
        }
    }

    @Test
    void aSocketClosedWithoutStopPublishesClosedOnce()
    {
        startCall();
        send(media(2, SILENCE_PAYLOAD));
        channel.close();
        assertEquals(2, ring.ingressControlSlots(), "start and closed");
        assertEquals(1, counters.outcomes().get(CallOutcome.PEER_CLOSED));
    }

    @Test
    void binaryFrameClosesWith1003()
    {
        startCall();
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        assertClosedWith(1003);
        assertEquals(1, counters.protocolErrors().get(ProtocolError.BINARY_FRAME));
        assertEquals(2, ring.ingressControlSlots(), "the session still ends with one terminal slot");
    }

    @Test
    void malformedJsonClosesWith1007()
    {
        startCall();
        send("{\"event\":\"media\",\"media\":{\"payload\":\"" + SILENCE_PAYLOAD);
        assertClosedWith(1007);
        assertEquals(1, counters.protocolErrors().get(ProtocolError.MALFORMED_JSON));
        assertEquals(0, ring.ingressMediaFrames());
    }

    @Test
    void wrongFieldTypeClosesWith1007()
    {
        startCall();
        send("{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":42}}");
        assertClosedWith(1007);
        assertEquals(1, counters.protocolErrors().get(ProtocolError.WRONG_FIELD_TYPE));
    }

    @Test
    void missingEventOrPayloadClosesWith1007()
    {
        startCall();
        send("{\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\"" + SILENCE_PAYLOAD + "\"}}");
        assertClosedWith(1007);
        assertEquals(1, counters.protocolErrors().get(ProtocolError.MISSING_FIELD));
    }

    @Test
    void mediaBeforeStartClosesWith1008AndNothingIsPublished()
    {
        send(CONNECTED);
        send(media(2, SILENCE_PAYLOAD));
        assertClosedWith(1008);
        assertEquals(1, counters.protocolErrors().get(ProtocolError.MEDIA_BEFORE_START));
        assertEquals(0, ring.ingressControlSlots());
        assertEquals(0, ring.ingressMediaFrames());
        assertEquals(0, pipeline.registry().activeCalls());
    }

    @Test
    void duplicateStartClosesWith1008()
    {
        startCall();
        send(start(SID));
        assertClosedWith(1008);
        assertEquals(1, counters.protocolErrors().get(ProtocolError.DUPLICATE_START));
        assertEquals(1, pipeline.registry().activeCalls(), "the second start acquired nothing");
        assertEquals(2, ring.ingressControlSlots(), "start and closed");
    }

    @Test
    void unsupportedMediaFormatClosesWith1003()
    {
        send(start(SID).replace("audio/x-mulaw", "audio/x-l16"));
        assertClosedWith(1003);
        assertEquals(1, counters.protocolErrors().get(ProtocolError.UNSUPPORTED_MEDIA_FORMAT));
        assertEquals(0, pipeline.registry().activeCalls());
    }

    @Test
    void invalidBase64DropsTheFrameAndTheCallGoesOn()
    {
        startCall();
        send(media(2, "////!!!!"));
        send(media(3, "abc"));
        send(media(4, SILENCE_PAYLOAD));
        assertNull(channel.readOutbound(), "no close");
        assertTrue(channel.isActive());
        assertEquals(2, counters.protocolErrors().get(ProtocolError.INVALID_BASE64));
        assertEquals(2, ring.ingressInvalidBase64());
        assertEquals(1, ring.ingressMediaFrames());
    }

    @Test
    void oversizedPayloadDropsTheFrameAndTheCallGoesOn()
    {
        startCall();
        send(media(2, "A".repeat(4 * 1024)));
        send(media(3, SILENCE_PAYLOAD));
        assertTrue(channel.isActive());
        assertEquals(1, counters.protocolErrors().get(ProtocolError.PAYLOAD_TOO_LARGE));
        assertEquals(1, ring.ingressPayloadTooLarge());
        assertEquals(1, ring.ingressMediaFrames());
    }

    @Test
    void unknownEventsAreIgnoredAndCounted()
    {
        startCall();
        send("{\"event\":\"transcript\",\"sequenceNumber\":\"5\",\"streamSid\":\"" + SID + "\",\"transcript\":{}}");
        send(media(6, SILENCE_PAYLOAD));
        assertTrue(channel.isActive());
        assertEquals(1, counters.protocolErrors().get(ProtocolError.UNKNOWN_EVENT));
        assertEquals(1, ring.ingressMediaFrames());
    }

    @Test
    void nonFatalOddities()
    {
        startCall();
        send(dtmf("x"));
        send(dtmf(""));
        send(mark("\u00e9t\u00e9"));
        send(media(7, SILENCE_PAYLOAD).replace(SID, "MZ-some-other-stream"));
        send(media(8, SILENCE_PAYLOAD).replace("\"track\":\"inbound\"", "\"track\":\"outbound\""));
        send(CONNECTED);
        assertTrue(channel.isActive());
        assertNull(channel.readOutbound());
        assertEquals(2, counters.protocolErrors().get(ProtocolError.BAD_DTMF_DIGIT));
        assertEquals(1, counters.protocolErrors().get(ProtocolError.BAD_MARK));
        assertEquals(1, counters.protocolErrors().get(ProtocolError.STREAM_SID_MISMATCH));
        assertEquals(1, counters.protocolErrors().get(ProtocolError.UNEXPECTED_CONNECTED));
        assertEquals(1, counters.drops().get(TransportDrop.OUTBOUND_TRACK));
        assertEquals(0, ring.ingressMediaFrames());
        assertEquals(1, ring.ingressControlSlots(), "only the start");
    }

    @Test
    void pingIsAnsweredWithPong()
    {
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII)));
        final PongWebSocketFrame pong = channel.readOutbound();
        try
        {
            assertEquals("hi", pong.content().toString(StandardCharsets.US_ASCII));
        }
        finally
        {
            pong.release();
        }
    }

    @Test
    void thePeersCloseIsEchoedAndEndsTheSession()
    {
        startCall();
        channel.writeInbound(new CloseWebSocketFrame(1000, "bye"));
        assertClosedWith(1000);
        assertEquals(2, ring.ingressControlSlots());
        assertEquals(1, counters.outcomes().get(CallOutcome.PEER_CLOSED));
    }

    @Test
    void aPeerCloseWithoutStatusIsAnsweredWithoutStatusAndPublishedAs1005()
    {
        startCall();
        channel.writeInbound(new CloseWebSocketFrame());
        final CloseWebSocketFrame reply = channel.readOutbound();
        try
        {
            assertEquals(-1, reply.statusCode());
        }
        finally
        {
            reply.release();
        }
        assertFalse(channel.isActive());
        assertEquals(2, ring.ingressControlSlots());
    }

    @Test
    void idleConnectionsCloseWith1008()
    {
        startCall();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertClosedWith(1008);
        assertEquals(1, counters.outcomes().get(CallOutcome.IDLE));
    }

    @Test
    void theDrainDeadlineClosesWith1001()
    {
        startCall();
        channel.pipeline().fireUserEventTriggered(CallAdmission.DRAIN_DEADLINE);
        assertClosedWith(1001);
        assertEquals(1, counters.outcomes().get(CallOutcome.DRAINED));
        assertEquals(2, ring.ingressControlSlots());
    }

    @Test
    void aFullRegistryRefusesTheCallWith1013()
    {
        final EmbeddedChannel[] others = new EmbeddedChannel[8];
        for (int i = 0; i < others.length; i++)
        {
            others[i] = new EmbeddedChannel(endpoint.newStreamHandler());
            others[i].writeInbound(new TextWebSocketFrame(start("MZ" + i)));
        }
        send(start(SID));
        assertClosedWith(1013);
        assertEquals(1, counters.outcomes().get(CallOutcome.REFUSED_CAPACITY));
        for (final EmbeddedChannel other : others)
        {
            assertTrue(other.isActive());
            other.finishAndReleaseAll();
        }
    }
}
