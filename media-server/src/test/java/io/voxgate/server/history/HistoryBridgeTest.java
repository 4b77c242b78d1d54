package io.voxgate.server.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.TimerKind;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.server.Await;
import io.voxgate.server.pipeline.CallStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The history bridge end to end over an in-memory sink: what is kept, order, retries with backoff, giving up,
 * refusals, the finalize drain timeout, overflow without blocking, idempotent ends and a bounded close. Waits are
 * liveness bounds; nothing asserts a duration.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HistoryBridgeTest
{
    private static final RetryPolicy FAST = new RetryPolicy(10, Duration.ofMillis(1));
    private static final Duration LONG_DRAIN = Duration.ofSeconds(60);
    /** Items {@link #call} produces: start, final transcript, tool call and result, client tool call and result,
     * assistant message. */
    private static final int ITEMS = 7;

    private static void call(final HistoryBridge bridge, final int index, final String sid)
    {
        bridge.callStarted(index, new CallStart(sid, "CA" + sid, "AC1", "parrot", Map.of("lang", "en")), sid,
            1_000);
        bridge.command(index, new Command.SendTranscript(sid, 1, "hel", false));
        bridge.command(index, new Command.SendTranscript(sid, 1, "hello", true));
        bridge.event(index, new Event.AudioLevel(sid, 5, true, -20f));
        bridge.command(index, new Command.ExecuteTool(sid, 1, 1, new ToolCall("c1", "lookup", "{\"q\":1}"), 5000));
        bridge.event(index, new Event.ToolResult(sid, 10, 1, 1, "c1", "{\"ok\":true}", false));
        bridge.command(index, new Command.RequestClientTool(sid, 1, 1, new ToolCall("c2", "show", "{}"), 5000));
        bridge.event(index, new Event.ClientToolResult(sid, 12, 1, 1, "c2", "{\"shown\":false}", true));
        bridge.command(index, new Command.StartTimer(sid, TimerKind.IDLE, 1, 100));
        bridge.command(index, new Command.SendAssistantMessage(sid, 1, 1, "Hi there", true));
        bridge.callEnded(index, "stop", 2_000);
    }

    private static void awaitDrained(final HistoryBridge bridge)
    {
        Await.until("history drained", () -> bridge.counters().isDrained());
    }

    @Test
    void keepsTranscriptsToolCallsAndMessagesInOrderAndFinalizesOnce()
    {
        final ScriptedSink sink = new ScriptedSink();
        try (HistoryBridge bridge = new HistoryBridge(4, 64, sink, FAST, LONG_DRAIN))
        {
            call(bridge, 2, "MZa");
            awaitDrained(bridge);
            final List<HistoryItem> items = List.copyOf(sink.items);
            assertEquals(ITEMS, items.size(), items.toString());
            for (int seq = 0; seq < ITEMS; seq++)
            {
                assertEquals(seq, items.get(seq).seq());
                assertEquals("MZa", items.get(seq).sessionId());
            }
            assertEquals(new HistoryItem.CallStarted("MZa", 0, 1_000, "CAMZa", "AC1", "parrot", Map.of("lang", "en")),
                items.get(0));
            assertEquals("hello", assertInstanceOf(HistoryItem.UserTranscript.class, items.get(1)).text());
            final HistoryItem.ToolCalled server = assertInstanceOf(HistoryItem.ToolCalled.class, items.get(2));
            assertEquals("lookup", server.name());
            assertEquals("{\"q\":1}", server.argumentsJson());
            assertFalse(server.clientSide());
            final HistoryItem.ToolResulted result = assertInstanceOf(HistoryItem.ToolResulted.class, items.get(3));
            assertEquals("{\"ok\":true}", result.resultJson());
            assertFalse(result.error());
            assertTrue(assertInstanceOf(HistoryItem.ToolCalled.class, items.get(4)).clientSide());
            final HistoryItem.ToolResulted client = assertInstanceOf(HistoryItem.ToolResulted.class, items.get(5));
            assertTrue(client.clientSide());
            assertTrue(client.error());
            final HistoryItem.AssistantMessage said = assertInstanceOf(HistoryItem.AssistantMessage.class,
                items.get(6));
            assertEquals("Hi there", said.text());
            assertTrue(said.interrupted());

            assertEquals(1, sink.finalizations.size());
            final Finalization end = sink.finalizations.get(0);
            assertEquals(new CallSummary("MZa", "CAMZa", "AC1", "parrot", Map.of("lang", "en"), 1_000, 2_000, "stop",
                ITEMS, 0), end.summary());
            assertEquals(ITEMS, end.delivered());
            final HistoryCounters counters = bridge.counters();
            assertEquals(ITEMS, counters.queued());
            assertEquals(ITEMS, counters.written());
            assertEquals(0, counters.retried() + counters.failed() + counters.dropped() + counters.finalizeFailed());
            assertEquals(1, counters.finalized());
        }
        assertTrue(sink.isClosed());
    }

    @Test
    void retriesFailedWritesWithBackoffAndWritesEachOnceInOrder()
    {
        final ScriptedSink sink = new ScriptedSink((key, attempt) -> attempt <= 3 ? new IOException("down") : null);
        try (HistoryBridge bridge = new HistoryBridge(4, 64, sink, FAST, LONG_DRAIN))
        {
            call(bridge, 0, "MZb");
            awaitDrained(bridge);
            assertEquals(ITEMS, sink.items.size());
            for (int seq = 0; seq < ITEMS; seq++)
            {
                assertEquals(seq, sink.items.get(seq).seq());
                assertEquals(4, sink.attempts("MZb:" + seq));
            }
            assertEquals(4, sink.attempts("MZb:finalize"));
            assertEquals(1, sink.finalizations.size());
            assertEquals(3L * (ITEMS + 1), bridge.counters().retried());
            assertEquals(0, bridge.counters().failed());
        }
    }

    @Test
    void givesAWriteUpAfterTheLastAttemptAndReportsItAtFinalize()
    {
        final ScriptedSink sink =
            new ScriptedSink((key, attempt) -> key.equals("MZc:2") ? new IOException("no") : null);
        try (HistoryBridge bridge = new HistoryBridge(4, 64, sink, new RetryPolicy(3, Duration.ofMillis(1)),
            LONG_DRAIN))
        {
            call(bridge, 1, "MZc");
            awaitDrained(bridge);
            assertEquals(3, sink.attempts("MZc:2"));
            assertEquals(List.of(0L, 1L, 3L, 4L, 5L, 6L), sink.items.stream().map(HistoryItem::seq).toList());
            assertEquals(2, bridge.counters().retried());
            assertEquals(1, bridge.counters().failed());
            final Finalization end = sink.finalizations.get(0);
            assertEquals(1, end.failed());
            assertEquals(ITEMS - 1, end.delivered());
        }
    }

    @Test
    void doesNotRetryARefusedWrite()
    {
        final ScriptedSink sink = new ScriptedSink((key, attempt) -> key.equals("MZd:3") ?
            new HistoryRejectedException("HTTP 400") : null);
        try (HistoryBridge bridge = new HistoryBridge(4, 64, sink, FAST, LONG_DRAIN))
        {
            call(bridge, 1, "MZd");
            awaitDrained(bridge);
            assertEquals(1, sink.attempts("MZd:3"));
            assertEquals(0, bridge.counters().retried());
            assertEquals(1, bridge.counters().failed());
            assertEquals(ITEMS - 1, bridge.counters().written());
            assertEquals(1, sink.finalizations.get(0).failed());
        }
    }

    @Test
    void finalizesAfterTheDrainTimeoutWhenItemsAreStuck()
    {
        final ScriptedSink sink = new ScriptedSink((key, attempt) -> key.equals("MZe:1") ? new IOException("x") : null);
        try (HistoryBridge bridge = new HistoryBridge(4, 64, sink, new RetryPolicy(1_000_000, Duration.ofMillis(1)),
            Duration.ofMillis(50)))
        {
            call(bridge, 3, "MZe");
            awaitDrained(bridge);
            assertEquals(List.of(0L), sink.items.stream().map(HistoryItem::seq).toList());
            final Finalization end = sink.finalizations.get(0);
            assertEquals(ITEMS - 1, end.failed(), "the stuck item and the ones behind it");
            assertEquals(0, end.missing());
            assertEquals(1, end.delivered());
            assertEquals(ITEMS - 1, bridge.counters().failed());
            assertTrue(bridge.counters().retried() > 0);
        }
    }

    @Test
    void overflowIsCountedWhileTheWorkerIsStuckAndTheProducerNeverWaits() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final ScriptedSink sink = new ScriptedSink((key, attempt) -> null, release);
        try (HistoryBridge bridge = new HistoryBridge(2, 16, sink, FAST, LONG_DRAIN))
        {
            bridge.callStarted(0, new CallStart("MZf", "", "", "", Map.of()), "MZf", 1);
            // The worker takes item 0 and blocks inside the sink: from here on it takes nothing from the queue.
            assertTrue(sink.firstWriteEntered.await(60, TimeUnit.SECONDS));
            for (int i = 0; i < 40; i++)
            {
                bridge.command(0, new Command.SendAssistantMessage("MZf", 1, 1, "reply " + i, false));
            }
            bridge.callEnded(0, "stop", 2);
            // The producer (this thread) got here with the worker still stuck: every offer returned at once.
            assertEquals(1, release.getCount());
            assertEquals(1 + 16, bridge.counters().queued());
            assertEquals(40 - 16, bridge.counters().dropped());
            assertEquals(0, bridge.counters().written());

            release.countDown();
            awaitDrained(bridge);
            assertEquals(17, sink.items.size());
            for (int seq = 0; seq < 17; seq++)
            {
                assertEquals(seq, sink.items.get(seq).seq());
            }
            final Finalization end = sink.finalizations.get(0);
            assertEquals(41, end.summary().items());
            assertEquals(24, end.summary().dropped());
            assertEquals(17, end.delivered());
            assertEquals(0, end.failed() + end.missing());
        }
    }

    @Test
    void aCallWhoseWritesFailDoesNotHoldUpTheOthers()
    {
        final AtomicBoolean healthy = new AtomicBoolean();
        final ScriptedSink sink = new ScriptedSink((key, attempt) ->
            key.startsWith("MZslow:") && !healthy.get() ? new IOException("slow call's writes fail") : null);
        try (HistoryBridge bridge = new HistoryBridge(4, 64, sink, new RetryPolicy(1_000_000, Duration.ofMillis(1)),
            LONG_DRAIN))
        {
            call(bridge, 0, "MZslow");
            call(bridge, 1, "MZfast");
            Await.until("the healthy call finalized", () -> sink.finalizations.size() == 1);
            assertEquals("MZfast", sink.finalizations.get(0).summary().sessionId());
            assertTrue(sink.items.stream().noneMatch(item -> item.sessionId().equals("MZslow")));
            healthy.set(true);
            awaitDrained(bridge);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), sink.items.stream()
                .filter(item -> item.sessionId().equals("MZslow")).map(HistoryItem::seq).toList());
            assertEquals(2, bridge.counters().finalized());
        }
    }

    @Test
    void aSecondEndOfTheSameCallIsIgnored()
    {
        final ScriptedSink sink = new ScriptedSink();
        try (HistoryBridge bridge = new HistoryBridge(2, 64, sink, FAST, LONG_DRAIN))
        {
            call(bridge, 1, "MZg");
            bridge.callEnded(1, "closed", 3_000);
            bridge.command(1, new Command.SendAssistantMessage("MZg", 2, 2, "after the end", false));
            awaitDrained(bridge);
            assertEquals(1, bridge.counters().callsEnded());
            assertEquals(1, sink.finalizations.size());
            assertEquals("stop", sink.finalizations.get(0).summary().endReason());
            assertEquals(ITEMS, sink.items.size());
        }
    }

    @Test
    void closeStopsWithinItsBoundAndCountsWhatIsLeft()
    {
        final ScriptedSink sink = new ScriptedSink((key, attempt) -> new IOException("backend gone"));
        final HistoryBridge bridge = new HistoryBridge(2, 64, sink, new RetryPolicy(1_000_000, Duration.ofMillis(1)),
            LONG_DRAIN);
        bridge.callStarted(0, new CallStart("MZh", "", "", "", Map.of()), "MZh", 1);
        bridge.command(0, new Command.SendTranscript("MZh", 1, "one", true));
        bridge.command(0, new Command.SendTranscript("MZh", 2, "two", true));
        Await.until("the worker is retrying", () -> bridge.counters().retried() > 0);
        bridge.close(Duration.ofMillis(100));
        assertFalse(bridge.thread().isAlive());
        assertTrue(sink.isClosed());
        assertEquals(3, bridge.counters().queued());
        assertEquals(0, bridge.counters().written());
        assertEquals(3, bridge.counters().failed());
        assertEquals(0, bridge.counters().pending());
    }

    @Test
    void backoffDoublesUpToSixtyFourTimes()
    {
        final RetryPolicy policy = new RetryPolicy(20, Duration.ofMillis(10));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(10), policy.delayNanos(1));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(20), policy.delayNanos(2));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(40), policy.delayNanos(3));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(640), policy.delayNanos(7));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(640), policy.delayNanos(19));
    }
}
