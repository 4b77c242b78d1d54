package io.voxgate.server.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import io.voxgate.codec.base64.Base64Decoder;
import io.voxgate.codec.testing.AllocationMeter;
import io.voxgate.dsp.vad.VadMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ingress path of one media frame, publish → DSP → orchestrator, run on the test thread (the stages' per-frame
 * methods, exactly as their threads call them) so {@link AllocationMeter} sees every byte it allocates.
 */
class IngressPathAllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int FRAMES = 10_000;

    private final ManualClock clock = new ManualClock();
    private final PipelineCounters counters = new PipelineCounters();
    private final CallRegistry registry = new CallRegistry(4);
    private final IngressRing ring = new IngressRing(1024, 4, new BlockingWaitStrategy(), counters);
    private final EgressRing egress = new EgressRing(1024, new BlockingWaitStrategy(), counters);
    private final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters);
    private final OrchestratorStage orchestrator = new OrchestratorStage(registry,
        Map.of(ParrotAssistant.NAME, new ParrotAssistant()), ParrotAssistant.NAME, egress, clock, counters);
    private final Base64Decoder decoder = new Base64Decoder();

    private int index;
    private long sequence;
    private String[] payloads;
    private int next;

    private void startCall()
    {
        index = registry.acquire(new CallStart("MZalloc", "CA", "AC", ParrotAssistant.NAME, Map.of()));
        assertEquals(PublishResult.PUBLISHED, ring.tryPublishStart(index, clock.nanoTime(), ++sequence));
        process();
    }

    private void process()
    {
        final long seq = ring.ringBuffer().getCursor();
        final IngressSlot slot = ring.ringBuffer().get(seq);
        dsp.onEvent(slot, seq, true);
        orchestrator.onEvent(slot, seq, true);
    }

    private void frame()
    {
        final String payload = payloads[next];
        next = next + 1 == payloads.length ? 0 : next + 1;
        ring.tryPublishMedia(index, clock.advanceMillis(20), ++sequence, sequence * 20, payload, 0, payload.length(),
            decoder);
        process();
    }

    private static String[] frames(final byte[] mulaw)
    {
        final String[] payloads = new String[mulaw.length / CallAudio.FRAME_BYTES];
        for (int i = 0; i < payloads.length; i++)
        {
            payloads[i] = CallAudio.frame(mulaw, i);
        }
        return payloads;
    }

    @Test
    void silentFramesAllocateNothingFromPublishToOrchestrator()
    {
        payloads = frames(CallAudio.silence(1));
        startCall();
        final long bytes = AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, this::frame);
        assertEquals(0, bytes, "bytes allocated over " + FRAMES + " silent frames");
        assertEquals(0, counters.dspErrors() + counters.orchestratorErrors());
    }

    @Test
    void speechFramesAllocateNothingFromPublishToOrchestrator()
    {
        payloads = frames(CallAudio.speech(50, 7));
        startCall();
        final long bytes = AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, this::frame);
        assertEquals(0, bytes, "bytes allocated over " + FRAMES + " speech frames");
        // The caller never paused long enough to end a turn: one onset, steady speech since.
        assertEquals(1, counters.dspSpeechStarts());
        assertTrue(counters.dspVadFrames() >= WARM_UP + FRAMES);
    }
}
