package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.voxgate.server.pipeline.CallAudio;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code GET /metrics} over HTTP: the documented names are there and their values move with traffic. */
class MetricsScrapeTest
{
    private static double value(final String exposition, final String series)
    {
        for (final String line : exposition.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return fail("no series " + series + " in:\n" + exposition);
    }

    private static String scrape(final ServerFixture fixture)
    {
        try
        {
            return fixture.get("/metrics").body();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void exposesTransportPipelineLatencyAndJvmMetricsThatMoveWithTraffic() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture())
        {
            final HttpResponse<String> before = fixture.get("/metrics");
            assertEquals(200, before.statusCode(), before.body());
            assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            final String idle = before.body();
            for (final String series : List.of("voxgate_calls_active", "voxgate_frames_in_total",
                "voxgate_bytes_in_total", "voxgate_frames_out_total", "voxgate_bytes_out_total",
                "voxgate_media_frames_in_total", "voxgate_media_frames_out_total",
                "voxgate_frames_dropped_total{reason=\"ingress_ring_full\"}",
                "voxgate_frames_dropped_total{reason=\"egress_backpressure\"}",
                "voxgate_protocol_errors_total{kind=\"unknown_event\"}",
                "voxgate_protocol_errors_total{kind=\"malformed_json\"}",
                "voxgate_ring_remaining_capacity{ring=\"ingress\"}",
                "voxgate_ingress_latency_seconds_count", "voxgate_ingress_dsp_latency_seconds_count",
                "voxgate_egress_latency_seconds_count", "voxgate_time_to_first_audio_seconds_count",
                "voxgate_barge_in_reaction_seconds_count", "voxgate_turn_latency_seconds_count",
                "voxgate_draining"))
            {
                value(idle, series);
            }
            assertEquals(8192, value(idle, "voxgate_ring_remaining_capacity{ring=\"ingress\"}"));
            assertTrue(idle.contains("voxgate_ingress_latency_seconds_bucket{le=\"0.005\"}"), "histogram buckets");
            assertTrue(idle.contains("jvm_gc_collection_seconds"), "GC pauses");
            // Allocation per pool is counted from GC notifications: after a collection it is there.
            System.gc();
            Await.until("allocation per pool", () ->
                scrape(fixture).contains("jvm_memory_pool_allocated_bytes_total{pool="));

            try (TwilioTestClient call = fixture.call())
            {
                call.start("MZmetrics", "parrot").media("MZmetrics", CallAudio.silence(10))
                    .send("{\"event\":\"future\",\"streamSid\":\"MZmetrics\"}");
                Await.until("frames through the orchestrator",
                    () -> fixture.server.pipeline().counters().orchestratorSlots() >= 11);
                final String during = fixture.get("/metrics").body();
                assertEquals(1, value(during, "voxgate_calls_active"));
                assertEquals(13, value(during, "voxgate_frames_in_total"));
                assertEquals(10, value(during, "voxgate_media_frames_in_total"));
                assertEquals(1600, value(during, "voxgate_media_bytes_in_total"));
                assertEquals(1, value(during, "voxgate_protocol_errors_total{kind=\"unknown_event\"}"));
                assertEquals(10, value(during, "voxgate_ingress_latency_seconds_count"));
                assertEquals(10, value(during, "voxgate_ingress_dsp_latency_seconds_count"));
                assertTrue(value(during, "voxgate_ingress_latency_seconds_sum") > 0);
                assertEquals(10, value(during, "voxgate_ingress_latency_seconds_bucket{le=\"+Inf\"}"));
                call.stop("MZmetrics");
                assertEquals(1000, call.awaitClose());
            }
            Await.until("call closed", () -> fixture.server.admission().activeCalls() == 0);
            final String after = fixture.get("/metrics").body();
            assertEquals(0, value(after, "voxgate_calls_active"));
            assertEquals(1, value(after, "voxgate_call_outcomes_total{outcome=\"stopped\"}"));
            assertEquals(10, value(after, "voxgate_ingress_latency_seconds_count"), "cumulative across scrapes");
        }
    }
}
