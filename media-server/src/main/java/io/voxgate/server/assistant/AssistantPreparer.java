package io.voxgate.server.assistant;

import java.util.concurrent.CompletableFuture;

/**
 * What a transport calls when a session starts, before it publishes the session's {@code START} to the pipeline:
 * makes sure the requested assistant is loaded (fetching it from the control plane if its cached configuration is
 * missing or stale) and says which assistant the call will actually run.
 *
 * <p>Use (on the channel's event loop; see {@code TwilioStreamHandler#onStart}):
 * <pre>
 * CompletableFuture&lt;String&gt; ready = preparer.prepare(requestedId);
 * if (ready.isDone()) { publishStart(ready.join()); }              // cache hit: same event-loop turn
 * else {
 *     channel.config().setAutoRead(false);                           // hold the socket; queue decoded frames
 *     ready.whenComplete((id, error) -&gt; channel.eventLoop().execute(() -&gt; {
 *         publishStart(null == error ? id : "");                     // "" = the pipeline's default
 *         replayQueuedFrames(); channel.config().setAutoRead(true);
 *     }));
 * }
 * </pre>
 *
 * <p><b>Threading:</b> {@link #prepare} never blocks and may be called from any thread, including a Netty event loop;
 * the future completes on the calling thread (already complete) or on a fetch thread, so continue on your own
 * executor. Implementations are thread-safe.
 */
@FunctionalInterface
public interface AssistantPreparer
{
    /** Resolves at once to the requested ID: for pipelines with a fixed set of assistants (tests, benchmarks). */
    AssistantPreparer IMMEDIATE = CompletableFuture::completedFuture;

    /**
     * Prepares the assistant a session asked for.
     *
     * @param requestedId the assistant the session names ({@code ""} for the default).
     * @return completes (already, on a fresh cache hit) with the ID to put in the session's {@code CallStart}: the
     *     requested one when it is available (fetched, cached or local), otherwise the default assistant's; never
     *     completes exceptionally.
     */
    CompletableFuture<String> prepare(String requestedId);
}
