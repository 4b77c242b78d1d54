package io.voxgate.server.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParrotCallTest
{
    private final ManualClock clock = new ManualClock();
    private final CapturingSink sink = new CapturingSink();
    private MediaPipeline pipeline;

    @BeforeEach
    void startPipeline()
    {
        pipeline = new MediaPipeline(PipelineSettings.defaults().withMaxCalls(8).withIngressRingSize(1024)
            .withEgressRingSize(1024), sink, clock, List.of(new ParrotAssistant(), new ToneAssistant()));
        pipeline.start();
    }

    @AfterEach
    void stopPipeline()
    {
        pipeline.close();
    }

    @Test
    void vadEdgesReachTheOrchestratorAndParrotPlaysTheUtteranceBack() throws IOException
    {
        final byte[] utterance = CallAudio.speech(50, 0);
        final byte[] audio = CallAudio.concat(CallAudio.silence(25), utterance, CallAudio.silence(20));
        final TwilioCall call = new TwilioCall(pipeline, clock, "MZ0001").start("parrot").media(audio);
        CapturingSink.await("all frames orchestrated", () -> pipeline.counters().dspFrames() == 95);
        assertEquals(1, pipeline.counters().dspSpeechStarts());
        assertEquals(1, pipeline.counters().dspSpeechStops());
        assertTrue(sink.sentTo(call.index()).isEmpty(), "nothing to say before the turn ends");

        clock.advanceMillis(1000);
        CapturingSink.await("reply mark", () -> sink.sentTo(call.index()).stream().anyMatch(isEvent("mark")));
        CapturingSink.await("pipeline quiescent", pipeline::isQuiescent);

        final List<String> messages = sink.sentTo(call.index());
        final byte[] played = playedMulaw(messages);
        // Each 100 ms TTS chunk becomes one PlayAudio: one media message followed by its playout mark.
        assertEquals(0, messages.size() % 2);
        for (int i = 0; i < messages.size(); i += 2)
        {
            assertTrue(messages.get(i)
                .startsWith("{\"event\":\"media\",\"streamSid\":\"MZ0001\",\"media\":{\"payload\":\""),
                messages.get(i));
            assertEquals("mark", event(messages.get(i + 1)));
        }
        assertEquals((played.length + 799) / 800, messages.size() / 2);
        assertEquals(95, pipeline.latencies().orchestrator().getIntervalHistogram().getTotalCount());
        assertEquals(95, pipeline.latencies().dsp().getIntervalHistogram().getTotalCount());
        assertEquals(1, pipeline.latencies().turn().getIntervalHistogram().getTotalCount());
        // The clock stood still from the end of the turn's timer to the reply: first audio 1 s after the last frame.
        final long timeToFirstAudio = pipeline.latencies().timeToFirstAudio().getIntervalHistogram().getMaxValue();
        assertTrue(timeToFirstAudio >= 1_000 * ManualClock.MS && timeToFirstAudio <= 1_500 * ManualClock.MS,
            "time to first audio " + timeToFirstAudio);
        // The playback is the caller's own audio, frame-aligned: from around the onset to the last voiced frame.
        assertEquals(0, played.length % CallAudio.FRAME_BYTES);
        final int firstFrame = indexOf(normalized(audio), normalized(played)) / CallAudio.FRAME_BYTES;
        assertTrue(firstFrame >= 25 && firstFrame <= 28, "playback starts at frame " + firstFrame);
        final int lastFrame = firstFrame + played.length / CallAudio.FRAME_BYTES;
        assertTrue(lastFrame >= 75 && lastFrame <= 85, "playback ends at frame " + lastFrame);
    }

    @Test
    void echoedMarksCompleteTheReplySoTheNextTurnIsAnsweredAsANewRun()
    {
        final TwilioCall call = new TwilioCall(pipeline, clock, "MZ0002").start("parrot")
            .media(CallAudio.concat(CallAudio.silence(10), CallAudio.speech(40, 1), CallAudio.silence(10)));
        final List<String> first = awaitReply(call, 1);
        final List<String> marks = marksOf(first);
        assertTrue(marks.get(0).startsWith("r1:t1:s0:"), marks.get(0));
        final long playedMs = ParrotCallTest.playedMulaw(first).length / 8;
        assertEquals("r1:t1:s0:" + playedMs, marks.get(marks.size() - 1));
        for (final String mark : marks)
        {
            call.mark(mark);
        }

        call.media(CallAudio.concat(CallAudio.speech(30, 2), CallAudio.silence(10)));
        final List<String> all = awaitReply(call, 2);
        final List<String> second = all.subList(first.size(), all.size());
        assertTrue(marksOf(second).get(0).startsWith("r2:t2:s0:"), second.toString());
        assertEquals(0, pipeline.counters().egressClears());
        assertEquals(0, pipeline.counters().orchestratorUnknownMarks());
    }

    @Test
    void callerSpeechOverThePlaybackClearsIt()
    {
        final TwilioCall call = new TwilioCall(pipeline, clock, "MZ0003").start("parrot")
            .media(CallAudio.concat(CallAudio.silence(10), CallAudio.speech(60, 3), CallAudio.silence(10)));
        final int replyMessages = awaitReply(call, 1).size();

        // No marks echoed: the reply is still playing when the caller talks over it for 600 ms.
        call.media(CallAudio.speech(30, 4));
        CapturingSink.await("clear", () -> pipeline.counters().egressClears() == 1);
        CapturingSink.await("pipeline quiescent", pipeline::isQuiescent);
        final List<String> messages = sink.sentTo(call.index());
        assertEquals(replyMessages + 1, messages.size());
        assertEquals("{\"event\":\"clear\",\"streamSid\":\"MZ0003\"}", messages.get(messages.size() - 1));
        assertEquals(1, pipeline.latencies().bargeInReaction().getIntervalHistogram().getTotalCount());
    }

    @Test
    void dtmfReachesTheOrchestratorAndAHashEndsTheTurn()
    {
        final TwilioCall call = new TwilioCall(pipeline, clock, "MZ0004").start("parrot")
            .media(CallAudio.silence(5)).dtmf('4').dtmf('#');
        // No caller audio was recorded, so the parrot answers the key presses with its 200 ms beep.
        final List<String> messages = awaitReply(call, 1);
        assertEquals(List.of("r1:t1:s0:100", "r1:t1:s0:200"), marksOf(messages));
        assertEquals(1600, playedMulaw(messages).length);
    }

    @Test
    void callsAreIsolatedFromEachOther()
    {
        final TwilioCall talker = new TwilioCall(pipeline, clock, "MZ0005").start("parrot");
        final TwilioCall quiet = new TwilioCall(pipeline, clock, "MZ0006").start("parrot");
        final byte[] speech = CallAudio.concat(CallAudio.silence(10), CallAudio.speech(40, 5), CallAudio.silence(10));
        final byte[] silence = CallAudio.silence(60);
        for (int frame = 0; frame < 60; frame++)
        {
            clock.advanceMillis(20);
            talker.mediaFrame(speech, frame);
            quiet.mediaFrame(silence, frame);
        }
        final List<String> messages = awaitReply(talker, 1);
        assertTrue(messages.stream().allMatch((m) -> "MZ0005".equals(field(m, "streamSid"))));
        assertTrue(sink.sentTo(quiet.index()).isEmpty());
        assertEquals(1, pipeline.counters().dspSpeechStarts());
        assertEquals(120, pipeline.counters().dspFrames());
    }

    @Test
    void stopEndsTheCallAndReleasesItsIndexAfterTheEgressThread()
    {
        final TwilioCall call = new TwilioCall(pipeline, clock, "MZ0007").start("parrot")
            .media(CallAudio.silence(10)).stop();
        CapturingSink.await("session ended", () -> sink.ended().contains(call.index()));
        assertEquals(0, pipeline.registry().activeCalls());
        assertEquals(1, pipeline.counters().callsStarted());
        assertEquals(1, pipeline.counters().callsEnded());
        final TwilioCall next = new TwilioCall(pipeline, clock, "MZ0008").start("parrot");
        assertEquals(call.index(), next.index());
    }

    @Test
    void invalidBase64IsRejectedAndNothingOfItReachesTheStages()
    {
        final TwilioCall call = new TwilioCall(pipeline, clock, "MZ0009").start("parrot");
        assertEquals(PublishResult.INVALID_BASE64, call.publishRaw("////!!!!"));
        assertEquals(PublishResult.INVALID_BASE64, call.publishRaw("abc"));
        CapturingSink.await("pipeline quiescent", pipeline::isQuiescent);
        assertEquals(2, pipeline.counters().ingressInvalidBase64());
        assertEquals(0, pipeline.counters().ingressMediaFrames());
        assertEquals(0, pipeline.counters().dspFrames());

        call.media(CallAudio.silence(1));
        CapturingSink.await("valid frame", () -> pipeline.counters().dspFrames() == 1);
        assertEquals(0, pipeline.counters().dspErrors() + pipeline.counters().orchestratorErrors());
    }

    @Test
    void toneAnswersEachTurnWithItsToneSequenceResampledTo8kHz()
    {
        final TwilioCall call = new TwilioCall(pipeline, clock, "MZ0010").start("tone")
            .media(CallAudio.concat(CallAudio.silence(10), CallAudio.speech(30, 6), CallAudio.silence(10)));
        final List<String> messages = awaitReply(call, 1);
        assertEquals(List.of("r1:t1:s0:100", "r1:t1:s0:200", "r1:t1:s0:300", "r1:t1:s0:400", "r1:t1:s0:500",
            "r1:t1:s0:600"), marksOf(messages));
        // 600 ms at 24 kHz in six 100 ms chunks: exactly 4,800 μ-law bytes at 8 kHz, 800 per message.
        assertEquals(4800, playedMulaw(messages).length);
        assertEquals(6, pipeline.counters().egressMediaMessages());
    }

    /** Ends the caller's turn by moving the clock past the endpointing delay and waits for the whole reply. */
    private List<String> awaitReply(final TwilioCall call, final int turn)
    {
        CapturingSink.await("frames orchestrated", pipeline::isQuiescent);
        clock.advanceMillis(1000);
        CapturingSink.await("reply to turn " + turn, () -> sink.sentTo(call.index()).stream()
            .anyMatch((m) -> "mark".equals(event(m)) && field(m, "name").contains(":t" + turn + ":")));
        CapturingSink.await("pipeline quiescent", pipeline::isQuiescent);
        return sink.sentTo(call.index());
    }

    static List<String> marksOf(final List<String> messages)
    {
        final List<String> marks = new ArrayList<>();
        for (final String message : messages)
        {
            if ("mark".equals(event(message)))
            {
                marks.add(field(message, "name"));
            }
        }
        return marks;
    }

    private static java.util.function.Predicate<String> isEvent(final String name)
    {
        return (json) -> name.equals(event(json));
    }

    static String event(final String json)
    {
        return field(json, "event");
    }

    static String field(final String json, final String name)
    {
        try (JsonParser parser = new JsonFactory().createParser(json))
        {
            JsonToken token;
            while ((token = parser.nextToken()) != null)
            {
                if (token == JsonToken.FIELD_NAME && name.equals(parser.currentName()))
                {
                    parser.nextToken();
                    return parser.getText();
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("not JSON: " + json, ex);
        }
    }

    static byte[] playedMulaw(final List<String> messages)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final String message : messages)
        {
            if ("media".equals(event(message)))
            {
                out.writeBytes(Base64.getDecoder().decode(field(message, "payload")));
            }
        }
        return out.toByteArray();
    }

    /** G.711 has two zeros (0x7F, 0xFF); playback decodes and re-encodes, which folds them into 0xFF. */
    static byte[] normalized(final byte[] mulaw)
    {
        final byte[] copy = mulaw.clone();
        for (int i = 0; i < copy.length; i++)
        {
            copy[i] = copy[i] == 0x7F ? (byte)0xFF : copy[i];
        }
        return copy;
    }

    static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
