package io.voxgate.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats a {@link LoadResult}: a summary table for stdout (and {@code summary.txt}), and the generator's
 * histograms as HdrHistogram percentile distributions ({@code .hgrm}, values in milliseconds) for plotting.
 */
final class LoadReport
{
    private static final double MICROS_PER_MS = 1000.0;
    private static final String[] SERVER_HISTOGRAMS = {
        "voxgate_ingress_latency_seconds", "voxgate_egress_latency_seconds", "voxgate_time_to_first_audio_seconds",
        "voxgate_barge_in_reaction_seconds", "voxgate_turn_latency_seconds"};

    /** Issue 4's ingress target: p99 (frame received -> orchestrator handled) within 5 ms. */
    private static final double INGRESS_TARGET_SECONDS = 0.005;

    private LoadReport()
    {
    }

    /**
     * The summary table.
     *
     * @param result the run.
     * @return lines of text.
     */
    static String summary(final LoadResult result)
    {
        final LoadPlan plan = result.plan();
        final LoadStats s = result.stats();
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "voxgate loadgen: %d calls x %d s against %s (%s), ramp %.1f s, %d %s " +
            "event loop(s), every %s call barges in", plan.calls(), plan.durationSeconds(), plan.url(),
            plan.assistant(), plan.rampSeconds(), plan.threads(), result.epoll() ? "epoll" : "nio",
            plan.bargeInEvery() > 0 ? ordinal(plan.bargeInEvery()) : "no"));
        final double p99Lateness = s.tickLateness.getValueAtPercentile(99) / MICROS_PER_MS;
        lines.add(result.pacingValid() ?
            String.format(Locale.ROOT, "RESULT: VALID (tick lateness p99 %.2f ms <= 5 ms)", p99Lateness) :
            String.format(Locale.ROOT, "RESULT: INVALID: the generator lost its 20 ms pacing (tick lateness p99 " +
                "%.2f ms > 5 ms); its numbers say nothing about the server", p99Lateness));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "calls       started %d, completed %d, failed %d, with reply audio %d, " +
            "with a clear %d; wall %.1f s", s.callsStarted, s.callsCompleted, s.callsFailed, s.callsWithReply,
            s.callsWithClear, result.wallNanos() / 1e9));
        final long in = result.serverFramesIn();
        lines.add(String.format(Locale.ROOT, "frames      sent %d (%d per call), server received %s, lost %s",
            s.framesSent, plan.framesPerCall(), in < 0 ? "n/a" : Long.toString(in),
            in < 0 ? "n/a (no /metrics)" : Long.toString(result.lostFrames())));
        lines.add(String.format(Locale.ROOT, "replies     utterances %d, answered %d, unanswered %d; media frames " +
            "received %d (%.1f s of audio), segment gaps %d", s.utterances, s.repliesReceived, s.unansweredTurns,
            s.mediaReceived, s.mediaBytesReceived / 8000.0, s.replyGaps));
        lines.add(String.format(Locale.ROOT, "marks       received %d, echoed %d, pending at end %d",
            s.marksReceived, s.marksEchoed, s.marksPendingAtEnd));
        lines.add(String.format(Locale.ROOT, "barge-in    attempts %d, clears received %d, unanswered %d",
            s.bargeInAttempts, s.clearsReceived, s.bargeInsUnanswered));
        if (s.unknownMessages > 0)
        {
            lines.add("unexpected  " + s.unknownMessages + " messages that were not media, mark or clear");
        }
        lines.add("");
        lines.add("generator (ms)              count      p50      p90      p99    p99.9      max");
        lines.add(row("time to first audio", s.timeToFirstAudio));
        lines.add(row("barge-in reaction", s.bargeInReaction));
        lines.add(row("tick lateness", s.tickLateness));
        if (null != result.metricsBefore() && null != result.metricsAfter())
        {
            lines.add("");
            lines.add("server /metrics (ms, interpolated in buckets)  count      p50      p99");
            for (final String name : SERVER_HISTOGRAMS)
            {
                final double count = result.metricsAfter().count(result.metricsBefore(), name);
                lines.add(String.format(Locale.ROOT, "%-44s %7s %8.3f %8.3f", name.replace("voxgate_", "")
                    .replace("_seconds", ""), Double.isNaN(count) ? "n/a" : Long.toString(Math.round(count)),
                    1000 * result.metricsAfter().quantileSeconds(result.metricsBefore(), name, 0.5),
                    1000 * result.metricsAfter().quantileSeconds(result.metricsBefore(), name, 0.99)));
            }
            final double within = result.metricsAfter().shareWithin(result.metricsBefore(),
                "voxgate_ingress_latency_seconds", INGRESS_TARGET_SECONDS);
            lines.add(String.format(Locale.ROOT, "ingress within 5 ms (bucket le=0.005, exact): %.3f %% of frames",
                100 * within));
        }
        else
        {
            lines.add("server /metrics: not available at " + plan.metricsUrl());
        }
        lines.add("");
        lines.add(cpu("generator CPU", result.generatorCpu(), result.callSeconds()));
        if (plan.serverPid() > 0)
        {
            lines.add(cpu("server CPU (pid " + plan.serverPid() + ")", result.serverCpu(), result.callSeconds()));
            final StringBuilder threads = new StringBuilder("server threads (s):");
            result.serverThreads().entrySet().stream()
                .filter((e) -> e.getValue() >= 10_000_000L)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach((e) -> threads.append(String.format(Locale.ROOT, " %s* %.2f;", e.getKey(),
                    e.getValue() / 1e9)));
            lines.add(threads.toString());
        }
        return String.join(System.lineSeparator(), lines);
    }

    /**
     * Writes {@code summary.txt} and the {@code .hgrm} files.
     *
     * @param result    the run.
     * @param directory where (created if missing).
     * @throws IOException when writing fails.
     */
    static void write(final LoadResult result, final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("summary.txt"), summary(result) + System.lineSeparator(),
            StandardCharsets.UTF_8);
        hgrm(result.stats().timeToFirstAudio, directory.resolve("time-to-first-audio.hgrm"));
        hgrm(result.stats().bargeInReaction, directory.resolve("barge-in-reaction.hgrm"));
        hgrm(result.stats().tickLateness, directory.resolve("tick-lateness.hgrm"));
    }

    private static void hgrm(final Histogram histogram, final Path file) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, MICROS_PER_MS);
        }
    }

    private static String row(final String name, final Histogram h)
    {
        if (0 == h.getTotalCount())
        {
            return String.format(Locale.ROOT, "%-22s %11d %8s %8s %8s %8s %8s", name, 0, "-", "-", "-", "-", "-");
        }
        return String.format(Locale.ROOT, "%-22s %11d %8.2f %8.2f %8.2f %8.2f %8.2f", name, h.getTotalCount(),
            h.getValueAtPercentile(50) / MICROS_PER_MS, h.getValueAtPercentile(90) / MICROS_PER_MS,
            h.getValueAtPercentile(99) / MICROS_PER_MS, h.getValueAtPercentile(99.9) / MICROS_PER_MS,
            h.getMaxValue() / MICROS_PER_MS);
    }

    private static String cpu(final String what, final ProcessCpu cpu, final double callSeconds)
    {
        if (null == cpu)
        {
            return what + ": n/a";
        }
        return String.format(Locale.ROOT, "%-26s %.2f s (user %.2f, sys %.2f) = %.3f ms per call-second", what,
            cpu.totalNanos() / 1e9, cpu.userNanos() / 1e9, cpu.systemNanos() / 1e9,
            callSeconds > 0 ? cpu.totalNanos() / 1e6 / callSeconds : Double.NaN);
    }

    private static String ordinal(final int n)
    {
        final int mod100 = n % 100;
        final String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10)
        {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
