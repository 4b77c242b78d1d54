package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.server.pipeline.CallAudio;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.voxgate.server.twilio.CallOutcome;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: readiness and new calls refused at once, active calls finish or are closed with 1001. */
class DrainTest
{
    @Test
    void activeCallsMayFinishWhileReadinessAndNewCallsAreRefused() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(); TwilioTestClient active = fixture.call())
        {
            active.start("MZdrain1", "parrot").media("MZdrain1", CallAudio.silence(5));
            Await.until("call started", () -> fixture.server.pipeline().registry().activeCalls() == 1);

            final CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return fixture.server.drain(Duration.ofMinutes(10));
                }
                catch (final InterruptedException ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            Await.until("draining", fixture.server.admission()::isDraining);
            assertEquals(503, fixture.get("/ready").statusCode());
            assertEquals(200, fixture.get("/health").statusCode(), "still alive");
            final TwilioTestClient.HandshakeRefused refused =
                assertThrows(TwilioTestClient.HandshakeRefused.class, () -> fixture.call().close());
            assertEquals(503, refused.status);
            assertEquals(1, fixture.server.transportCounters().outcomes().get(CallOutcome.REFUSED_DRAINING));

            assertFalse(drained.isDone(), "the active call holds the drain");
            active.media("MZdrain1", CallAudio.silence(5)).stop("MZdrain1");
            assertEquals(1000, active.awaitClose(), "the active call ended normally");
            assertTrue(drained.get(TwilioTestClient.PATIENCE_SECONDS, TimeUnit.SECONDS),
                "drained without closing anyone");
            assertEquals(10, fixture.server.pipeline().counters().ingressMediaFrames());
        }
    }

    @Test
    void callsStillActiveAtTheDeadlineAreClosedWith1001() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(); TwilioTestClient first = fixture.call();
            TwilioTestClient second = fixture.call())
        {
            first.start("MZdrain2", "parrot");
            second.start("MZdrain3", "parrot");
            Await.until("calls started", () -> fixture.server.pipeline().registry().activeCalls() == 2);
            assertFalse(fixture.server.drain(Duration.ZERO), "calls had to be closed");
            assertEquals(1001, first.awaitClose());
            assertEquals(1001, second.awaitClose());
            // The close frames can reach the clients before the server's close listeners have counted them.
            Await.until("both drained outcomes counted",
                () -> fixture.server.transportCounters().outcomes().get(CallOutcome.DRAINED) == 2);
            Await.until("admission released", () -> fixture.server.admission().activeCalls() == 0);
            Await.until("sessions ended", () -> fixture.server.pipeline().registry().activeCalls() == 0);
        }
    }
}
