package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.AssistantSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HangUpTest
{
    @Test
    void silentCallerIsHungUpByTheReducersIdleTimerAndTheIndexIsReleasedAfterTheClose()
    {
        final ManualClock clock = new ManualClock();
        final CapturingSink sink = new CapturingSink();
        final AssistantSettings settings = ParrotAssistant.defaultSettings().toBuilder()
            .idleTimeoutMs(5_000).maxReprompts(0).idleGoodbyeLine("").build();
        try (MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(2), sink, clock,
            List.of(new ParrotAssistant(settings, 1_000))))
        {
            pipeline.start();
            final TwilioCall call = new TwilioCall(pipeline, clock, "MZidle").start("").media(CallAudio.silence(50));
            CapturingSink.await("frames handled", pipeline::isQuiescent);
            assertTrue(sink.closed().isEmpty(), "one second of silence is not idle yet");

            clock.advanceMillis(4_000);
            CapturingSink.await("hang-up", () -> sink.closed().equals(List.of(call.index())));
            assertEquals(1, pipeline.counters().egressHangUps());
            assertEquals(1, pipeline.counters().orchestratorTimersFired());
            assertEquals(1, pipeline.registry().activeCalls(), "the index stays taken until the transport's close");

            // The transport sees its socket close and publishes the terminal slot, as for any close.
            assertEquals(PublishResult.PUBLISHED, pipeline.ingress().tryPublishClosed(call.index(), clock.nanoTime(),
                1000));
            CapturingSink.await("session ended", () -> sink.ended().equals(List.of(call.index())));
            assertEquals(0, pipeline.registry().activeCalls());
        }
    }
}
