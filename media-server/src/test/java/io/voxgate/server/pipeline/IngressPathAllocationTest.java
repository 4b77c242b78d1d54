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
    private final PipelineLatencies latencies = new PipelineLatencies();
    private final CallRegistry registry = new CallRegistry(4);
    private final IngressRing ring = new IngressRing(1024, 4, new BlockingWaitStrategy(), counters);
    private final EgressRing egress = new EgressRing(1024, new BlockingWaitStrategy(), counters);
    private final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters, latencies);
    private final OrchestratorStage orchestrator = new OrchestratorStage(registry,
        Map.of(ParrotAssistant.NAME, new ParrotAssistant()), ParrotAssistant.NAME, egress, clock, counters,
        latencies, null);
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
        publishFrame();
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
    void talkingCallerAllocatesNothingInRingAndDspAndLittleInTheOrchestrator()
    {
        // A 1 s loop of speech: the VAD ends and restarts speech at each loop, so every second the orchestrator
        // applies two VAD edges (events, timer commands): the per-frame average includes them.
        payloads = frames(CallAudio.speech(50, 7));
        startCall();
        final Runnable publish = this::publishFrame;
        final Runnable dspStage = () -> dsp.onEvent(slot(), ring.ringBuffer().getCursor(), true);
        final Runnable orchestratorStage = () -> orchestrator.onEvent(slot(), ring.ringBuffer().getCursor(), true);
        for (int i = 0; i < WARM_UP; i++)
        {
            frame();
        }
        long publishBytes = Long.MAX_VALUE;
        long dspBytes = Long.MAX_VALUE;
        long orchestratorBytes = Long.MAX_VALUE;
        for (int window = 0; window < AllocationMeter.STEADY_STATE_WINDOWS; window++)
        {
            long p = 0;
            long d = 0;
            long o = 0;
            for (int i = 0; i < FRAMES; i++)
            {
                p += AllocationMeter.measure(1, publish);
                d += AllocationMeter.measure(1, dspStage);
                o += AllocationMeter.measure(1, orchestratorStage);
            }
            publishBytes = Math.min(publishBytes, p);
            dspBytes = Math.min(dspBytes, d);
            orchestratorBytes = Math.min(orchestratorBytes, o);
        }
        System.out.printf("ingress allocation per %d talking frames: publish %d B, DSP %d B, orchestrator %d B " +
            "(%.1f B/frame; %d VAD onsets)%n", FRAMES, publishBytes, dspBytes, orchestratorBytes,
            (double)orchestratorBytes / FRAMES, counters.dspSpeechStarts());
        assertEquals(0, publishBytes, "publish");
        assertEquals(0, dspBytes, "DSP");
        assertTrue(orchestratorBytes <= 64L * FRAMES, "orchestrator: " + orchestratorBytes);
        assertTrue(counters.dspSpeechStarts() > 1, "the loop really produced VAD edges");
        assertEquals(0, counters.dspErrors() + counters.orchestratorErrors());
    }

    private IngressSlot slot()
    {
        return ring.ringBuffer().get(ring.ringBuffer().getCursor());
    }

    private void publishFrame()
    {
        final String payload = payloads[next];
        next = next + 1 == payloads.length ? 0 : next + 1;
        ring.tryPublishMedia(index, clock.advanceMillis(20), ++sequence, sequence * 20, payload, 0, payload.length(),
            decoder);
    }
}
