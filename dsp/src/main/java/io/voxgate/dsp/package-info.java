/**
 * Signal processing for voice frames: resampling, voice activity detection and level metering.
 * Pure Java, no I/O, no allocation per frame.
 */
package io.voxgate.dsp;
