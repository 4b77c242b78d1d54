/**
 * The provider SPI: how the orchestrator's commands reach speech recognisers, language models, synthesizers and
 * speech-to-speech services, and how their results come back as {@link io.voxgate.orchestrator.model.Event}s.
 *
 * <p><b>Roles.</b> The reducer decides; adapters only translate. A provider ({@link LlmProvider},
 * {@link TtsProvider}, {@link AsrProvider}, {@link SpeechToSpeechProvider}) is configured once per assistant and
 * shared by all its calls; {@code open} gives a per-call session that holds the call's connections.
 *
 * <p><b>Threading rules</b> (every adapter obeys them):
 * <ol>
 *   <li>Session methods ({@code start}, {@code synthesize}, {@code audio}, {@code cancel}, {@code close}) are called
 *   by one thread at a time, normally the call's orchestrator thread, and never block on I/O: they hand the work
 *   to the adapter's own threads and return.</li>
 *   <li>Results reach the orchestrator only as events through the call's {@link EventSink}, from any thread
 *   (including the caller's, during a session method). The sink queues; it never re-enters the reducer.</li>
 *   <li>Every event carries the run ID and turn (and step or segment) of the command it answers.</li>
 *   <li>{@code cancel(runId)} is immediate: when it returns no further event of that run is published and the
 *   run's network traffic has been stopped (HTTP call cancelled, WebSocket context cancelled or closed).</li>
 *   <li>Adapters never decide: they do not retry after output was produced, pick fallback lines or change what is
 *   said. Failures become {@code LlmFailed} / {@code TtsFailed} events and the reducer decides.</li>
 * </ol>
 */
package io.voxgate.orchestrator.provider;
