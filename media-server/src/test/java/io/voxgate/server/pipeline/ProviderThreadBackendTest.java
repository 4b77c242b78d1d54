package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.AssistantSettings;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A backend that answers from its own thread, as a provider (LLM, TTS) does: its events reach the orchestrator
 * through the inbox and drive the same reply as a built-in's.
 */
class ProviderThreadBackendTest
{
    /** Answers every LLM request with one sentence and every segment with 300 ms of 16 kHz audio, later. */
    private record ProviderBackend(ExecutorService io) implements AssistantBackend
    {
        @Override
        public String name()
        {
            return "provider";
        }

        @Override
        public AssistantSettings settings()
        {
            return ToneAssistant.defaultSettings().toBuilder().name("provider").build();
        }

        @Override
        public BackendSession open(final String sessionId, final EventPoster events)
        {
            return (command, nowMs) ->
            {
                switch (command)
                {
                    case Command.StartLlm llm -> io.execute(() ->
                    {
                        events.post(new Event.LlmDelta(sessionId, nowMs, llm.runId(), llm.turn(), llm.step(),
                            "Hello from a provider."));
                        events.post(new Event.LlmDone(sessionId, nowMs, llm.runId(), llm.turn(), llm.step()));
                    });
                    case Command.SynthesizeSegment segment -> io.execute(() ->
                    {
                        for (int chunk = 0; chunk < 3; chunk++)
                        {
                            events.post(new Event.TtsAudio(sessionId, nowMs, segment.runId(), segment.turn(),
                                segment.segment(), 16000, new byte[3200]));
                        }
                        events.post(new Event.TtsDone(sessionId, nowMs, segment.runId(), segment.turn(),
                            segment.segment()));
                    });
                    default ->
                    {
                        return false;
                    }
                }
                return true;
            };
        }
    }

    @Test
    void eventsPostedFromAProviderThreadDriveTheReply()
    {
        final ManualClock clock = new ManualClock();
        final CapturingSink sink = new CapturingSink();
        final ExecutorService io = Executors.newSingleThreadExecutor();
        try (MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(2)
            .withDefaultAssistant("provider"), sink, clock, List.of(new ProviderBackend(io))))
        {
            pipeline.start();
            final TwilioCall call = new TwilioCall(pipeline, clock, "MZprovider").start("")
                .media(CallAudio.silence(5)).dtmf('#');
            CapturingSink.await("three marks", () -> pipeline.counters().egressMarks() == 3);
            CapturingSink.await("pipeline quiescent", pipeline::isQuiescent);
            assertEquals(List.of("r1:t1:s0:100", "r1:t1:s0:200", "r1:t1:s0:300"),
                ParrotCallTest.marksOf(sink.sentTo(call.index())));
            assertEquals(2400, pipeline.counters().egressMediaBytes());
            assertEquals(0, pipeline.counters().orchestratorInboxDrops());
        }
        finally
        {
            io.shutdownNow();
        }
    }
}
