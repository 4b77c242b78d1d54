package io.voxgate.orchestrator.provider.tool;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.RecordingSink;
import io.voxgate.orchestrator.provider.RunPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ToolRunnerTest
{
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stop()
    {
        executor.shutdownNow();
    }

    @Test
    void checkAvailabilityAnswersWithItsResult()
    {
        final ToolRunner runner = runner(Map.of(CheckAvailabilityTool.NAME, new CheckAvailabilityTool()));
        runner.execute(execute("c1", "check_availability", "{\"day\":\"Friday\"}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c1",
            "{\"day\":\"friday\",\"available\":true,\"rooms\":3,\"message\":\"We have 3 rooms available on " +
            "friday.\"}", false), sink.awaitEvent((e) -> true));
        runner.execute(execute("c2", "check_availability", "{\"day\":\"saturday\"}"));
        final Event.ToolResult full = assertInstanceOf(Event.ToolResult.class, sink.awaitEvent((e) -> true));
        assertEquals("{\"day\":\"saturday\",\"available\":false,\"rooms\":0,\"message\":\"I am sorry, we are fully " +
            "booked on saturday.\"}", full.resultJson());
    }

    @Test
    void unknownToolAndBadArgumentsAreErrorResults()
    {
        final ToolRunner runner = runner(Map.of(CheckAvailabilityTool.NAME, new CheckAvailabilityTool()));
        runner.execute(execute("c1", "teleport", "{}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c1", "{\"error\":\"unknown tool 'teleport'\"}", true),
            sink.awaitEvent((e) -> true));
        runner.execute(execute("c2", "check_availability", "{}"));
        assertEquals(new Event.ToolResult("s", 0, 3, 1, "c2", "{\"error\":\"missing argument 'day'\"}", true),
            sink.awaitEvent((e) -> true));
    }

    @Test
    void cancelledCallPublishesNothingEvenWhenItFinishes() throws InterruptedException
    {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ServerTool slow = new ServerTool()
        {
            @Override
            public String name()
            {
                return "slow";
            }

            @Override
            public String call(final String argumentsJson, final Map<String, String> variables)
            {
                entered.countDown();
                // A tool that ignores the interrupt of its cancellation and finishes anyway.
                boolean released = false;
                while (!released)
                {
                    try
                    {
                        release.await();
                        released = true;
                    }
                    catch (final InterruptedException ignored)
                    {
                        released = false;
                    }
                }
                return "{\"late\":true}";
            }
        };
        final ToolRunner runner = runner(Map.of("slow", slow, CheckAvailabilityTool.NAME,
            new CheckAvailabilityTool()));
        runner.execute(execute("c1", "slow", "{}"));
        entered.await();
        runner.cancel("c1");
        release.countDown();
        runner.execute(execute("c2", "check_availability", "{\"day\":\"monday\"}"));
        assertEquals("c2", ((Event.ToolResult)sink.awaitEvent((e) -> true)).callId());
        executor.shutdown();
        assertEquals(true, executor.awaitTermination(20, TimeUnit.SECONDS));
        assertEquals(1, sink.drain().size(), "only c2: " + sink.events());
    }

    private ToolRunner runner(final Map<String, ServerTool> tools)
    {
        return new ToolRunner(tools, "s", Map.of(), executor, new RunPublisher(sink));
    }

    private static Command.ExecuteTool execute(final String id, final String name, final String arguments)
    {
        return new Command.ExecuteTool("s", 3, 1, new ToolCall(id, name, arguments), 5000);
    }
}
