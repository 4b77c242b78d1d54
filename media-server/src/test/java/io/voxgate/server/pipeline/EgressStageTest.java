package io.voxgate.server.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import io.voxgate.codec.g711.MuLaw;
import io.voxgate.orchestrator.model.Command;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EgressStageTest
{
    private final ManualClock clock = new ManualClock();
    private final PipelineCounters counters = new PipelineCounters();
    private final CallRegistry registry = new CallRegistry(2);
    private final CapturingSink sink = new CapturingSink();
    private final EgressRing ring = new EgressRing(64, new BlockingWaitStrategy(), counters);
    private final EgressStage stage = new EgressStage(registry, sink, clock, counters, new PipelineLatencies());

    private void run()
    {
        final long seq = ring.ringBuffer().getCursor();
        stage.onEvent(ring.ringBuffer().get(seq), seq, true);
    }

    private int begin()
    {
        final int index = registry.acquire(new CallStart("MZegress", "", "", "", Map.of()));
        ring.tryBegin(index, clock.nanoTime());
        run();
        return index;
    }

    private static byte[] pcm(final short[] samples)
    {
        final byte[] bytes = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++)
        {
            bytes[2 * i] = (byte)samples[i];
            bytes[2 * i + 1] = (byte)(samples[i] >> 8);
        }
        return bytes;
    }

    @Test
    void audioAt8kHzIsMuLawEncodedSampleExactlyIn100msMessagesThenMarked()
    {
        final int index = begin();
        final short[] samples = new short[1000];
        for (int i = 0; i < samples.length; i++)
        {
            samples[i] = (short)(i * 61 - 30000);
        }
        ring.tryPlay(index, new Command.PlayAudio("MZegress", 4, 2, 1, 8000, pcm(samples), 125), clock.nanoTime(), 0);
        run();

        final List<String> sent = sink.sentTo(index);
        assertEquals(3, sent.size());
        final byte[] expected = new byte[samples.length];
        MuLaw.encode(samples, 0, expected, 0, samples.length);
        final byte[] first = Base64.getDecoder().decode(ParrotCallTest.field(sent.get(0), "payload"));
        final byte[] second = Base64.getDecoder().decode(ParrotCallTest.field(sent.get(1), "payload"));
        assertArrayEquals(java.util.Arrays.copyOf(expected, 800), first);
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 800, 1000), second);
        assertEquals("{\"event\":\"mark\",\"streamSid\":\"MZegress\",\"mark\":{\"name\":\"r4:t2:s1:125\"}}",
            sent.get(2));
        assertEquals(1000, counters.egressMediaBytes());
    }

    @Test
    void audioAt16kHzIsResampledToHalfTheSamples()
    {
        final int index = begin();
        ring.tryPlay(index, new Command.PlayAudio("MZegress", 1, 1, 0, 16000, new byte[2 * 3200], 200),
            clock.nanoTime(), 0);
        run();
        assertEquals(1600, counters.egressMediaBytes());
        assertEquals(2, counters.egressMediaMessages());
        assertEquals(1, counters.egressMarks());
    }

    @Test
    void aNewReplyStartsFromACleanResamplerWithoutThePreviousReplysTail()
    {
        final int index = begin();
        final short[] loud = new short[1600];
        for (int i = 0; i < loud.length; i++)
        {
            loud[i] = (short)(20000 * Math.sin(2 * Math.PI * 500 * i / 16000.0));
        }
        ring.tryPlay(index, new Command.PlayAudio("MZegress", 1, 1, 0, 16000, pcm(loud), 100), clock.nanoTime(), 0);
        run();
        ring.tryPlay(index, new Command.PlayAudio("MZegress", 2, 2, 0, 16000, new byte[2 * 1600], 100),
            clock.nanoTime(), 0);
        run();

        final List<String> sent = sink.sentTo(index);
        final byte[] second = Base64.getDecoder().decode(ParrotCallTest.field(sent.get(2), "payload"));
        for (int i = 0; i < second.length; i++)
        {
            assertEquals(MuLaw.SILENCE, second[i], "sample " + i + " of the silent reply");
        }
    }

    @Test
    void unsupportedRateIsCountedAndNothingIsSent()
    {
        final int index = begin();
        ring.tryPlay(index, new Command.PlayAudio("MZegress", 1, 1, 0, 11025, new byte[200], 10), clock.nanoTime(), 0);
        run();
        assertEquals(List.of(), sink.sentTo(index));
        assertEquals(1, counters.egressErrors());
    }

    @Test
    void endTellsTheTransportThenReleasesTheIndexAndDropsLateAudio()
    {
        final int index = begin();
        ring.tryEnd(index, clock.nanoTime());
        run();
        assertEquals(List.of(index), sink.ended());
        assertEquals(0, registry.activeCalls());
        ring.tryClear(index, 1, clock.nanoTime(), 0);
        run();
        assertEquals(List.of(), sink.sentTo(index));
    }
}
