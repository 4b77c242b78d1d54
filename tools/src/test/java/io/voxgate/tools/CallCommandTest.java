package io.voxgate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.codec.wav.WavAudio;
import io.voxgate.codec.wav.WavEncoding;
import io.voxgate.codec.wav.WavFormat;
import io.voxgate.codec.wav.WavReader;
import io.voxgate.codec.wav.WavWriter;
import io.voxgate.tools.call.SyntheticVoice;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
