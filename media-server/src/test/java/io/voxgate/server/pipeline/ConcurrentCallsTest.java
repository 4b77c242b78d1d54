package io.voxgate.server.pipeline;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many calls at once through the real stage threads (two DSP shards): counts, not timings.
 */
class ConcurrentCallsTest
{
    private static final int CALLS = 200;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void twoHundredCallsEachGetTheirOwnReplyAndSilenceAllocatesNothingOnTheStageThreads()
    {
        final ManualClock clock = new ManualClock();
        final CapturingSink sink = new CapturingSink();
        try (MediaPipeline pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(CALLS)
            .withDspThreads(2), sink, clock, List.of(new ParrotAssistant(), new ToneAssistant())))
        {
            pipeline.start();
            final List<TwilioCall> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++)
            {
                calls.add(new TwilioCall(pipeline, clock, "MZ%04d".formatted(i)).start(ParrotAssistant.NAME));
            }
            final byte[] silence = CallAudio.silence(1);

            // Steady state first: silence for every call, stage-thread allocation measured in windows of 10,000
            // frames after a warm-up. A JIT transition can allocate a few dozen bytes once on a thread (see
            // AllocationMeter), a per-frame allocation shows in every window: the quietest window must be empty.
            tick(pipeline, clock, calls, silence, 0, 200);
            final long[] fewest = new long[pipeline.threads().size()];
            java.util.Arrays.fill(fewest, Long.MAX_VALUE);
            for (int window = 0; window < 5; window++)
            {
                final long[] before = allocated(pipeline);
                tick(pipeline, clock, calls, silence, 0, 50);
                final long[] after = allocated(pipeline);
                for (int t = 0; t < fewest.length; t++)
                {
                    fewest[t] = Math.min(fewest[t], after[t] - before[t]);
                }
            }
            for (int t = 0; t < fewest.length; t++)
            {
                final String name = pipeline.threads().get(t).getName();
                assertEquals(0, fewest[t], name + " allocated over " + CALLS * 50 + " silent frames");
            }

            // Then every call says something of its own, and the turn ends for all.
            final byte[][] speech = new byte[CALLS][];
            for (int i = 0; i < CALLS; i++)
            {
                speech[i] = CallAudio.concat(CallAudio.speech(25, i), CallAudio.silence(10));
            }
            for (int frame = 0; frame < 35; frame++)
            {
                clock.advanceMillis(20);
                for (int i = 0; i < CALLS; i++)
                {
                    calls.get(i).mediaFrame(speech[i], frame);
                }
                CapturingSink.await("tick consumed", pipeline::isQuiescent);
            }
            clock.advanceMillis(1000);
            CapturingSink.await("every call's reply", () -> pipeline.counters().egressMarks() >= CALLS &&
                replied(sink, calls).size() == CALLS);
            CapturingSink.await("pipeline quiescent", pipeline::isQuiescent);

            assertEquals(CALLS, pipeline.counters().callsStarted());
            assertEquals(CALLS * 485L, pipeline.counters().dspFrames());
            assertEquals(CALLS, pipeline.counters().dspSpeechStarts());
            assertEquals(0, pipeline.counters().ingressDroppedRingFull());
            assertEquals(0, pipeline.counters().dspErrors() + pipeline.counters().orchestratorErrors() +
                pipeline.counters().egressErrors());
            for (final TwilioCall call : calls)
            {
                final List<String> messages = sink.sentTo(call.index());
                assertTrue(messages.stream().allMatch((m) -> call.streamSid().equals(ParrotCallTest.field(m,
                    "streamSid"))), call.streamSid());
                final byte[] played = ParrotCallTest.normalized(ParrotCallTest.playedMulaw(messages));
                final int at = ParrotCallTest.indexOf(ParrotCallTest.normalized(speech[calls.indexOf(call)]), played);
                assertTrue(played.length > 0 && at >= 0, call.streamSid() + " hears its own words");
            }

            for (final TwilioCall call : calls)
            {
                call.stop();
            }
            CapturingSink.await("all ended", () -> sink.ended().size() == CALLS);
            assertEquals(0, pipeline.registry().activeCalls());
        }
    }

    private static void tick(final MediaPipeline pipeline, final ManualClock clock, final List<TwilioCall> calls,
        final byte[] audio, final int frame, final int ticks)
    {
        for (int t = 0; t < ticks; t++)
        {
            clock.advanceMillis(20);
            for (final TwilioCall call : calls)
            {
                call.mediaFrame(audio, frame);
            }
            CapturingSink.await("tick consumed", pipeline::isQuiescent);
        }
    }

    private static long[] allocated(final MediaPipeline pipeline)
    {
        final List<Thread> threads = pipeline.threads();
        final long[] bytes = new long[threads.size()];
        for (int t = 0; t < bytes.length; t++)
        {
            bytes[t] = THREADS.getThreadAllocatedBytes(threads.get(t).threadId());
        }
        return bytes;
    }

    private static Set<Integer> replied(final CapturingSink sink, final List<TwilioCall> calls)
    {
        final Set<Integer> replied = new TreeSet<>();
        for (final CapturingSink.Sent sent : sink.sent())
        {
            if (sent.json().contains("\"mark\""))
            {
                replied.add(sent.sessionIndex());
            }
        }
        return replied;
    }
}
