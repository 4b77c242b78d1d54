/**
 * Mono WAV (RIFF/WAVE) files in PCM16, A-law and μ-law: reading, writing and their format value types. For files
 * and tools, not the media hot path.
 */
package io.voxgate.codec.wav;
