/**
 * Audio codecs and containers for voice traffic: G.711, base64 and WAV. Every bulk method is allocation-free.
 */
package io.voxgate.codec;
