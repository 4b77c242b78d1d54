/**
 * Resilience shared by every adapter: timeouts, retries with backoff and jitter before any output, circuit breakers
 * per endpoint, fallback chains per assistant, and the metrics hooks that report them.
 */
package io.voxgate.orchestrator.provider.resilience;
