package io.voxgate.orchestrator.provider.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.provider.RunPublisher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * One call's executor of {@code ExecuteTool} commands: runs the named {@link ServerTool} on the shared executor and
 * answers with one {@code ToolResult} (an error result for an unknown tool or a failure), unless the call was
 * cancelled ({@code CancelTool}) or its run cancelled first.
 *
 * <p><b>Threading:</b> methods are thread-safe; results are published from the executor's threads.
 */
public final class ToolRunner implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ServerTool> tools;
    private final Map<String, String> variables;
    private final ExecutorService executor;
    private final RunPublisher publisher;
    private final String sessionId;
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();

    /**
     * A runner for one call.
     *
     * @param tools     the tools by name.
     * @param sessionId the call's session ID.
     * @param variables the call's dynamic variables.
     * @param executor  where tools run.
     * @param publisher the call's gate to its sink.
     */
    public ToolRunner(final Map<String, ServerTool> tools, final String sessionId, final Map<String, String> variables,
        final ExecutorService executor, final RunPublisher publisher)
    {
        this.tools = Map.copyOf(tools);
        this.sessionId = sessionId;
        this.variables = variables;
        this.executor = executor;
        this.publisher = publisher;
    }

    /**
     * Starts a tool call; returns at once.
     *
     * @param command the call.
     */
    public void execute(final Command.ExecuteTool command)
    {
        final FutureTask<Void> task = new FutureTask<>(() -> run(command), null);
        // Registered before it runs, so a fast tool finds itself and a cancel always finds it.
        running.put(command.call().id(), task);
        executor.execute(task);
    }

    /**
     * Abandons a tool call: its result is never published.
     *
     * @param callId the call's ID.
     */
    public void cancel(final String callId)
    {
        final Future<?> future = running.remove(callId);
        if (null != future)
        {
            future.cancel(true);
        }
    }

    @Override
    public void close()
    {
        running.values().forEach((future) -> future.cancel(true));
        running.clear();
    }

    private void run(final Command.ExecuteTool command)
    {
        final ServerTool tool = tools.get(command.call().name());
        String result;
        boolean error = false;
        try
        {
            if (null == tool)
            {
                throw new IllegalArgumentException("unknown tool '" + command.call().name() + "'");
            }
            result = tool.call(command.call().argumentsJson(), variables);
        }
        catch (final Exception ex)
        {
            error = true;
            result = JSON.createObjectNode().put("error", String.valueOf(ex.getMessage())).toString();
        }
        if (null != running.remove(command.call().id()))
        {
            publisher.publish(command.runId(), new Event.ToolResult(sessionId, publisher.nowMs(), command.runId(),
                command.turn(), command.call().id(), result, error));
        }
    }
}
