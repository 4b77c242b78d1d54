/**
 * WebSocket plumbing shared by the WebSocket adapters (Cartesia, ElevenLabs, Deepgram, OpenAI Realtime): a socket
 * whose incoming frames queue up for one reader thread, and the classification of upgrade and stream failures.
 */
package io.voxgate.orchestrator.provider.websocket;
