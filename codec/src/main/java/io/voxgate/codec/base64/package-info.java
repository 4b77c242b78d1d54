/**
 * Strict, allocation-free RFC 4648 base64 between ASCII and Agrona buffers, for media payloads on the hot path.
 */
package io.voxgate.codec.base64;
