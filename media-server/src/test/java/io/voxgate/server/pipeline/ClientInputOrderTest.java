package io.voxgate.server.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import io.voxgate.dsp.vad.VadMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser's typed input travels through the orchestrator's inbox, not the ingress ring, so it can reach the
 * orchestrator before its session's START has come through the DSP stage: it must wait for the session, not vanish.
 */
class ClientInputOrderTest
{
    private final ManualClock clock = new ManualClock();
    private final PipelineCounters counters = new PipelineCounters();
    private final PipelineLatencies latencies = new PipelineLatencies();
    private final CallRegistry registry = new CallRegistry(4);
    private final IngressRing ring = new IngressRing(64, 4, new BlockingWaitStrategy(), counters);
    private final EgressRing egress = new EgressRing(1024, new BlockingWaitStrategy(), counters);
    private final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters, latencies);
    private final OrchestratorStage orchestrator = new OrchestratorStage(registry,
        Map.of(ToneAssistant.NAME, new ToneAssistant()), ToneAssistant.NAME, egress, clock, counters, latencies, null);

    private List<String> eventsSent()
    {
        final List<String> types = new ArrayList<>();
        for (long seq = 0; seq <= egress.ringBuffer().getCursor(); seq++)
        {
            final EgressCommand command = egress.ringBuffer().get(seq);
            if (command.kind == EgressCommand.EVENT)
            {
                types.add(command.text + " " + command.fields);
            }
        }
        return types;
    }

    @Test
    void typedTextThatOvertakesItsSessionsStartIsAppliedOnceTheSessionStarts()
    {
        final String sessionId = "ws_order";
        final int index = registry.acquire(new CallStart(sessionId, "", "", ToneAssistant.NAME, Map.of(),
            new ClientOptions(16000, UnaryOperator.identity())));
        assertEquals(PublishResult.PUBLISHED, ring.tryPublishStart(index, clock.nanoTime(), 1));
        final long startSeq = ring.ringBuffer().getCursor();

        // The transport posts right after publishing START; the orchestrator drains its inbox first.
        assertTrue(orchestrator.post(new ClientInput.Posted(index, sessionId, clock.nanoTime(),
            new ClientInput.Text("Is the pool open?"), new java.util.concurrent.atomic.AtomicInteger(1))));
        orchestrator.housekeeping(clock.nanoTime());
        assertTrue(eventsSent().isEmpty(), eventsSent().toString());

        dsp.onEvent(ring.ringBuffer().get(startSeq), startSeq, true);
        orchestrator.onEvent(ring.ringBuffer().get(startSeq), startSeq, true);

        assertTrue(eventsSent().stream().anyMatch(e -> e.startsWith("transcript.final ") &&
            e.contains("\"text\":\"Is the pool open?\"")), eventsSent().toString());
    }

    @Test
    void anInputForASessionThatNeverStartsHereIsDropped()
    {
        final int index = registry.acquire(new CallStart("ws_other", "", "", ToneAssistant.NAME, Map.of(),
            new ClientOptions(16000, UnaryOperator.identity())));
        assertTrue(orchestrator.post(new ClientInput.Posted(index, "ws_gone", clock.nanoTime(),
            new ClientInput.Text("hello"), new java.util.concurrent.atomic.AtomicInteger(1))));
        orchestrator.housekeeping(clock.nanoTime());
        assertEquals(PublishResult.PUBLISHED, ring.tryPublishStart(index, clock.nanoTime(), 1));
        final long seq = ring.ringBuffer().getCursor();
        dsp.onEvent(ring.ringBuffer().get(seq), seq, true);
        orchestrator.onEvent(ring.ringBuffer().get(seq), seq, true);
        assertTrue(eventsSent().stream().noneMatch(e -> e.startsWith("transcript.final")), eventsSent().toString());
    }
}
