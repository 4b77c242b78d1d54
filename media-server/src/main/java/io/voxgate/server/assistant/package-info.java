/**
 * Provider-backed assistants for the media pipeline: each YAML assistant of the assistants directory becomes an
 * {@link io.voxgate.server.pipeline.AssistantBackend} whose calls run the provider layer (ASR, LLM, TTS, tools) of
 * {@code io.voxgate.orchestrator.provider}.
 */
package io.voxgate.server.assistant;
