package io.voxgate.server.twilio;

import static io.voxgate.server.twilio.TwilioMessageReaderTest.SID;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.SILENCE_PAYLOAD;
import static io.voxgate.server.twilio.TwilioMessageReaderTest.media;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.voxgate.server.Await;
import io.voxgate.server.pipeline.MediaPipeline;
import io.voxgate.server.pipeline.PipelineCounters;
import io.voxgate.server.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;

/** A session's terminal slot is never lost: when the ring is full at close, it is retried until it gets in. */
class TerminalSlotRetryTest
{
    @Test
    void theClosedSlotOfACallEndingOnAFullRingIsRetriedUntilPublished()
    {
        final TwilioCounters counters = new TwilioCounters();
        final TwilioCallTable table = new TwilioCallTable(4, counters);
        try (MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(4)
            .withIngressRingSize(8).withEgressRingSize(64), table))
        {
            final PipelineCounters ring = pipeline.counters();
            final TwilioEndpoint endpoint = new TwilioEndpoint(pipeline.ingress(), pipeline.registry(), table,
                new CallAdmission(4), counters, 64 * 1024);
            final EmbeddedChannel channel = new EmbeddedChannel(endpoint.newStreamHandler());
            channel.freezeTime();
            channel.writeInbound(new TextWebSocketFrame(TwilioStreamHandlerTest.start(SID)));
            // The stages are not running: fill the ring with media (down to the control reserve), then dtmf.
            for (int i = 0; i < 4; i++)
            {
                channel.writeInbound(new TextWebSocketFrame(media(2 + i, SILENCE_PAYLOAD)));
            }
            for (int i = 0; i < 4; i++)
            {
                channel.writeInbound(new TextWebSocketFrame(TwilioStreamHandlerTest.dtmf("1")));
            }
            assertEquals(0, pipeline.ingress().remainingCapacity(), "ring full");
            final long dropped = ring.ingressDroppedRingFull();

            // The socket goes away. (Not channel.close(): EmbeddedChannel cancels its scheduled tasks on close, which a
            // real event loop does not.)
            channel.pipeline().fireChannelInactive();
            assertEquals(dropped + 1, ring.ingressDroppedRingFull(), "the closed slot found no room");
            channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertEquals(dropped + 2, ring.ingressDroppedRingFull(), "retried, still no room");

            pipeline.start();
            Await.until("the stages drained the ring", () -> pipeline.ingress().remainingCapacity() > 0);
            final long controlBefore = ring.ingressControlSlots();
            channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertEquals(controlBefore + 1, ring.ingressControlSlots(), "the closed slot got in");
            Await.until("the pipeline ended the session", () -> ring.callsEnded() > 0);
            assertEquals(1, ring.callsEnded(), "and the pipeline ended the session");
            channel.finishAndReleaseAll();
        }
    }
}
