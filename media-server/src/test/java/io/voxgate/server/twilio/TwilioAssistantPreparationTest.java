package io.voxgate.server.twilio;

import static io.voxgate.server.twilio.TwilioMessageReaderTest.SID;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.SILENCE_PAYLOAD;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.media;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineCounters;
import io.voxgate.server.pipeline.PipelineSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call whose assistant must be fetched before it starts: the handler pauses reading, holds the frames that were
 * already decoded, and once the assistant is known publishes START with the resolved assistant and then the held
 * frames in their order; nothing is lost, nothing overtakes START.
 */
class TwilioAssistantPreparationTest
{
    private final TwilioCounters counters = new TwilioCounters();
    private final List<String> requested = new ArrayList<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private MediaPipeline pipeline;
    private PipelineCounters ring;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp()
    {
        final TwilioCallTable table = new TwilioCallTable(8, counters);
        pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(8).withIngressRingSize(1024)
            .withEgressRingSize(1024), table);
        ring = pipeline.counters();
        final TwilioEndpoint endpoint = new TwilioEndpoint(pipeline.ingress(), pipeline.registry(), table,
            new CallAdmission(8), counters, 64 * 1024, (id) ->
            {
                requested.add(id);
                return ready;
            });
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

    private static String stop()
    {
        return "{\"event\":\"stop\",\"sequenceNumber\":\"9\",\"streamSid\":\"" + SID + "\",\"stop\":{}}";
    }

    @Test
    void framesArrivingWhileTheAssistantIsFetchedFollowStartInOrder()
    {
        send(TwilioStreamHandlerTest.CONNECTED);
        send(TwilioStreamHandlerTest.start(SID));
        send(media(2, SILENCE_PAYLOAD));
        send(media(3, SILENCE_PAYLOAD));
        send(media(4, SILENCE_PAYLOAD));
        send(stop());
        final TwilioStreamHandler handler = channel.pipeline().get(TwilioStreamHandler.class);
        assertEquals(List.of("parrot"), requested);
        assertTrue(handler.isPreparing());
        assertFalse(channel.config().isAutoRead(), "reading paused while the assistant is fetched");
        assertEquals(0, ring.ingressControlSlots(), "no START before the assistant is known");
        assertEquals(0, ring.ingressMediaFrames());

        ready.complete("tone");
        channel.runPendingTasks();

        assertFalse(handler.isPreparing());
        assertTrue(channel.config().isAutoRead(), "reading resumed");
        // Media before START would be MEDIA_BEFORE_START errors; media after the stop would be ignored.
        assertEquals(3, ring.ingressMediaFrames(), "every held frame published");
        assertEquals(2, ring.ingressControlSlots(), "start, then stop after the media");
        assertEquals(0, counters.protocolErrors().get(ProtocolError.MEDIA_BEFORE_START));
        assertEquals(1, counters.outcomes().get(CallOutcome.STOPPED));
        final Object written = channel.readOutbound();
        assertInstanceOf(CloseWebSocketFrame.class, written);
        assertEquals(1000, ((CloseWebSocketFrame)written).statusCode());
        ((CloseWebSocketFrame)written).release();
    }

    @Test
    void theStartCarriesTheAssistantThePreparerResolved()
    {
        send(TwilioStreamHandlerTest.start(SID));
        ready.complete("tone");
        channel.runPendingTasks();
        assertEquals(1, pipeline.registry().activeCalls());
        assertEquals("tone", pipeline.registry().start(0).assistant(), "the fallback or fetched ID, not the asked");
    }

    @Test
    void aPeerThatLeavesDuringTheFetchStartsNoSessionAndLeaksNothing()
    {
        send(TwilioStreamHandlerTest.start(SID));
        send(media(2, SILENCE_PAYLOAD));
        channel.close();
        ready.complete("parrot");
        channel.runPendingTasks();
        assertEquals(0, ring.ingressControlSlots());
        assertEquals(0, pipeline.registry().activeCalls());
        assertEquals(1, counters.outcomes().get(CallOutcome.PEER_CLOSED));
    }

    @Test
    void tooManyFramesWhileWaitingCloseTheCallWithTryAgainLater()
    {
        send(TwilioStreamHandlerTest.start(SID));
        for (int i = 0; i <= TwilioStreamHandler.MAX_HELD_FRAMES; i++)
        {
            send(media(2 + i, SILENCE_PAYLOAD));
        }
        final Object written = channel.readOutbound();
        assertInstanceOf(CloseWebSocketFrame.class, written);
        assertEquals(1013, ((CloseWebSocketFrame)written).statusCode());
        ((CloseWebSocketFrame)written).release();
        ready.complete("parrot");
        channel.runPendingTasks();
        assertEquals(0, ring.ingressControlSlots(), "a refused call never starts");
        assertEquals(0, ring.ingressMediaFrames());
    }
}
