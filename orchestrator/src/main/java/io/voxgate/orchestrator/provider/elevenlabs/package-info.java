/**
 * TTS {@code elevenlabs}: ElevenLabs' input-streaming WebSocket ({@code /v1/text-to-speech/{voice}/stream-input}),
 * one socket per segment: init, text with flush, end of sequence.
 */
package io.voxgate.orchestrator.provider.elevenlabs;
