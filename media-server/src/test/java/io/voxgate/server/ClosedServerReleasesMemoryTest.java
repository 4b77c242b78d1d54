package io.voxgate.server;

import io.voxgate.server.pipeline.MediaPipeline;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A closed server must become garbage: its pipeline holds tens of megabytes of off-heap ring slots, which are
 * freed only when it is collected. (The Prometheus client keeps every registry its JVM metrics were registered
 * into reachable forever, which once kept every closed server alive in the test JVM.)
 */
class ClosedServerReleasesMemoryTest
{
    @Test
    void aClosedServerAndItsPipelineAreCollectable() throws Exception
    {
        final WeakReference<MediaPipeline> pipeline = runAndClose();
        Await.until("the closed server's pipeline is collected", () ->
        {
            System.gc();
            return null == pipeline.get();
        });
    }

    /** In its own frame, so no local variable of this method keeps the server reachable. */
    private static WeakReference<MediaPipeline> runAndClose() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture())
        {
            assertEquals(200, fixture.get("/metrics").statusCode());
            return new WeakReference<>(fixture.server.pipeline());
        }
    }
}
