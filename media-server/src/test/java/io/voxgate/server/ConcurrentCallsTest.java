package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxgate.server.pipeline.CallAudio;
import java.util.ArrayList;
import java.util.List;

import io.voxgate.server.pipeline.PipelineCounters;
import io.voxgate.server.twilio.CallOutcome;
import io.voxgate.server.twilio.ProtocolError;
import io.voxgate.server.twilio.TwilioCounters;
import org.junit.jupiter.api.Test;

/** Many calls at once through one server: every frame of every call counted, every call ended, nothing leaked. */
class ConcurrentCallsTest
{
    private static final int CALLS = 200;
    private static final int FRAMES = 25;

    @Test
    void twoHundredConcurrentCallsAreEachServedCompletely() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture())
        {
            final List<TwilioTestClient> calls = new ArrayList<>(CALLS);
            try
            {
                for (int i = 0; i < CALLS; i++)
                {
                    calls.add(fixture.call().start("MZconcurrent" + i, "parrot"));
                }
                Await.until("all sessions started", () -> fixture.server.pipeline().registry().activeCalls() == CALLS);
                assertEquals(CALLS, fixture.server.admission().activeCalls());
                // Interleaved, frame by frame across all calls, as a real 20 ms tick would deliver them.
                final byte[] silence = CallAudio.silence(1);
                for (int frame = 0; frame < FRAMES; frame++)
                {
                    for (int i = 0; i < CALLS; i++)
                    {
                        calls.get(i).media("MZconcurrent" + i, silence);
                    }
                }
                for (int i = 0; i < CALLS; i++)
                {
                    calls.get(i).stop("MZconcurrent" + i);
                }
                for (final TwilioTestClient call : calls)
                {
                    assertEquals(1000, call.awaitClose());
                }
            }
            finally
            {
                calls.forEach(TwilioTestClient::close);
            }

            final PipelineCounters stages = fixture.server.pipeline().counters();
            final TwilioCounters transport = fixture.server.transportCounters();
            Await.until("all sessions ended", () -> stages.callsEnded() == CALLS);
            assertEquals(CALLS, stages.callsStarted());
            assertEquals((long)CALLS * FRAMES, stages.ingressMediaFrames());
            assertEquals((long)CALLS * FRAMES * CallAudio.FRAME_BYTES, stages.ingressMediaBytes());
            assertEquals(0, stages.ingressDroppedRingFull());
            assertEquals((long)CALLS * (FRAMES + 3), transport.messagesIn(), "connected, start, media, stop");
            assertEquals(CALLS, transport.callsAccepted());
            assertEquals(CALLS, transport.outcomes().get(CallOutcome.STOPPED));
            for (final ProtocolError error : ProtocolError.values())
            {
                assertEquals(0, transport.protocolErrors().get(error), error.label());
            }
            Await.until("every channel closed", () -> fixture.server.admission().activeCalls() == 0);
            assertEquals(0, fixture.server.pipeline().registry().activeCalls());
        }
    }
}
