package io.voxgate.server;

import static io.voxgate.server.TwilioMessages.event;
import static io.voxgate.server.TwilioMessages.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxgate.server.pipeline.CallAudio;
import java.util.ArrayList;
import java.util.List;

import io.voxgate.server.pipeline.PipelineCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole calls through the real server on loopback: a Netty WebSocket client plays Twilio, the real pipeline and
 * the built-in {@code parrot} assistant answer. Waits are bounded liveness checks; nothing asserts a duration.
 */
class TwilioCallFlowTest
{
    private ServerFixture fixture;

    @BeforeEach
    void start() throws InterruptedException
    {
        fixture = new ServerFixture();
    }

    @AfterEach
    void stop()
    {
        fixture.close();
    }

    private static boolean isMark(final String message)
    {
        return "mark".equals(event(message));
    }

    /**
     * Waits for one complete reply: the first reply audio, then until the pipeline has nothing in flight and the
     * client has received every message the server wrote (one call per server here).
     */
    private List<String> awaitReply(final TwilioTestClient call) throws InterruptedException
    {
        final int before = call.seen().size();
        call.await("reply audio", m -> "media".equals(event(m)));
        Await.until("pipeline idle and every message received", () -> fixture.server.pipeline().isQuiescent() &&
            call.receivedCount() == fixture.server.transportCounters().messagesOut());
        call.drainReceived();
        return new ArrayList<>(call.seen().subList(before, call.seen().size()));
    }

    @Test
    void aCallIsAnsweredByParrotWithTheCallersOwnAudioAndMarks() throws Exception
    {
        final PipelineCounters stages = fixture.server.pipeline().counters();
        try (TwilioTestClient call = fixture.call())
        {
            call.start("MZflow1", "parrot")
                .media("MZflow1", CallAudio.concat(CallAudio.silence(25), CallAudio.speech(50, 0),
                    CallAudio.silence(40)));
            final String media = call.await("reply audio", m -> "media".equals(event(m)));
            assertEquals("MZflow1", field(media, "streamSid"));
            final String mark = call.await("playout mark", TwilioCallFlowTest::isMark);
            assertEquals("MZflow1", field(mark, "streamSid"));
            assertTrue(field(mark, "name").startsWith("r1:t1:s0:"), mark);
            call.stop("MZflow1");
            assertEquals(1000, call.awaitClose());
        }
        assertEquals(115, stages.ingressMediaFrames());
        assertEquals(115 * 160, stages.ingressMediaBytes());
        assertTrue(fixture.server.transportCounters().messagesOut() >= 2);
        assertEquals(0, stages.ingressDroppedRingFull());
    }

    @Test
    void echoedMarksReachTheOrchestratorAndTheNextTurnIsANewRun() throws Exception
    {
        final PipelineCounters stages = fixture.server.pipeline().counters();
        try (TwilioTestClient call = fixture.call())
        {
            call.start("MZflow2", "parrot")
                .media("MZflow2", CallAudio.concat(CallAudio.silence(10), CallAudio.speech(40, 1),
                    CallAudio.silence(40)));
            final List<String> first = awaitReply(call);
            assertTrue(first.stream().anyMatch(TwilioCallFlowTest::isMark), first.toString());
            for (final String message : first)
            {
                if (isMark(message))
                {
                    // As Twilio does once the audio before the mark has played.
                    call.mark("MZflow2", field(message, "name"));
                }
            }
            call.media("MZflow2", CallAudio.concat(CallAudio.speech(30, 2), CallAudio.silence(40)));
            final String nextMark = call.await("second reply", m -> isMark(m) && field(m, "name").startsWith("r2:"));
            assertTrue(field(nextMark, "name").startsWith("r2:t2:s0:"), nextMark);
            call.stop("MZflow2");
            assertEquals(1000, call.awaitClose());
        }
        assertEquals(0, stages.orchestratorUnknownMarks(), "every echoed mark was recognised");
        assertEquals(0, stages.egressClears(), "completed playback is not barged in on");
    }

    @Test
    void callerSpeechOverThePlaybackClearsIt() throws Exception
    {
        try (TwilioTestClient call = fixture.call())
        {
            call.start("MZflow3", "parrot")
                .media("MZflow3", CallAudio.concat(CallAudio.silence(10), CallAudio.speech(60, 3),
                    CallAudio.silence(40)));
            call.await("reply audio", m -> "media".equals(event(m)));
            // No marks echoed: the reply is still playing when the caller talks over it.
            call.media("MZflow3", CallAudio.speech(30, 4));
            final String clear = call.await("clear", m -> "clear".equals(event(m)));
            assertEquals("{\"event\":\"clear\",\"streamSid\":\"MZflow3\"}", clear);
            call.stop("MZflow3");
            assertEquals(1000, call.awaitClose());
        }
        assertEquals(1, fixture.server.pipeline().counters().egressClears());
    }

    @Test
    void dtmfReachesTheOrchestrator() throws Exception
    {
        try (TwilioTestClient call = fixture.call())
        {
            call.start("MZflow4", "parrot").media("MZflow4", CallAudio.silence(5)).dtmf("MZflow4", '4')
                .dtmf("MZflow4", '#');
            // '#' ends the turn; with no caller audio recorded the parrot answers the key presses with a beep.
            final String lastMark = call.await("beep's last mark", m -> isMark(m) &&
                field(m, "name").equals("r1:t1:s0:200"));
            assertEquals("MZflow4", field(lastMark, "streamSid"));
            call.stop("MZflow4");
            assertEquals(1000, call.awaitClose());
        }
        assertEquals(4, fixture.server.pipeline().counters().ingressControlSlots(), "start, two dtmf, stop");
    }
}
