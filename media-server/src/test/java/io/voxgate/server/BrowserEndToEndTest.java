package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.server.config.ServerSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page at {@code /} in real headless Chromium (Debian's {@code chromium}, driven by {@code playwright-core}
 * from {@code src/test/browser/driver.mjs}) talking WS v1 to the real server and the offline {@code concierge}
 * assistant. The microphone is Chromium's fake capture device playing a WAV made here: silence, an utterance, a
 * pause for the reply, then a second utterance that talks over it.
 *
 * <p>The driver clicks through a session (Start, the spoken turns, a typed message, Cancel reply, Stop), waiting on
 * the page's state ({@code window.voxgate}) and recording every WebSocket frame the browser sent and received; this
 * test asserts on that record. The screenshot is kept as a build artifact ({@code BUILD_DIR/browser-e2e/page.png}).
 * Nothing asserts a duration: the driver's waits are liveness bounds.
 *
 * <p>Needs {@code /usr/bin/chromium} (or {@code VOXGATE_CHROMIUM}), {@code node} and the driver's
 * {@code node_modules}; {@code .ci/run} installs them. Missing tools fail the test with the command that installs
 * them.
 */
class BrowserEndToEndTest
{
    private static final Path BROWSER_DIR = Path.of("src", "test", "browser").toAbsolutePath();
    private static final Path ASSISTANTS = Path.of("..", "config", "assistants").toAbsolutePath().normalize();
    private static final String CHROMIUM = System.getenv().getOrDefault("VOXGATE_CHROMIUM", "/usr/bin/chromium");
    private static final long DRIVER_LIMIT_SECONDS = 240;
    private static final int CAPTURE_FRAME_BYTES = 640;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pageTalksToTheAssistantAndTheCallerBargesIn(@TempDir final Path temp) throws Exception
    {
        requireBrowserTools();
        final Path wav = temp.resolve("microphone.wav");
        // Each utterance outlasts the 2 s within which a wordless barge-in counts as false (and the interrupted
        // reply resumes): the first talks over the greeting and is answered, the second talks over that answer.
        new FakeMicrophoneWav(14).silence(1500).speech(3000, 1).silence(3500).speech(3000, 2).silence(1000)
            .write(wav);
        final Path out = buildDir().resolve("browser-e2e");
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("result.json"));
        Files.deleteIfExists(out.resolve("page.png"));

        final JsonNode result;
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR,
            ASSISTANTS.toString(), ServerSetting.ASSISTANT, "concierge")))
        {
            // processing=off: the fake device's levels must reach the server as recorded (see voxgate.js).
            final String url = fixture.uri("/?assistant_id=concierge&processing=off").toString();
            result = runDriver(url, out, wav);
        }

        final JsonNode page = result.get("page");
        final JsonNode socket = onlySocket(result);
        final String context = "\n" + summary(result, out);

        assertTrue(result.get("ok").asBoolean(), "a driver step failed:" + context);
        assertEquals("stopped", page.get("state").asText(), context);
        assertEquals(1000, page.get("closeCode").asInt(), context);
        assertEquals(List.of(), texts(page.get("errors")), "errors seen by the page" + context);
        assertEquals(List.of(), texts(result.get("pageErrors")), "uncaught page errors" + context);

        // Client -> server, as the browser sent it: session.start first, then audio, the typed turn, cancel, stop.
        final List<String> sent = texts(socket.get("sentText"));
        assertEquals("session.start", sent.getFirst(), context);
        assertEquals("session.stop", sent.getLast(), context);
        assertTrue(sent.containsAll(List.of("input.text", "response.cancel")), context);
        final int audioFrames = socket.get("sentBinaryFrames").asInt();
        assertTrue(audioFrames > 0, "binary audio upstream" + context);
        assertEquals(audioFrames * CAPTURE_FRAME_BYTES, socket.get("sentBinaryBytes").asInt(),
            "every upstream frame is 20 ms of 16 kHz PCM16" + context);
        assertEquals(audioFrames, page.get("framesSent").asInt(), context);

        // Server -> client: one envelope sequence, 1, 2, 3, ... from session.started to session.stopped.
        final int[] seqs = ints(socket.get("receivedSeqs"));
        final int[] expected = new int[seqs.length];
        Arrays.setAll(expected, i -> i + 1);
        assertArrayEquals(expected, seqs, "seq strictly increasing by one" + context);
        final List<String> received = texts(socket.get("receivedTypes"));
        assertEquals("session.started", received.getFirst(), context);
        assertEquals("session.stopped", received.getLast(), context);
        assertTrue(received.containsAll(List.of("input.speech_started", "input.speech_stopped",
            "output.audio.start", "output.audio.end", "output.audio.cleared", "assistant.text.final",
            "transcript.final")), context);

        // The assistant answered the caller's speech, and the page played it.
        final int framesDown = socket.get("receivedBinaryFrames").asInt();
        assertTrue(framesDown > 0, context);
        assertEquals(framesDown, page.get("framesReceived").asInt(), context);
        assertEquals(socket.get("receivedBinaryBytes").asLong(), page.get("bytesReceived").asLong(), context);
        final long played = page.get("bytesPlayed").asLong();
        assertTrue(played > 0 && played <= page.get("bytesScheduled").asLong(), context);
        final JsonNode answer = firstAnswerToSpeech(page.get("turns"));
        assertTrue(answer != null, "a reply after the caller's speech" + context);
        assertTrue(answer.get("frames").asInt() > 0, context);
        assertTrue(answer.get("receivedMs").isNumber() && answer.get("playedMs").isNumber(),
            "latency figures of the answered turn" + context);
        assertTrue(answer.get("playedMs").asLong() >= answer.get("receivedMs").asLong(),
            "audio is heard after it arrives" + context);

        // Barge-in and cancel: every output.audio.cleared stopped the page's playback at once.
        final JsonNode clears = page.get("clears");
        assertEquals(received.stream().filter("output.audio.cleared"::equals).count(), clears.size(), context);
        boolean interruptedPlayback = false;
        for (final JsonNode clear : clears)
        {
            assertTrue(!clear.get("playingAfter").asBoolean(), "playing after a clear" + context);
            interruptedPlayback |= clear.get("wasPlaying").asBoolean() && clear.get("stoppedBuffers").asInt() > 0;
        }
        assertTrue(interruptedPlayback, "a clear that stopped audio being played" + context);
        assertTrue(clears.size() >= 2, "the caller's barge-in and the Cancel button each cleared" + context);

        final byte[] png = Files.readAllBytes(out.resolve("page.png"));
        assertTrue(png.length > 1000, context);
        assertArrayEquals(new byte[]{(byte)0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG screenshot");
    }

    private static JsonNode runDriver(final String url, final Path out, final Path wav) throws Exception
    {
        final Path log = out.resolve("driver.log");
        final Process driver = new ProcessBuilder("node", "driver.mjs", "--url", url, "--out", out.toString(),
            "--wav", wav.toString(), "--chromium", CHROMIUM)
            .directory(BROWSER_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        if (!driver.waitFor(DRIVER_LIMIT_SECONDS, TimeUnit.SECONDS))
        {
            driver.destroyForcibly().waitFor();
            fail("the browser driver did not finish within " + DRIVER_LIMIT_SECONDS + " s; its log:\n" + tail(log));
        }
        final Path resultFile = out.resolve("result.json");
        if (!Files.exists(resultFile))
        {
            fail("the browser driver wrote no result (exit " + driver.exitValue() + "); its log:\n" + tail(log));
        }
        return JSON.readTree(resultFile.toFile());
    }

    /**
     * Fails (never skips) when a tool is missing: CI must run this test, so a missing install is an error to fix.
     */
    private static void requireBrowserTools() throws InterruptedException
    {
        if (!Files.isExecutable(Path.of(CHROMIUM)))
        {
            fail("Chromium not found at " + CHROMIUM + " (set VOXGATE_CHROMIUM to use another). Install it with: " +
                "sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y " +
                "--no-install-recommends chromium   (.ci/run does this)");
        }
        try
        {
            final Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            if (node.waitFor() != 0)
            {
                fail("`node --version` failed; install Node.js 20 or newer (sudo apt-get install -y nodejs npm)");
            }
        }
        catch (final IOException ex)
        {
            fail("node not found on PATH (" + ex.getMessage() + "); install Node.js 20 or newer " +
                "(sudo apt-get install -y nodejs npm)");
        }
        if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules").resolve("playwright-core")))
        {
            fail("playwright-core is not installed for the browser tests. Install it with: (cd " + BROWSER_DIR +
                " && npm ci)   (.ci/run does this; never `npx playwright install`: it downloads a browser)");
        }
    }

    /** The module's build directory (target/, or -Dvoxgate.build.dir): the parent of the test classes. */
    private static Path buildDir() throws URISyntaxException
    {
        return Path.of(BrowserEndToEndTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .getParent();
    }

    private static JsonNode onlySocket(final JsonNode result)
    {
        final JsonNode sockets = result.get("sockets");
        assertEquals(1, sockets.size(), "one WebSocket: " + sockets);
        return sockets.get(0);
    }

    private static JsonNode firstAnswerToSpeech(final JsonNode turns)
    {
        for (final JsonNode turn : turns)
        {
            // Turn 0 is the greeting; a resumed reply (after a false interruption) is not an answer.
            if (turn.get("turn").asInt() > 0 && !turn.get("resumed").asBoolean() &&
                turn.get("inputEndedAt").isNumber() && turn.get("frames").asInt() > 0)
            {
                return turn;
            }
        }
        return null;
    }

    private static List<String> texts(final JsonNode array)
    {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.isTextual() ? node.asText() : node.toString()));
        return texts;
    }

    private static int[] ints(final JsonNode array)
    {
        final int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static String summary(final JsonNode result, final Path out)
    {
        final StringBuilder text = new StringBuilder();
        result.get("steps").forEach(step -> text.append(step.get("ok").asBoolean() ? "  ok   " : "  FAIL ")
            .append(step.get("name").asText())
            .append(step.has("error") ? ": " + step.get("error").asText() : "").append('\n'));
        final JsonNode page = result.get("page");
        if (page != null && !page.isNull())
        {
            text.append("  page: state=").append(page.get("state")).append(" turns=").append(page.get("turns"))
                .append(" clears=").append(page.get("clears")).append(" errors=").append(page.get("errors"))
                .append('\n');
        }
        result.get("sockets").forEach(socket -> text.append("  received: ").append(socket.get("receivedTypes"))
            .append('\n'));
        text.append("  console: ").append(result.get("console")).append('\n');
        text.append("  artifacts: ").append(out);
        return text.toString();
    }

    private static String tail(final Path log) throws IOException
    {
        if (!Files.exists(log))
        {
            return "(no log)";
        }
        final String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
