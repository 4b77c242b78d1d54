package io.voxgate.bench.loadgen;

import io.voxgate.server.MediaServer;
import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.config.ServerSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator against a real voxgate server (parrot) on loopback: counts only, never timings.
 */
class LoadGeneratorTest
{
    private static final int CALLS = 20;
    private static final int SECONDS = 8;

    @TempDir
    Path out;

    @Test
    void twentyCallsSendEveryFrameGetReplyAudioEchoMarksAndBargeInsAreCleared() throws Exception
    {
        final MediaServer server = MediaServer.start(ServerConfig.of(Map.of(ServerSetting.PORT, "0",
            ServerSetting.BIND_ADDRESS, "127.0.0.1", ServerSetting.MAX_CALLS, "64", ServerSetting.INGRESS_RING_SIZE,
            "4096", ServerSetting.EGRESS_RING_SIZE, "4096", ServerSetting.ASSISTANT, "parrot",
            ServerSetting.HISTORY_ENABLED, "false")));
        final LoadResult result;
        try
        {
            final LoadPlan plan = new LoadPlan(URI.create("ws://127.0.0.1:" + server.port() + "/twilio"), CALLS,
                SECONDS, 0.5, 2, 4, "parrot", 0);
            result = LoadRun.run(plan, CallerAudio.builtIn());
        }
        finally
        {
            server.close();
        }

        final LoadStats stats = result.stats();
        assertEquals(CALLS, stats.callsStarted);
        assertEquals(CALLS, stats.callsCompleted);
        assertEquals(0, stats.callsFailed);
        assertEquals((long)CALLS * SECONDS * 50, stats.framesSent);
        assertEquals(stats.framesSent, result.serverFramesIn(), "the server counted every frame");
        assertEquals(0, result.lostFrames());
        assertEquals(CALLS, stats.callsWithReply, "every call got reply audio");
        assertEquals(0, stats.replyGaps, "every reply segment arrived whole");
        assertTrue(stats.marksEchoed > 0);
        assertEquals(stats.marksReceived, stats.marksEchoed + stats.marksPendingAtEnd, "every due mark echoed");
        assertEquals(CALLS / 4, stats.callsWithClear, "every barge-in call was cleared");
        assertTrue(stats.bargeInAttempts >= CALLS / 4);
        assertEquals(stats.clearsReceived, stats.bargeInReaction.getTotalCount());
        assertEquals(stats.repliesReceived, stats.timeToFirstAudio.getTotalCount());
        assertEquals(0, stats.unknownMessages);
        assertTrue(stats.tickLateness.getTotalCount() >= (long)SECONDS * 50, "one lateness per tick and loop");
        assertNotNull(result.generatorCpu());

        LoadReport.write(result, out);
        for (final String file : new String[] {"summary.txt", "time-to-first-audio.hgrm", "barge-in-reaction.hgrm",
            "tick-lateness.hgrm"})
        {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        final String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("frames      sent " + stats.framesSent + " (400 per call), server received " +
            stats.framesSent + ", lost 0"), summary);
        assertTrue(Files.readString(out.resolve("time-to-first-audio.hgrm")).contains("#[Mean"), "hgrm footer");
    }

    @Test
    void metricsTextIsSummedOverLabelsAndQuantilesInterpolateWithinBuckets() throws IOException
    {
        final ServerMetrics before = ServerMetrics.parse("""
            # TYPE voxgate_media_frames_in counter
            voxgate_media_frames_in_total 100
            x_seconds_bucket{le="0.001"} 0
            x_seconds_bucket{le="0.002"} 0
            x_seconds_bucket{le="+Inf"} 0
            """);
        final ServerMetrics after = ServerMetrics.parse("""
            voxgate_media_frames_in_total 350
            x_seconds_bucket{stage="a",le="0.001"} 50
            x_seconds_bucket{stage="b",le="0.001"} 0
            x_seconds_bucket{stage="a",le="0.002"} 100
            x_seconds_bucket{stage="b",le="0.002"} 100
            x_seconds_bucket{stage="a",le="+Inf"} 100
            x_seconds_bucket{stage="b",le="+Inf"} 100
            x_seconds_count 200
            """);
        assertEquals(250.0, after.delta(before, "voxgate_media_frames_in_total"));
        assertEquals(200.0, after.count(before, "x_seconds"));
        assertEquals(0.0005, after.quantileSeconds(before, "x_seconds", 0.125), 1e-12);
        assertEquals(0.0015, after.quantileSeconds(before, "x_seconds", 0.625), 1e-12);
        assertEquals(0.25, after.shareWithin(before, "x_seconds", 0.001), 1e-12);
        assertEquals(1.0, after.shareWithin(before, "x_seconds", 0.002), 1e-12);
        assertTrue(Double.isNaN(after.shareWithin(before, "x_seconds", 0.0015)), "not a bucket bound");
        assertTrue(Double.isNaN(after.delta(before, "missing_total")));
    }
}
