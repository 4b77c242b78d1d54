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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
            assertTrue(messages.get(i).startsWith("{\"event\":\"media\",\"streamSid\":\"MZ0001\",\"media\":{\"payload\":\""),
                messages.get(i));
            assertEquals("mark", event(messages.get(i + 1)));
        }
        assertEquals((played.length + 799) / 800, messages.size() / 2);
        // The playback is the caller's own audio, frame-aligned: from around the onset to the last voiced frame.
        assertEquals(0, played.length % CallAudio.FRAME_BYTES);
        final int firstFrame = indexOf(normalized(audio), normalized(played)) / CallAudio.FRAME_BYTES;
        assertTrue(firstFrame >= 25 && firstFrame <= 28, "playback starts at frame " + firstFrame);
        final int lastFrame = firstFrame + played.length / CallAudio.FRAME_BYTES;
        assertTrue(lastFrame >= 75 && lastFrame <= 85, "playback ends at frame " + lastFrame);
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
