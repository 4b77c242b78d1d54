/**
 * The history bridge: every call's transcript items, tool calls and metadata, taken from the orchestrator thread
 * with non-blocking offers and persisted by one background worker (retries with backoff, per-call order,
 * idempotent finalize) to the backend's HTTP API or to JSON-lines files. See {@link
 * io.voxgate.server.history.HistoryBridge} and {@code docs/HISTORY.md}.
 */
package io.voxgate.server.history;
