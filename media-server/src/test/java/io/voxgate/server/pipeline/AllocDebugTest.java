package io.voxgate.server.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import io.voxgate.codec.base64.Base64Decoder;
import io.voxgate.codec.testing.AllocationMeter;
import io.voxgate.dsp.vad.VadMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

class AllocDebugTest
{
    @Test
    void debug()
    {
        final ManualClock clock = new ManualClock();
        final PipelineCounters counters = new PipelineCounters();
        final CallRegistry registry = new CallRegistry(4);
        final IngressRing ring = new IngressRing(1024, 4, new BlockingWaitStrategy(), counters);
        final EgressRing egress = new EgressRing(1024, new BlockingWaitStrategy(), counters);
        final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters);
        final OrchestratorStage orch = new OrchestratorStage(registry,
            Map.of(ParrotAssistant.NAME, new ParrotAssistant()), ParrotAssistant.NAME, egress, clock, counters);
        final Base64Decoder decoder = new Base64Decoder();
        final int index = registry.acquire(new CallStart("MZalloc", "CA", "AC", "parrot", Map.of()));
        ring.tryPublishStart(index, clock.nanoTime(), 1);
        dsp.onEvent(ring.ringBuffer().get(0), 0, true);
        orch.onEvent(ring.ringBuffer().get(0), 0, true);
        final byte[] speech = CallAudio.speech(50, 7);
        final String[] p = new String[50];
        for (int i = 0; i < 50; i++)
        {
            p[i] = CallAudio.frame(speech, i);
        }
        final int[] n = {0};
        final Runnable pub = () -> ring.tryPublishMedia(index, clock.advanceMillis(20), 1, 1, p[n[0]++ % 50], 0, 216, decoder);
        final Runnable d = () -> { long s = ring.ringBuffer().getCursor(); dsp.onEvent(ring.ringBuffer().get(s), s, true); };
        final Runnable o = () -> { long s = ring.ringBuffer().getCursor(); orch.onEvent(ring.ringBuffer().get(s), s, true); };
        for (int i = 0; i < 20000; i++) { pub.run(); d.run(); o.run(); }
        long a = 0, b = 0, c = 0;
        for (int i = 0; i < 10000; i++)
        {
            a += AllocationMeter.measure(1, pub);
            b += AllocationMeter.measure(1, d);
            c += AllocationMeter.measure(1, o);
        }
        System.out.println("ALLOC publish=" + a + " dsp=" + b + " orch=" + c + " starts=" + counters.dspSpeechStarts()
            + " stops=" + counters.dspSpeechStops() + " events=" + counters.orchestratorEvents() + " timers=" + counters.orchestratorTimersFired());
    }
}
