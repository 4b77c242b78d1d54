/**
 * Per-frame signal levels (RMS and peak dBFS) of PCM16 audio, allocation-free.
 */
package io.voxgate.dsp.level;
