package io.voxgate.server.twilio;

import static io.voxgate.server.twilio.TwilioMessageReaderTest.SID;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.SILENCE_PAYLOAD;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.media;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.voxgate.server.pipeline.CallStart;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineCounters;
import io.voxgate.server.pipeline.PipelineSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream token on {@code start} (protocols.md §1.2, defence in depth), on Netty's {@link EmbeddedChannel} against
 * a real (not started) pipeline's ingress ring: a refused start must leave no trace in the pipeline (no session, no
 * START slot, no assistant preparation) and must not disturb a healthy call on the same endpoint.
 */
class StreamTokenOnStartTest
{
    private static final String CALL = "CA9999888877776666555544443333aaaa";
    private static final String OTHER_SID = "MZ0000111122223333444455556666bbbb";
    private static final long NOW = 1_700_000_000L;

    private final TwilioCounters counters = new TwilioCounters();
    private final AtomicLong clock = new AtomicLong(NOW);
    private final StreamToken tokens = new StreamToken("auth-token", clock::get);
    private final AtomicInteger preparations = new AtomicInteger();
    private MediaPipeline pipeline;
    private PipelineCounters ring;
    private TwilioEndpoint endpoint;

    static String start(final String sid, final String callSid, final String token)
    {
        return "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + sid + "\"," +
            "\"start\":{\"streamSid\":\"" + sid + "\",\"accountSid\":\"AC0\",\"callSid\":\"" + callSid + "\"," +
            "\"tracks\":[\"inbound\"],\"customParameters\":{\"assistant\":\"parrot\",\"caller\":\"+14155550100\"" +
            (null == token ? "" : ",\"token\":\"" + token + "\"") + "},\"mediaFormat\":{\"encoding\":" +
            "\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}";
    }

    @BeforeEach
    void setUp()
    {
        final TwilioCallTable table = new TwilioCallTable(8, counters);
        pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(8).withIngressRingSize(1024)
            .withEgressRingSize(1024), table);
        ring = pipeline.counters();
        endpoint = new TwilioEndpoint(pipeline.ingress(), pipeline.registry(), table, new CallAdmission(8), counters,
            64 * 1024, id ->
            {
                preparations.incrementAndGet();
                return CompletableFuture.completedFuture(id);
            }, tokens);
    }

    @AfterEach
    void tearDown()
    {
        pipeline.close();
    }

    private EmbeddedChannel connect()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(endpoint.newStreamHandler());
        channel.writeInbound(new TextWebSocketFrame(TwilioStreamHandlerTest.CONNECTED));
        return channel;
    }

    /** The one active session's start. */
    private CallStart onlyStart()
    {
        CallStart found = null;
        for (int index = 0; index < pipeline.registry().maxCalls(); index++)
        {
            final CallStart start = pipeline.registry().start(index);
            if (null != start)
            {
                assertNull(found, "one session only");
                found = start;
            }
        }
        assertNotNull(found, "a session");
        return found;
    }

    private static void assertClosedWith(final EmbeddedChannel channel, final int status)
    {
        final Object written = channel.readOutbound();
        assertInstanceOf(CloseWebSocketFrame.class, written, String.valueOf(written));
        final CloseWebSocketFrame close = (CloseWebSocketFrame)written;
        try
        {
            assertEquals(status, close.statusCode(), close.reasonText());
            assertEquals("invalid_stream_token", close.reasonText());
        }
        finally
        {
            close.release();
        }
        assertFalse(channel.isActive(), "closed after the close frame");
    }

    @Test
    void aValidTokenStartsTheCallAndStaysOutOfItsParameters()
    {
        final EmbeddedChannel call = connect();
        try
        {
            call.writeInbound(new TextWebSocketFrame(start(SID, CALL, tokens.mint(CALL))));
            assertNull(call.readOutbound(), "nothing written: the call goes on");
            assertTrue(call.isActive());
            assertEquals(1, ring.ingressControlSlots(), "START published");
            assertEquals(1, pipeline.registry().activeCalls());
            assertEquals(1, preparations.get());
            final Map<String, String> parameters = onlyStart().customParameters();
            assertEquals("+14155550100", parameters.get("caller"));
            assertFalse(parameters.containsKey(StreamToken.PARAMETER), "the token is not an assistant variable");
            call.writeInbound(new TextWebSocketFrame(media(2, SILENCE_PAYLOAD)));
            assertEquals(1, ring.ingressMediaFrames());
            assertEquals(0, counters.protocolErrors().get(ProtocolError.INVALID_STREAM_TOKEN));
        }
        finally
        {
            call.finishAndReleaseAll();
        }
    }

    @Test
    void missingExpiredForgedOrOtherCallTokensAreRefusedWith1008WhileAHealthyCallGoesOn()
    {
        final EmbeddedChannel healthy = connect();
        try
        {
            healthy.writeInbound(new TextWebSocketFrame(start(SID, CALL, tokens.mint(CALL))));
            healthy.writeInbound(new TextWebSocketFrame(media(2, SILENCE_PAYLOAD)));
            assertEquals(1, pipeline.registry().activeCalls());

            final String otherCall = "CA0000000000000000000000000000ffff";
            final String valid = tokens.mint(otherCall);
            final String expired = tokens.mint(otherCall, NOW - 1);
            final String forged = new StreamToken("not-the-auth-token", clock::get).mint(otherCall);
            final String boundToAnotherCall = tokens.mint(CALL);
            final String[] refused = {null, expired, forged, boundToAnotherCall, valid.replace('.', '_')};
            for (final String token : refused)
            {
                final EmbeddedChannel intruder = connect();
                try
                {
                    intruder.writeInbound(new TextWebSocketFrame(start(OTHER_SID, otherCall, token)));
                    assertClosedWith(intruder, 1008);
                    assertNull(intruder.readOutbound(), "nothing but the close frame");
                }
                finally
                {
                    intruder.finishAndReleaseAll();
                }
                // The healthy call keeps flowing between refusals.
                healthy.writeInbound(new TextWebSocketFrame(media(3, SILENCE_PAYLOAD)));
            }
            assertEquals(refused.length, counters.protocolErrors().get(ProtocolError.INVALID_STREAM_TOKEN));
            assertEquals(refused.length, counters.outcomes().get(CallOutcome.REFUSED_TOKEN));
            assertEquals(1, ring.ingressControlSlots(), "only the healthy call's START: refused calls got no session");
            assertEquals(1, pipeline.registry().activeCalls());
            assertEquals(1, preparations.get(), "no assistant was prepared for a refused call");
            assertEquals(1 + refused.length, ring.ingressMediaFrames(), "the healthy call's media, none of theirs");
            assertTrue(healthy.isActive());
            assertNull(healthy.readOutbound(), "nothing written to the healthy call");

            clock.set(NOW + StreamToken.LIFETIME_SECONDS);
            final EmbeddedChannel late = connect();
            try
            {
                late.writeInbound(new TextWebSocketFrame(start(OTHER_SID, otherCall, valid)));
                assertTrue(late.isActive(), "still valid at its expiry second");
                assertEquals(2, pipeline.registry().activeCalls());
            }
            finally
            {
                late.finishAndReleaseAll();
            }
        }
        finally
        {
            healthy.finishAndReleaseAll();
        }
    }

    @Test
    void withoutAnAuthTokenNoTokenIsRequired()
    {
        final TwilioCallTable table = new TwilioCallTable(8, counters);
        final TwilioEndpoint open = new TwilioEndpoint(pipeline.ingress(), pipeline.registry(), table,
            new CallAdmission(8), counters, 64 * 1024);
        final EmbeddedChannel call = new EmbeddedChannel(open.newStreamHandler());
        try
        {
            call.writeInbound(new TextWebSocketFrame(TwilioStreamHandlerTest.CONNECTED));
            call.writeInbound(new TextWebSocketFrame(start(SID, CALL, "anything")));
            assertTrue(call.isActive());
            assertEquals(1, pipeline.registry().activeCalls());
            assertEquals("anything", onlyStart().customParameters().get(StreamToken.PARAMETER),
                "parameters reach the assistant unchanged");
            assertEquals(0, counters.protocolErrors().get(ProtocolError.INVALID_STREAM_TOKEN));
        }
        finally
        {
            call.finishAndReleaseAll();
        }
    }
}
