/**
 * The media pipeline: ingress ring (event loops → DSP → orchestrator), egress ring (orchestrator → encoder →
 * transport) and the built-in assistants. See {@link io.voxgate.server.pipeline.MediaPipeline} for the threads and
 * {@link io.voxgate.server.pipeline.IngressRing} for the transport's boundary.
 */
package io.voxgate.server.pipeline;
