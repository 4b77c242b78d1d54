package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxgate.server.pipeline.CallAudio;
import java.util.Map;

import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.twilio.CallOutcome;
import org.junit.jupiter.api.Test;

/** A call whose peer goes silent (half-open TCP, stalled client) is closed by the server, and its session ends. */
class IdleTimeoutTest
{
    @Test
    void aSilentCallIsClosedWith1008AndItsSessionEnds() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.IDLE_TIMEOUT, "200ms"));
            TwilioTestClient call = fixture.call())
        {
            call.start("MZidle", "parrot").media("MZidle", CallAudio.silence(3));
            // Then nothing more: the server's idle timer closes the call.
            assertEquals(1008, call.awaitClose());
            // The close frame can reach the client before the server's close listener has counted the outcome.
            Await.until("idle outcome counted",
                () -> fixture.server.transportCounters().outcomes().get(CallOutcome.IDLE) == 1);
            Await.until("session ended", () -> fixture.server.pipeline().registry().activeCalls() == 0);
            assertEquals(1, fixture.server.pipeline().counters().callsEnded());
        }
    }
}
