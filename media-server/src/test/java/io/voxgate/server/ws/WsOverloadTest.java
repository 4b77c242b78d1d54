package io.voxgate.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.voxgate.server.pipeline.CallRegistry;
import io.voxgate.server.pipeline.CallStart;
import io.voxgate.server.pipeline.EgressRouter;
import io.voxgate.server.pipeline.EgressSink;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineSettings;
import io.voxgate.server.twilio.CallAdmission;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one WS v1 error a loopback client cannot provoke on purpose: the pipeline has no session index left although
 * the upgrade was admitted (indices are released by the egress thread a moment after a socket closes).
 */
class WsOverloadTest
{
    private static final EgressSink NOWHERE = new EgressSink()
    {
        @Override
        public void sendText(final int sessionIndex, final DirectBuffer utf8, final int offset, final int length)
        {
        }

        @Override
        public void close(final int sessionIndex, final int statusCode, final String reason)
        {
        }

        @Override
        public void sessionEnded(final int sessionIndex)
        {
        }
    };

    @Test
    void aSessionStartWithoutAFreeSessionIndexGetsOverloadedAndCloses1013() throws Exception
    {
        final MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(1), NOWHERE);
        final int taken = pipeline.registry().acquire(new CallStart("MZbusy", "", "", "parrot", Map.of()));
        assertNotEquals(CallRegistry.NO_CAPACITY, taken);
        final WsCounters counters = new WsCounters();
        final WsEndpoint endpoint = new WsEndpoint(pipeline, new EgressRouter(1, NOWHERE),
            new WsSessionTable(1, counters), new CallAdmission(4), counters, new WsAuth(List.of(), null, () -> 0L),
            AssistantResolver.of(pipeline::assistantNames), 65536, () -> 1_800_000_000_000L);
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addFirst("base", new ChannelInboundHandlerAdapter());
        endpoint.install(channel.pipeline(), "base", "parrot");

        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"session.start\"}"));
        channel.runPendingTasks();

        final TextWebSocketFrame error = channel.readOutbound();
        final JsonNode event = new ObjectMapper().readTree(error.text());
        error.release();
        assertEquals("error", event.get("type").asText());
        assertEquals("overloaded", event.get("code").asText());
        assertTrue(event.get("fatal").asBoolean());
        assertEquals(1, event.get("seq").asInt());
        final CloseWebSocketFrame close = channel.readOutbound();
        assertEquals(1013, close.statusCode());
        close.release();
        assertEquals(1, counters.errors().get(WsError.OVERLOADED));
        assertEquals(0, counters.sessionsStarted());
        channel.finishAndReleaseAll();
    }

    @Test
    void aSessionFloodingTheOrchestratorWithTypedInputIsRateLimitedAndStaysOpen() throws Exception
    {
        // The pipeline's threads are not started: nothing takes the inputs, as when the orchestrator is busy.
        final MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(1), NOWHERE);
        final WsCounters counters = new WsCounters();
        final WsEndpoint endpoint = new WsEndpoint(pipeline, new EgressRouter(1, NOWHERE),
            new WsSessionTable(1, counters), new CallAdmission(4), counters, new WsAuth(List.of(), null, () -> 0L),
            AssistantResolver.of(pipeline::assistantNames), 65536, () -> 1_800_000_000_000L);
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addFirst("base", new ChannelInboundHandlerAdapter());
        endpoint.install(channel.pipeline(), "base", "parrot");
        channel.writeInbound(new TextWebSocketFrame("{\"type\":\"session.start\"}"));
        channel.runPendingTasks();
        assertEquals("session.started", nextEvent(channel).get("type").asText());

        for (int i = 0; i <= WsProtocol.MAX_INPUTS_IN_FLIGHT; i++)
        {
            channel.writeInbound(new TextWebSocketFrame("{\"type\":\"input.text\",\"text\":\"hello " + i + "\"}"));
        }
        final JsonNode error = nextEvent(channel);
        assertEquals("rate_limited", error.get("code").asText());
        assertEquals(false, error.get("fatal").asBoolean());
        assertEquals(1, counters.errors().get(WsError.RATE_LIMITED));
        assertTrue(channel.isActive(), "the session goes on");
        channel.finishAndReleaseAll();
    }

    private static JsonNode nextEvent(final EmbeddedChannel channel) throws Exception
    {
        final TextWebSocketFrame frame = channel.readOutbound();
        try
        {
            return new ObjectMapper().readTree(frame.text());
        }
        finally
        {
            frame.release();
        }
    }
}
