package io.voxgate.server.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import io.voxgate.codec.base64.Base64Decoder;
import io.voxgate.codec.testing.AllocationMeter;
import io.voxgate.dsp.vad.VadMode;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.server.assistant.AssistantCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A provider-backed assistant adds nothing to the per-frame cost of the ingress path: every caller frame goes to its
 * call's providers (here the offline stack, whose ASR takes the DSP's 16 kHz PCM), publish → DSP → orchestrator
 * allocating 0 bytes in steady state. Run on the test thread, as in {@link IngressPathAllocationTest}.
 */
class ProviderAssistantAllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int FRAMES = 10_000;

    @Test
    void framesToAProviderAssistantAllocateNothing(@TempDir final Path dir) throws Exception
    {
        // No greeting and no idle or duration limit, so the silent call stays in steady state for the whole run.
        Files.writeString(dir.resolve("quiet.yaml"), """
            id: quiet
            providers:
              asr: {name: none}
              llm: [{name: scripted}]
              tts: [{name: freetts}]
            settings: {idleTimeoutMs: 1000000000, maxCallDurationMs: 0}
            """, StandardCharsets.UTF_8);
        final ManualClock clock = new ManualClock();
        final PipelineCounters counters = new PipelineCounters();
        final PipelineLatencies latencies = new PipelineLatencies();
        final CallRegistry registry = new CallRegistry(4);
        final IngressRing ring = new IngressRing(1024, 4, new BlockingWaitStrategy(), counters);
        final EgressRing egress = new EgressRing(1024, new BlockingWaitStrategy(), counters);
        final DspStage dsp = new DspStage(0, 1, 4, VadMode.AGGRESSIVE, clock, counters, latencies);
        final Base64Decoder decoder = new Base64Decoder();
        final String silence = CallAudio.frame(CallAudio.silence(1), 0);
        try (AssistantCatalog catalog = AssistantCatalog.load(dir, ProviderMetrics.NOOP))
        {
            final Map<String, AssistantBackend> assistants = new LinkedHashMap<>();
            catalog.backends().forEach(backend -> assistants.put(backend.name(), backend));
            final OrchestratorStage orchestrator = new OrchestratorStage(registry, assistants, "quiet", egress, clock,
                counters, latencies, null);
            orchestrator.onStart();
            final int index = registry.acquire(new CallStart("MZquiet", "CA", "AC", "quiet", Map.of()));
            final long[] sequence = {0};
            final Runnable process = () ->
            {
                final long seq = ring.ringBuffer().getCursor();
                final IngressSlot slot = ring.ringBuffer().get(seq);
                dsp.onEvent(slot, seq, true);
                orchestrator.onEvent(slot, seq, true);
            };
            assertEquals(PublishResult.PUBLISHED, ring.tryPublishStart(index, clock.nanoTime(), ++sequence[0]));
            process.run();
            final long bytes = AllocationMeter.steadyStateBytes(WARM_UP, FRAMES, () ->
            {
                ring.tryPublishMedia(index, clock.advanceMillis(20), ++sequence[0], sequence[0] * 20, silence, 0,
                    silence.length(), decoder);
                process.run();
            });
            assertEquals(0, bytes, "bytes allocated over " + FRAMES + " frames to a provider-backed assistant");
            assertEquals(1, counters.callsStarted());
            assertEquals(0, counters.dspErrors() + counters.orchestratorErrors());
        }
    }
}
