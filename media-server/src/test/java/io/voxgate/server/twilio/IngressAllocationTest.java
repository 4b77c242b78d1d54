package io.voxgate.server.twilio;

import static io.voxgate.server.twilio.TwilioMessageReaderTest.SID;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.SILENCE_PAYLOAD;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.media;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.voxgate.codec.testing.AllocationMeter;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineCounters;
import io.voxgate.server.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;

/**
 * The event loop's share of the ingress path: a Netty text frame in, parsed with the streaming parser, checked
 * against the call's protocol state, base64-decoded into an off-heap slot and published into the running
 * pipeline's ring. Netty's own frame object aside (reused here), it allocates nothing per media frame.
 */
class IngressAllocationTest
{
    @Test
    void aMediaFrameFromNettyFrameToRingAllocatesNothingOnTheEventLoop() throws Exception
    {
        final TwilioCounters counters = new TwilioCounters();
        final TwilioCallTable table = new TwilioCallTable(4, counters);
        try (MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(4)
            .withIngressRingSize(16384).withEgressRingSize(1024), table))
        {
            pipeline.start();
            final TwilioEndpoint endpoint = new TwilioEndpoint(pipeline.ingress(), pipeline.registry(), table,
                new CallAdmission(4), counters, 64 * 1024);
            final TwilioStreamHandler handler = endpoint.newStreamHandler();
            final EmbeddedChannel channel = new EmbeddedChannel(handler);
            try
            {
                channel.writeInbound(new TextWebSocketFrame(TwilioStreamHandlerTest.start(SID)));
                final ChannelHandlerContext ctx = channel.pipeline().context(handler);
                // The frame as the socket delivers it: a direct buffer. Wrapped, not allocated, so that paranoid
                // leak detection does not record (allocate) on each access; retained once per read because the
                // handler releases every frame it is given.
                final byte[] json = media(7, SILENCE_PAYLOAD).getBytes(StandardCharsets.UTF_8);
                final TextWebSocketFrame frame = new TextWebSocketFrame(
                    Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(json.length).put(json).flip()));
                final long bytes = AllocationMeter.steadyStateBytes(4_000, 2_000, () ->
                {
                    frame.retain();
                    handler.channelRead(ctx, frame);
                });
                assertEquals(0, bytes, "bytes allocated by the event loop over 2,000 media frames");
                frame.release();

                final PipelineCounters stages = pipeline.counters();
                assertEquals(counters.messagesIn() - 1, stages.ingressMediaFrames() + stages.ingressDroppedRingFull(),
                    "every frame was published or dropped for back-pressure");
                for (final ProtocolError error : ProtocolError.values())
                {
                    assertEquals(0, counters.protocolErrors().get(error), error.label());
                }
            }
            finally
            {
                channel.finishAndReleaseAll();
            }
        }
    }
}
