/**
 * Speech-to-speech {@code openai-realtime}: the OpenAI Realtime API over WebSocket (GA event names), G.711 μ-law in
 * and out, barge-in by {@code response.cancel} and {@code conversation.item.truncate}.
 */
package io.voxgate.orchestrator.provider.openai.realtime;
