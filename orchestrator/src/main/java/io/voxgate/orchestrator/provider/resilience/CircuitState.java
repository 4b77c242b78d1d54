package io.voxgate.orchestrator.provider.resilience;

/**
 * The state of a {@link CircuitBreaker}.
 */
public enum CircuitState
{
    /** Requests flow; consecutive failures are counted. */
    CLOSED,
    /** Requests fail fast until the cool-down has passed. */
    OPEN,
    /** One trial request is let through; its outcome closes or re-opens the circuit. */
    HALF_OPEN
}
