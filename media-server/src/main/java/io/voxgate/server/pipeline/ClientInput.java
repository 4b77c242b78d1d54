package io.voxgate.server.pipeline;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a client (browser/app) session sends besides audio that the orchestrator must decide on: typed text, the
 * result of a client-side tool, or a request to cancel the current reply. Posted by the transport from its event
 * loop through {@link MediaPipeline#postClientInput} and turned into reducer events on the orchestrator thread.
 */
public sealed interface ClientInput
{
    /**
     * Typed user text ({@code input.text}).
     *
     * @param text the text, non-blank.
     */
    record Text(String text) implements ClientInput
    {
        /**
         * Validates.
         *
         * @param text the text.
         */
        public Text
        {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The result of a client-side tool call ({@code tool.result}).
     *
     * @param callId     the call answered.
     * @param resultJson the result as JSON text.
     * @param error      whether the tool failed.
     */
    record ToolResult(String callId, String resultJson, boolean error) implements ClientInput
    {
        /**
         * Validates.
         *
         * @param callId     call ID.
         * @param resultJson result JSON.
         * @param error      failure flag.
         */
        public ToolResult
        {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(resultJson, "resultJson");
        }
    }

    /** Stop the assistant's current reply ({@code response.cancel}). */
    record Cancel() implements ClientInput
    {
    }

    /**
     * An input with the session it belongs to, as queued for the orchestrator.
     *
     * @param sessionIndex  the session's pipeline index.
     * @param sessionId     its ID, so an input that outlived its session is never applied to the index's next one.
     * @param receivedNanos when the transport received it ({@link System#nanoTime()}).
     * @param input         the input.
     * @param inFlight        the session's count of inputs posted and not yet taken by the orchestrator, which
     *                        decrements it when it takes (or discards) this one.
     */
    record Posted(int sessionIndex, String sessionId, long receivedNanos, ClientInput input, AtomicInteger inFlight)
    {
    }
}
