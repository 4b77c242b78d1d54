/**
 * Deepgram live streaming speech recognition over WebSocket ({@code /v1/listen}).
 */
package io.voxgate.orchestrator.provider.deepgram;
