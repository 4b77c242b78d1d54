package io.voxgate.server;

import static io.voxgate.server.TwilioMessages.event;
import static io.voxgate.server.TwilioMessages.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxgate.server.config.ServerSetting;
import io.voxgate.server.history.HistoryCounters;
import io.voxgate.server.pipeline.CallAudio;
import io.voxgate.server.pipeline.PipelineCounters;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's history acceptance test: 50 concurrent Twilio calls on a real server whose history goes to a backend
 * (MockWebServer) that refuses everything for a 10-second window in the middle (503s, and lost responses after it
 * stored the request), then recovers.
 *
 * <p>Proven: after recovery every item of every call is stored exactly once (idempotency keys absorb the repeats
 * of lost responses), in order per call, and each call is finalized once, after its items. No call was slowed:
 * while the backend refused everything and not one history write succeeded, every call's reply during the outage
 * was delivered complete (the same number of audio frames as before it), and the orchestrator's offers were never
 * refused or blocked (nothing dropped, the orchestrator thread only offers to a queue it never waits on; see
 * {@code HistoryBridge}). Waits are liveness bounds; nothing asserts a duration.
 */
class HistoryBackendOutageTest
{
    private static final int CALLS = 50;
    private static final long OUTAGE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final byte[] TURN = CallAudio.concat(CallAudio.silence(10), CallAudio.speech(40, 7),
        CallAudio.silence(40));

    private static String sid(final int call)
    {
        return "MZhistory" + call;
    }

    @Test
    void everyItemArrivesOnceInOrderAfterABackendOutageAndNoCallWaited() throws Exception
    {
        final HistoryBackend api = new HistoryBackend();
        try (MockWebServer backend = new MockWebServer())
        {
            backend.setDispatcher(api);
            backend.start();
            try (ServerFixture fixture = new ServerFixture(Map.of(
                ServerSetting.BACKEND_URL, backend.url("/v1").toString(),
                ServerSetting.HISTORY_RETRY_MAX_ATTEMPTS, "100",
                ServerSetting.HISTORY_RETRY_BACKOFF_SEC, "0.05",
                ServerSetting.HISTORY_FINALIZE_DRAIN_TIMEOUT_SEC, "60")))
            {
                run(fixture, api);
            }
        }
    }

    private static void run(final ServerFixture fixture, final HistoryBackend api) throws Exception
    {
        final HistoryCounters history = fixture.server.history().orElseThrow().counters();
        final PipelineCounters stages = fixture.server.pipeline().counters();
        final List<TwilioTestClient> calls = new ArrayList<>(CALLS);
        int laterTurns = 0;
        try
        {
            for (int i = 0; i < CALLS; i++)
            {
                calls.add(fixture.call().start(sid(i), "parrot"));
            }
            // Turn 1, backend up.
            final int frames = turn(fixture, calls, 0, CALLS);
            assertTrue(frames > 0);
            Await.until("turn 1 history written", () -> history.pending() == 0 && history.queued() == 2 * CALLS);

            // Turn 2 and half the hang-ups while the backend refuses everything.
            api.outage(true);
            final long outageEnds = System.nanoTime() + OUTAGE_NANOS;
            final long writtenBefore = history.written();
            assertEquals(frames, turn(fixture, calls, 0, CALLS), "every reply during the outage complete");
            for (int i = 0; i < CALLS / 2; i++)
            {
                calls.get(i).stop(sid(i));
            }
            for (int i = 0; i < CALLS / 2; i++)
            {
                assertEquals(1000, calls.get(i).awaitClose());
            }
            Await.until("turn 2 history queued", () -> history.queued() == 3 * CALLS);
            assertEquals(writtenBefore, history.written(), "no history write succeeded while the calls went on");
            assertTrue(history.pending() >= CALLS, "turn 2's items wait for the backend: " + history.pending());
            // The other half goes on talking until the window closes (turn after turn, so no call sits idle).
            while (System.nanoTime() - outageEnds < 0)
            {
                assertEquals(frames, turn(fixture, calls, CALLS / 2, CALLS), "every reply during the outage complete");
                laterTurns++;
            }
            assertEquals(writtenBefore, history.written(), "no history write succeeded during the outage");
            api.outage(false);

            // One more turn after the recovery, then they hang up.
            assertEquals(frames, turn(fixture, calls, CALLS / 2, CALLS), "replies after the outage complete");
            laterTurns++;
            for (int i = CALLS / 2; i < CALLS; i++)
            {
                calls.get(i).stop(sid(i));
            }
            for (int i = CALLS / 2; i < CALLS; i++)
            {
                assertEquals(1000, calls.get(i).awaitClose());
            }
        }
        finally
        {
            calls.forEach(TwilioTestClient::close);
        }

        Await.until("every call finalized", () -> history.isDrained() && history.finalized() == CALLS);
        assertEquals(List.of(), api.violations());
        for (int i = 0; i < CALLS; i++)
        {
            final int turns = i < CALLS / 2 ? 2 : 2 + laterTurns;
            final List<JsonNode> items = api.items(sid(i));
            assertEquals(1 + turns, items.size(), sid(i) + ": " + items);
            for (int seq = 0; seq < items.size(); seq++)
            {
                assertEquals(seq, items.get(seq).get("seq").asLong(), sid(i) + " in order: " + items);
            }
            assertEquals("call.started", items.get(0).get("type").asText());
            assertEquals("parrot", items.get(0).get("assistant").asText());
            for (int seq = 1; seq <= turns; seq++)
            {
                assertEquals("message.assistant", items.get(seq).get("type").asText(), items.toString());
                assertEquals(seq, items.get(seq).get("turn").asInt(), items.toString());
            }
            final List<JsonNode> finalized = api.finalizations(sid(i));
            assertEquals(1, finalized.size(), sid(i));
            assertEquals(1 + turns, finalized.get(0).get("items").asLong());
            assertEquals(1 + turns, finalized.get(0).get("delivered").asLong());
            assertEquals("stop", finalized.get(0).get("endReason").asText());
        }
        assertTrue(api.refused() > 0 && api.lostResponses() > 0, "the outage refused requests");
        assertEquals(api.lostResponses(), api.duplicates(),
            "each lost response was retried with its key, and stored only the first time");

        assertEquals(0, history.dropped(), "no offer from the orchestrator was refused");
        assertEquals(0, history.failed() + history.finalizeFailed());
        assertEquals(history.queued(), history.written());
        assertEquals(CALLS + 2L * CALLS + (long)laterTurns * (CALLS / 2), history.queued());
        assertEquals(0, stages.orchestratorErrors());
        assertEquals(0, stages.ingressDroppedRingFull() + stages.egressDroppedRingFull());

        final String metrics = fixture.get("/metrics").body();
        assertEquals(history.queued(), metric(metrics, "voxgate_history_items_queued_total"));
        assertEquals(history.queued(), metric(metrics, "voxgate_history_items_written_total"));
        assertEquals(history.retried(), metric(metrics, "voxgate_history_retries_total"));
        assertEquals(CALLS, metric(metrics, "voxgate_history_calls_finalized_total"));
        assertEquals(0, metric(metrics, "voxgate_history_items_dropped_total"));
        assertEquals(0, metric(metrics, "voxgate_history_items_failed_total"));
        assertEquals(0, metric(metrics, "voxgate_history_queue_depth"));
        System.out.printf("history outage: %d turns during/after it, %d items, %d retries, %d refused, %d lost "
            + "responses, %d duplicates absorbed%n", laterTurns, history.queued(), history.retried(), api.refused(),
            api.lostResponses(), api.duplicates());
    }

    private static long metric(final String text, final String series)
    {
        for (final String line : text.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return (long)Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in /metrics");
    }

    /**
     * Plays one caller turn on calls {@code from..to-1}, waits until every reply is delivered, and echoes the
     * replies' marks as Twilio does after playing them.
     *
     * @return the number of reply audio frames each call received (asserted equal across the calls).
     */
    private static int turn(final ServerFixture fixture, final List<TwilioTestClient> calls, final int from,
        final int to) throws InterruptedException
    {
        final int[] before = new int[to];
        for (int i = from; i < to; i++)
        {
            before[i] = calls.get(i).seen().size();
            calls.get(i).media(sid(i), TURN);
        }
        for (int i = from; i < to; i++)
        {
            calls.get(i).await("reply audio", m -> "media".equals(event(m)));
        }
        Await.until("every reply delivered", () -> fixture.server.pipeline().isQuiescent() &&
            calls.stream().mapToLong(TwilioTestClient::receivedCount).sum() ==
            fixture.server.transportCounters().messagesOut());
        int frames = -1;
        for (int i = from; i < to; i++)
        {
            final TwilioTestClient call = calls.get(i);
            call.drainReceived();
            final List<String> reply = call.seen().subList(before[i], call.seen().size());
            final int media = (int)reply.stream().filter(m -> "media".equals(event(m))).count();
            if (frames < 0)
            {
                frames = media;
            }
            assertEquals(frames, media, sid(i) + " reply frames");
            for (final String message : List.copyOf(reply))
            {
                if ("mark".equals(event(message)))
                {
                    call.mark(sid(i), field(message, "name"));
                }
            }
        }
        return frames;
    }
}
