package io.voxgate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.codec.wav.WavAudio;
import io.voxgate.codec.wav.WavEncoding;
import io.voxgate.codec.wav.WavFormat;
import io.voxgate.codec.wav.WavReader;
import io.voxgate.codec.wav.WavWriter;
import io.voxgate.tools.call.SyntheticVoice;
import io.voxgate.tools.call.CallEnding;
import io.voxgate.tools.call.CallPlan;
import io.voxgate.tools.call.CallResult;
import io.voxgate.tools.call.SimulatedCall;
import io.voxgate.tools.call.SyntheticCaller;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxgate call} against a real media server on loopback with the built-in {@code parrot} and {@code tone}
 * assistants. The calls run in real time, so the caller audio is short; nothing asserts a duration.
 */
class CallCommandTest
{
    private static final Pattern MARKS = Pattern.compile("marks: (\\d+) received, (\\d+) echoed");

    @TempDir
    Path dir;

    /** A 16 kHz WAV: a short pause, about a second of synthetic speech, a short pause. */
    private Path callerWav() throws IOException
    {
        final int rate = 16000;
        final short[] pcm = new short[rate * 2];
        final short[] speech = SyntheticVoice.speech(rate, rate * 6 / 5, 1);
        System.arraycopy(speech, 0, pcm, rate * 2 / 5, speech.length);
        final Path wav = dir.resolve("caller.wav");
        WavWriter.write(wav, WavAudio.encode(new WavFormat(WavEncoding.PCM_16, rate), pcm));
        return wav;
    }

    private static int loudSamples(final Path wav) throws IOException
    {
        final WavAudio audio = WavReader.read(wav);
        assertEquals(8000, audio.format().sampleRate());
        assertEquals(WavEncoding.PCM_16, audio.format().encoding());
        int loud = 0;
        for (final short sample : audio.toPcm16())
        {
            loud += Math.abs(sample) > 500 ? 1 : 0;
        }
        return loud;
    }

    private static void assertMarksEchoed(final String out)
    {
        final Matcher marks = MARKS.matcher(out);
        assertTrue(marks.find(), out);
        assertTrue(Integer.parseInt(marks.group(1)) > 0, out);
        assertEquals(marks.group(1), marks.group(2), out);
    }

    @Test
    void parrotEchoesARecordedCallerWhoHearsTheReplyOnTheTimeline() throws Exception
    {
        final Path heard = dir.resolve("heard.wav");
        final CommandRun run;
        try (TestServer server = new TestServer())
        {
            run = CommandRun.of("call", "--url", server.streamUrl(), "--audio",
                callerWav().toString(), "--out", heard.toString(), "--assistant", "parrot", "--hangup-after", "1.5");
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("caller: caller.wav (2.0 s, resampled from 16000 Hz), 1 turn"), run.out());
            assertTrue(run.out().contains("caller turn 1 starts"), run.out());
            assertTrue(run.out().contains("caller turn 1 ends"), run.out());
            assertTrue(run.out().contains("reply 1 starts: time to first audio "), run.out());
            assertTrue(run.out().contains("reply 1 ends"), run.out());
            assertTrue(run.out().contains("caller hangs up: stop sent"), run.out());
            assertTrue(run.out().contains("server closed the stream: 1000"), run.out());
            assertTrue(run.out().contains("summary: 1 caller turn, 1 reply, 0 barge-ins"), run.out());
            assertTrue(run.out().matches("(?s).*time to first audio: turn 1 \\d+ ms.*"), run.out());
            assertTrue(run.out().contains("DTMF: none sent"), run.out());
            assertMarksEchoed(run.out());
            assertEquals(0, server.server().pipeline().counters().orchestratorUnknownMarks());
        }
        // The parrot plays back about a second of the caller's voice.
        assertTrue(loudSamples(heard) > 2000, "loud samples: " + loudSamples(heard) + "\n" + run.out());
    }

    @Test
    void toneAssistantAnswersWithItsPromptTones() throws Exception
    {
        final Path heard = dir.resolve("tones.wav");
        final CommandRun run;
        try (TestServer server = new TestServer())
        {
            run = CommandRun.of("call", "--url", server.streamUrl(), "--audio", callerWav().toString(), "--out",
                heard.toString(), "--assistant", "tone", "--hangup-after", "1.5");
            assertEquals(0, run.status(), run.out() + run.err());
        }
        assertTrue(run.out().contains("reply 1 starts: time to first audio "), run.out());
        assertTrue(run.out().contains("summary: 1 caller turn, 1 reply, 0 barge-ins"), run.out());
        assertMarksEchoed(run.out());
        // Three 150 ms notes.
        assertTrue(loudSamples(heard) > 2000, "loud samples: " + loudSamples(heard) + "\n" + run.out());
    }

    @Test
    void aCallerTalkingOverTheReplyIsReportedAsABargeIn() throws Exception
    {
        final StringWriter text = new StringWriter();
        final CallResult result;
        final long clears;
        try (TestServer server = new TestServer())
        {
            final CallPlan plan = new CallPlan(server.streamUrl(), new SyntheticCaller(new int[]{100, 40}, true),
                Map.of("assistant", "parrot"), Duration.ofMillis(1500), Duration.ofSeconds(60));
            result = new SimulatedCall(plan, new PrintWriter(text, true)).run();
            clears = server.server().pipeline().counters().egressClears();
        }
        final String out = text.toString();
        assertEquals(CallEnding.CALLER_HUNG_UP, result.ending(), out);
        assertTrue(result.bargeIns() >= 1, out);
        assertTrue(clears >= result.bargeIns(), out);
        assertTrue(out.contains("barge-in: clear received, reply 1 cut after "), out);
        assertTrue(out.contains("caller turn 2 starts (while reply 1 plays)"), out);
        assertMarksEchoed(out);
    }

    @Test
    void aServerThatIsNotListeningEndsTheCallWithStatusOne() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final CommandRun run = CommandRun.of("call", "--url", "ws://127.0.0.1:" + port + "/twilio");
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().startsWith("voxgate: ws://127.0.0.1:" + port + "/twilio: cannot connect: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void aRefusedUpgradeEndsTheCallWithStatusOne() throws Exception
    {
        final Path heard = dir.resolve("heard.wav");
        try (TestServer server = new TestServer())
        {
            final String url = server.streamUrl().replace("/twilio", "/no-such-stream");
            final CommandRun run = CommandRun.of("call", "--url", url, "--out", heard.toString());
            assertEquals(1, run.status(), run.out() + run.err());
            assertTrue(run.err().startsWith("voxgate: " + url + ": the server refused the WebSocket upgrade: HTTP 404"),
                run.err());
        }
        assertFalse(Files.exists(heard));
    }

    @Test
    void badArgumentsEndWithOneLineAndStatusTwo() throws Exception
    {
        final Path notWav = dir.resolve("noise.wav");
        Files.write(notWav, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        final String url = "ws://127.0.0.1:9/twilio";
        assertUsage("Missing required option: '--url=URL'", "call");
        assertUsage("expected ws://HOST:PORT/twilio", "call", "--url", "http://127.0.0.1:8080/twilio");
        assertUsage("no such file", "call", "--url", url, "--audio", dir.resolve("missing.wav").toString());
        assertUsage("noise.wav", "call", "--url", url, "--audio", notWav.toString());
        assertUsage("--hangup-after must be a positive number", "call", "--url", url, "--hangup-after", "0");
        assertUsage("--max-duration must be a positive number", "call", "--url", url, "--max-duration", "-1");
        assertUsage("--barge-in is for the built-in caller", "call", "--url", url, "--barge-in", "--audio",
            notWav.toString());
        assertUsage("saved as a .wav file", "call", "--url", url, "--out", dir.resolve("heard.raw").toString());
        assertUsage("no such directory", "call", "--url", url, "--out", dir.resolve("none/heard.wav").toString());
    }

    private static void assertUsage(final String fragment, final String... args)
    {
        final CommandRun run = CommandRun.of(args);
        assertEquals(VoxgateCommand.EXIT_USAGE, run.status(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("voxgate: ") && run.err().contains(fragment), run.err());
        assertEquals("", run.out());
    }
}
