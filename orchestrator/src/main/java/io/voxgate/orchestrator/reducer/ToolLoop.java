package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.TimerKind;

import java.util.List;

/**
 * Tool-call continuation within a turn: executes the calls of an LLM step (server-side through
 * {@link Command.ExecuteTool}, client-side through {@link Command.RequestClientTool}) under one timeout, collects
 * the results, and continues the same run with the next LLM step once every call has answered. A call that does
 * not answer in time is cancelled and answered with an error result, so the model can still say something.
 * Stateless; works on the {@link Session} on its owning thread.
 */
final class ToolLoop
{
    static final String TIMEOUT_RESULT = "{\"error\":\"timeout\"}";

    private ToolLoop()
    {
    }

    static void execute(final Session s, final Run run, final long atMs, final CommandSink sink)
    {
        s.timers.cancel(s.id, TimerKind.RESPONSE, sink);
        long timeoutMs = 0;
        for (final ToolSteps.Entry entry : run.tools.execute(run.step))
        {
            if (entry.clientSide)
            {
                timeoutMs = Math.max(timeoutMs, s.settings.clientToolTimeoutMs());
                sink.accept(new Command.RequestClientTool(s.id, run.id, run.turn, entry.call,
                    s.settings.clientToolTimeoutMs()));
            }
            else
            {
                timeoutMs = Math.max(timeoutMs, s.settings.toolTimeoutMs());
                sink.accept(new Command.ExecuteTool(s.id, run.id, run.turn, entry.call, s.settings.toolTimeoutMs()));
            }
        }
        s.timers.start(s.id, TimerKind.TOOL, atMs + timeoutMs, sink);
    }

    static void result(final Session s, final Run run, final String callId, final String resultJson,
        final boolean clientSide, final long atMs, final CommandSink sink)
    {
        final ToolSteps.Entry entry = run.tools.pendingCall(callId, clientSide);
        if (null == entry)
        {
            s.staleEvents++;
            return;
        }
        entry.result = null == resultJson ? "null" : resultJson;
        continueIfAnswered(s, run, atMs, sink);
    }

    static void timeout(final Session s, final long atMs, final CommandSink sink)
    {
        final Run run = s.run;
        if (null == run)
        {
            s.staleEvents++;
            return;
        }
        for (final ToolSteps.Entry entry : run.tools.pendingEntries())
        {
            sink.accept(new Command.CancelTool(s.id, run.id, run.turn, entry.call.id()));
            entry.result = TIMEOUT_RESULT;
        }
        continueIfAnswered(s, run, atMs, sink);
    }

    static void cancelPending(final Session s, final Run run, final CommandSink sink)
    {
        final List<ToolSteps.Entry> pending = run.tools.pendingEntries();
        for (final ToolSteps.Entry entry : pending)
        {
            sink.accept(new Command.CancelTool(s.id, run.id, run.turn, entry.call.id()));
            entry.executing = false;
        }
    }

    private static void continueIfAnswered(final Session s, final Run run, final long atMs, final CommandSink sink)
    {
        if (run.tools.pending() == 0)
        {
            s.timers.cancel(s.id, TimerKind.TOOL, sink);
            run.step++;
            RunDriver.startLlmStep(s, run, atMs, sink);
        }
        else
        {
            RunDriver.settle(s);
        }
    }
}
