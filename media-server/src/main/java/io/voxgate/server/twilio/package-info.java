/**
 * Twilio Media Streams transport (protocols.md §1): request signatures, the streaming message reader, the per-call
 * WebSocket handler that publishes into the ingress ring, and the session table through which the pipeline's egress
 * thread writes back to callers.
 */
package io.voxgate.server.twilio;
