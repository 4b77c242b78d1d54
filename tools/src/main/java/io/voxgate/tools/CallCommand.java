package io.voxgate.tools;

import io.voxgate.tools.audio.AudioFileKind;
import io.voxgate.tools.audio.AudioFiles;
import io.voxgate.tools.call.CallPlan;
import io.voxgate.tools.call.CallResult;
import io.voxgate.tools.call.CallerVoice;
import io.voxgate.tools.call.RecordedCaller;
import io.voxgate.tools.call.SimulatedCall;
import io.voxgate.tools.call.SyntheticCaller;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code voxgate call --url ws://HOST:PORT/twilio [--audio caller.wav] [--out heard.wav]}: places a simulated Twilio
 * Media Streams call (see {@link SimulatedCall}) and prints its timeline.
 *
 * <p>Exit status 0 when the call ended normally (the caller hung up, or the server closed with 1000); 1 when the
 * connection failed, the server refused the upgrade or closed the stream with an error status; 2 for bad arguments
 * or an unreadable WAV file. What the caller heard is saved even when the call ends badly.
 */
@Command(name = "call", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Place a simulated Twilio Media Streams call and print its timeline: caller turns, replies, "
        + "time to first audio, barge-ins, the close.",
        "Audio goes out in real time as 20 ms mu-law frames; marks are echoed when their audio has played and "
            + "'clear' empties the playout, as Twilio does."})
public final class CallCommand implements Callable<Integer>
{
    @Option(names = "--url", required = true, paramLabel = "URL",
        description = "The server's Twilio stream, e.g. ws://127.0.0.1:8080/twilio.")
    String url;

    @Option(names = "--audio", paramLabel = "WAV",
        description = {"What the caller says: a mono WAV file (PCM16, mu-law or A-law, any rate the resampler "
            + "converts to 8 kHz), played from the call's start as it is.",
            "Default: the built-in caller, three short synthetic utterances, each after the assistant has finished."})
    Path audio;

    @Option(names = "--out", paramLabel = "WAV",
        description = "Save what the caller heard (8 kHz PCM16 WAV: the replies where they played, silence between).")
    Path out;

    @Option(names = "--assistant", paramLabel = "NAME",
        description = "Sent as the stream parameter 'assistant' (the server's default assistant otherwise).")
    String assistant;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
        description = "Another stream parameter (start.customParameters); repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--barge-in",
        description = "The built-in caller talks over each reply half a second into it (not with --audio).")
    boolean bargeIn;

    @Option(names = "--hangup-after", paramLabel = "SECONDS", defaultValue = "3",
        description = "Once the caller has said everything, hang up after this much silence; "
            + "default: ${DEFAULT-VALUE}.")
    double hangupAfterSeconds;

    @Option(names = "--max-duration", paramLabel = "SECONDS", defaultValue = "120",
        description = "Hang up after this long whatever happens; default: ${DEFAULT-VALUE}.")
    double maxDurationSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        checkUrl();
        final Duration hangupAfter = positiveSeconds("--hangup-after", hangupAfterSeconds);
        final Duration maxDuration = positiveSeconds("--max-duration", maxDurationSeconds);
        if (out != null)
        {
            if (AudioFileKind.of(out) != AudioFileKind.WAV)
            {
                throw new InputException("--out " + out + ": the caller's audio is saved as a .wav file");
            }
            final Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent))
            {
                throw new InputException("--out " + out + ": no such directory " + parent);
            }
        }
        if (bargeIn && audio != null)
        {
            throw new InputException("--barge-in is for the built-in caller; a --audio recording says what it says");
        }
        final CallerVoice caller = audio == null ? new SyntheticCaller(bargeIn) : RecordedCaller.load(audio);
        final Map<String, String> parameters = new LinkedHashMap<>();
        if (assistant != null)
        {
            parameters.put("assistant", assistant);
        }
        parameters.putAll(params);

        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("calling " + url + (assistant != null ? " (assistant " + assistant + ")" : "") + "; caller: " +
            caller.describe());
        stdout.flush();
        final SimulatedCall call = new SimulatedCall(
            new CallPlan(url, caller, parameters, hangupAfter, maxDuration), stdout);
        final CallResult result = call.run();
        if (out != null && result.heard().length > 0)
        {
            AudioFiles.writePcm16(out, result.heard(), result.heard().length, 8000);
            stdout.println("heard: " + out + " (" + String.format(Locale.ROOT, "%.1f", result.heard().length / 8000.0) +
                " s, 8 kHz PCM16)");
        }
        stdout.flush();
        if (!result.ending().normal())
        {
            spec.commandLine().getErr().println("voxgate: " + result.detail());
            return VoxgateCommand.EXIT_FAILURE;
        }
        return 0;
    }

    private void checkUrl()
    {
        final URI uri;
        try
        {
            uri = new URI(url);
        }
        catch (final URISyntaxException ex)
        {
            throw new InputException("--url " + url + ": not a URL (" + ex.getReason() + ")");
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null)
        {
            throw new InputException("--url " + url + ": expected ws://HOST:PORT/twilio or wss://HOST/twilio");
        }
    }

    private static Duration positiveSeconds(final String option, final double seconds)
    {
        if (!(seconds > 0) || seconds > 86_400)
        {
            throw new InputException(option + " must be a positive number of seconds up to 86400, not " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
