package io.voxgate.orchestrator.provider.freetts;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreeTtsTest
{
    /**
     * Several sentences: FreeTTS synthesizes an utterance at a time and can hand over a whole sentence's chunks
     * faster than a test thread reacts, so only text that goes on for sentences after the first chunk makes the
     * cancel land mid-stream whatever the machine's speed.
     */
    private static final String LONG_TEXT = "This is a long reply that the caller will never hear in full. " +
        "It is cancelled after the first chunk of audio. The synthesizer must stop at once. " +
        "Nothing of this run may reach the caller after the cancel. The next segment must still speak. " +
        "These sentences are here so that the reply goes on well past its first chunk. " +
        "One more sentence, then another, keep the synthesizer busy. And a last one to be sure.";

    private static ExecutorService executor;
    private static FreeTts tts;

    @BeforeAll
    static void voice()
    {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        tts = new FreeTts("kevin16", 1, 100, executor, ProviderMetrics.NOOP);
    }

    @AfterAll
    static void stop()
    {
        executor.shutdownNow();
    }

    @Test
    void helloIsNonSilent16kPcmInChunksThenSegmentDone()
    {
        final RecordingSink sink = new RecordingSink();
        sink.nowMs(42);
        try (TtsSession session = tts.open(new CallContext("s1", sink, Map.of())))
        {
            session.synthesize(new Command.SynthesizeSegment("s1", 7, 2, 0, "Hello"));
            final Event last = sink.awaitEvent((e) -> e instanceof Event.TtsDone || e instanceof Event.TtsFailed);
            assertEquals(new Event.TtsDone("s1", 42, 7, 2, 0), last);
        }
        final List<Event> events = sink.events();
        assertTrue(events.size() >= 3, "several chunks then done: " + events.size());
        long sumSquares = 0;
        long sumAbs = 0;
        long sumAbsDiff = 0;
        int previous = 0;
        int samples = 0;
        for (int i = 0; i < events.size() - 1; i++)
        {
            final Event.TtsAudio audio = assertInstanceOf(Event.TtsAudio.class, events.get(i));
            assertEquals(16000, audio.sampleRate());
            assertEquals(7, audio.runId());
            assertEquals(2, audio.turn());
            assertEquals(0, audio.segment());
            assertEquals(0, audio.pcm().length % 2);
            if (i < events.size() - 2)
            {
                assertEquals(3200, audio.pcm().length, "100 ms chunks at 16 kHz PCM16");
            }
            for (int b = 0; b < audio.pcm().length; b += 2)
            {
                final int sample = (short)((audio.pcm()[b] & 0xFF) | (audio.pcm()[b + 1] << 8));
                sumSquares += (long)sample * sample;
                sumAbs += Math.abs(sample);
                sumAbsDiff += Math.abs(sample - previous);
                previous = sample;
                samples++;
            }
        }
        final double rms = Math.sqrt((double)sumSquares / samples);
        assertTrue(samples > 16000 / 5, "at least 200 ms of speech: " + samples);
        assertTrue(rms > 300, "speech, not silence: rms " + rms);
        // Speech at 16 kHz is smooth sample to sample; byte-swapped samples would look like white noise.
        assertTrue(sumAbsDiff < sumAbs / 2, "little-endian samples: diff " + sumAbsDiff + " vs level " + sumAbs);
    }

    @Test
    void cancelStopsTheRunAndTheNextSegmentStillSpeaks()
    {
        final int fullChunks = chunksOf(LONG_TEXT);
        final RecordingSink sink = new RecordingSink();
        try (TtsSession session = tts.open(new CallContext("s2", sink, Map.of())))
        {
            session.synthesize(new Command.SynthesizeSegment("s2", 1, 1, 0, LONG_TEXT));
            session.synthesize(new Command.SynthesizeSegment("s2", 1, 1, 1, "Queued and dropped."));
            sink.awaitEvent((e) -> e instanceof Event.TtsAudio);
            session.cancel(1);
            final int seenAtCancel = sink.drain().size();
            session.synthesize(new Command.SynthesizeSegment("s2", 2, 2, 0, "Next."));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone done && done.runId() == 2);
            final List<Event> events = sink.events();
            final long run1 = events.stream().filter((e) -> e instanceof Event.RunEvent r && r.runId() == 1).count();
            assertEquals(seenAtCancel, run1, "nothing of run 1 after cancel returned");
            assertTrue(run1 < fullChunks, "synthesis stopped early: " + run1 + " of " + fullChunks + " chunks");
            assertTrue(events.stream().noneMatch((e) -> e instanceof Event.TtsDone d && d.runId() == 1));
        }
    }

    private static int chunksOf(final String text)
    {
        final RecordingSink sink = new RecordingSink();
        try (TtsSession session = tts.open(new CallContext("full", sink, Map.of())))
        {
            session.synthesize(new Command.SynthesizeSegment("full", 1, 1, 0, text));
            sink.awaitEvent((e) -> e instanceof Event.TtsDone);
        }
        return sink.events().size() - 1;
    }
}
