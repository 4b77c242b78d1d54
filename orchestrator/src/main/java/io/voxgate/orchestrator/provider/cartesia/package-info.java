/**
 * TTS {@code cartesia}: Cartesia's streaming TTS WebSocket ({@code wss://api.cartesia.ai/tts/websocket}), one
 * connection per call, one context per segment, cancel by context.
 */
package io.voxgate.orchestrator.provider.cartesia;
