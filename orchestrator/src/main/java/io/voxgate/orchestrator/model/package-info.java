/**
 * The orchestrator's vocabulary: {@link io.voxgate.orchestrator.model.Event}s in, {@link
 * io.voxgate.orchestrator.model.Command}s out (sealed interfaces of immutable records), the session states, timer
 * kinds, the assistant's settings and the conversation messages. Everything here is immutable and safe to pass
 * between threads.
 */
package io.voxgate.orchestrator.model;
