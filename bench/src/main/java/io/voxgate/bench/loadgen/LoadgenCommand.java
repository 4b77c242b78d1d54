package io.voxgate.bench.loadgen;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code voxgate loadgen --url ws://HOST:PORT/twilio --calls N --duration S [--audio FILE] [--ramp S] [--out DIR]}:
 * simulates N concurrent Twilio Media Streams calls from one process against a voxgate server running the
 * {@code parrot} assistant, and reports frames, replies, marks, barge-ins, latency percentiles (generator and
 * server side), CPU time and whether the generator kept its 20 ms pacing.
 *
 * <p>Exit status 0 for a valid run (pacing kept, every call completed), 1 otherwise, 2 for bad arguments.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Simulate concurrent Twilio calls against a voxgate server and report latencies.")
public final class LoadgenCommand implements Callable<Integer>
{
    @Option(names = "--url", required = true, paramLabel = "URL",
        description = "The server's Twilio WebSocket, ws://HOST:PORT/twilio.")
    URI url;

    @Option(names = "--calls", required = true, paramLabel = "N", description = "Concurrent calls.")
    int calls;

    @Option(names = "--duration", required = true, paramLabel = "S",
        description = "Length of each call in seconds (50 frames per second).")
    int duration;

    @Option(names = "--audio", paramLabel = "FILE",
        description = "What callers say: a WAV file or raw 8 kHz mu-law (.ulaw); default: built-in sentences.")
    Path audio;

    @Option(names = "--ramp", paramLabel = "S", defaultValue = "5",
        description = "Connect the calls evenly over this many seconds (default: ${DEFAULT-VALUE}).")
    double ramp;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Write summary.txt and the .hgrm percentile files here.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
        description = "Client event-loop threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--barge-in-every", paramLabel = "N", defaultValue = "4",
        description = "Every N-th call talks over each reply; 0 = none (default: ${DEFAULT-VALUE}).")
    int bargeInEvery;

    @Option(names = "--assistant", paramLabel = "NAME", defaultValue = "parrot",
        description = "Assistant named in each call's start message (default: ${DEFAULT-VALUE}).")
    String assistant;

    @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "0",
        description = "The server's process ID, to report its CPU time per call-second (Linux).")
    long serverPid;

    /**
     * Runs the command line.
     *
     * @param args the arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new LoadgenCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException, IOException
    {
        final LoadPlan plan;
        try
        {
            plan = new LoadPlan(url, calls, duration, ramp, threads, bargeInEvery, assistant, serverPid);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), ex.getMessage());
        }
        final CallerAudio callerAudio = null == audio ? CallerAudio.builtIn() : CallerAudio.fromFile(audio);
        final LoadResult result = LoadRun.run(plan, callerAudio);
        System.out.println(LoadReport.summary(result));
        if (null != out)
        {
            LoadReport.write(result, out);
        }
        return result.pacingValid() && 0 == result.stats().callsFailed ? 0 : 1;
    }
}
