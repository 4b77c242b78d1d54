/**
 * The offline synthesizer {@code freetts}: FreeTTS 1.2.2's {@code kevin16} voice, 16 kHz PCM16, without sound
 * hardware (samples are collected from a custom audio player).
 */
package io.voxgate.orchestrator.provider.freetts;
