/**
 * Voice-activity detection for 8 and 16 kHz PCM16 streams: {@link io.voxgate.dsp.vad.VoiceActivityDetector}, one
 * instance per stream, and its {@link io.voxgate.dsp.vad.VadMode}s.
 */
package io.voxgate.dsp.vad;
