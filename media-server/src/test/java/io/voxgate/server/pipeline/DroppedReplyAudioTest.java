package io.voxgate.server.pipeline;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.voxgate.server.pipeline.ParrotCallTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Back-pressure on the way out: when the egress ring is full the reply's chunks are dropped and counted, and the
 * reply still ends (its run does not stay "speaking" waiting for marks that can never come).
 */
class DroppedReplyAudioTest
{
    /** Holds the egress thread inside its first send until released, so the orchestrator finds the ring full. */
    private static final class StalledSink implements EgressSink
    {
        final CapturingSink delegate = new CapturingSink();
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void sendText(final int sessionIndex, final DirectBuffer utf8, final int offset, final int length)
        {
            stalled.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            delegate.sendText(sessionIndex, utf8, offset, length);
        }

        @Override
        public void close(final int sessionIndex, final int statusCode, final String reason)
        {
            delegate.close(sessionIndex, statusCode, reason);
        }

        @Override
        public void sessionEnded(final int sessionIndex)
        {
            delegate.sessionEnded(sessionIndex);
        }
    }

    @Test
    void aReplyWhoseLastChunksFoundTheEgressRingFullStillEndsAndTheNextTurnIsANewRun()
    {
        final ManualClock clock = new ManualClock();
        final StalledSink sink = new StalledSink();
        try (MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(2)
            .withIngressRingSize(1024).withEgressRingSize(8), sink, clock, List.of(new ParrotAssistant())))
        {
            pipeline.start();
            final TwilioCall call = new TwilioCall(pipeline, clock, "MZdrop").start("parrot")
                .media(CallAudio.concat(CallAudio.silence(10), CallAudio.speech(100, 1), CallAudio.silence(10)));
            CapturingSink.await("frames orchestrated", pipeline::isQuiescent);
            clock.advanceMillis(1000);
            CapturingSink.await("the egress thread stalls in its first send", () -> sink.stalled.getCount() == 0);
            CapturingSink.await("chunks dropped", () -> pipeline.counters().egressDroppedRingFull() > 0);
            sink.release.countDown();
            CapturingSink.await("pipeline quiescent", pipeline::isQuiescent);

            // Echo every mark that was sent: without the dropped chunks' progress the run would never finish.
            for (final String mark : ParrotCallTest.marksOf(sink.delegate.sentTo(call.index())))
            {
                call.mark(mark);
            }
            CapturingSink.await("marks handled", pipeline::isQuiescent);
            call.media(CallAudio.concat(CallAudio.speech(30, 2), CallAudio.silence(10)));
            CapturingSink.await("frames orchestrated", pipeline::isQuiescent);
            clock.advanceMillis(1000);
            CapturingSink.await("the next turn's reply", () -> ParrotCallTest.marksOf(
                sink.delegate.sentTo(call.index())).stream().anyMatch(mark -> mark.startsWith("r2:t2:")));
            assertEquals(0, pipeline.counters().egressClears(), "the next turn was not a barge-in on a stuck reply");
            assertTrue(sink.delegate.sentTo(call.index()).stream().noneMatch(m -> "clear".equals(event(m))));
        }
    }
}
