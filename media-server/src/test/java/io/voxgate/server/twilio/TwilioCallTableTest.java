package io.voxgate.server.twilio;

import static io.voxgate.server.twilio.TwilioMessageReaderTest.SID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineSettings;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The egress side: the pipeline's writes reach the right call's socket as text frames, or are counted as drops. */
class TwilioCallTableTest
{
    private static final String CLEAR = "{\"event\":\"clear\",\"streamSid\":\"" + SID + "\"}";

    private final TwilioCounters counters = new TwilioCounters();
    private final TwilioCallTable table = new TwilioCallTable(4, counters);
    private MediaPipeline pipeline;
    private EmbeddedChannel channel;
    private int index;

    @BeforeEach
    void startCall()
    {
        pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(4).withIngressRingSize(64)
            .withEgressRingSize(64), table);
        final TwilioEndpoint endpoint = new TwilioEndpoint(pipeline.ingress(), pipeline.registry(), table,
            new CallAdmission(4), counters, 64 * 1024);
        channel = new EmbeddedChannel(endpoint.newStreamHandler());
        channel.writeInbound(new TextWebSocketFrame(TwilioStreamHandlerTest.start(SID)));
        index = pipeline.registry().activeCalls() - 1;
    }

    @AfterEach
    void tearDown()
    {
        channel.finishAndReleaseAll();
        pipeline.close();
    }

    private static UnsafeBuffer utf8(final String text)
    {
        final byte[] bytes = ("xx" + text).getBytes(StandardCharsets.UTF_8);
        return new UnsafeBuffer(bytes);
    }

    @Test
    void sendTextWritesOneTextFrameWithExactlyTheGivenBytes()
    {
        table.sendText(index, utf8(CLEAR), 2, CLEAR.length());
        final TextWebSocketFrame frame = channel.readOutbound();
        try
        {
            assertEquals(CLEAR, frame.text());
        }
        finally
        {
            frame.release();
        }
        assertEquals(1, counters.messagesOut());
        assertEquals(CLEAR.length(), counters.bytesOut());
    }

    @Test
    void writesToAClosedOrUnknownCallAreDroppedAndCounted()
    {
        table.sendText(3, utf8(CLEAR), 2, CLEAR.length());
        channel.close();
        table.sendText(index, utf8(CLEAR), 2, CLEAR.length());
        assertEquals(2, counters.drops().get(TransportDrop.EGRESS_CHANNEL_CLOSED));
        assertEquals(0, counters.messagesOut());
    }

    @Test
    void writesToASocketOverItsHighWaterMarkAreDroppedAndCounted()
    {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        // Queued but not flushed: the peer "is not reading".
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[64])));
        assertFalse(channel.isWritable());
        table.sendText(index, utf8(CLEAR), 2, CLEAR.length());
        assertEquals(1, counters.drops().get(TransportDrop.EGRESS_BACKPRESSURE));
        assertEquals(0, counters.messagesOut());
    }

    @Test
    void aHangUpClosesTheCallWithTheGivenStatus()
    {
        table.close(index, 1000, "goodbye");
        channel.runPendingTasks();
        final Object written = channel.readOutbound();
        assertInstanceOf(CloseWebSocketFrame.class, written);
        final CloseWebSocketFrame close = (CloseWebSocketFrame)written;
        try
        {
            assertEquals(1000, close.statusCode());
            assertEquals("goodbye", close.reasonText());
        }
        finally
        {
            close.release();
        }
        assertFalse(channel.isActive());
        assertEquals(1, counters.outcomes().get(CallOutcome.HUNG_UP));
    }

    @Test
    void sessionEndedForgetsTheCall()
    {
        table.sessionEnded(index);
        table.sendText(index, utf8(CLEAR), 2, CLEAR.length());
        assertNull(channel.readOutbound());
        assertEquals(1, counters.drops().get(TransportDrop.EGRESS_CHANNEL_CLOSED));
    }
}
