/**
 * ITU-T G.711 μ-law and A-law: encode, decode and direct transcoding, bit-exact with the G.191 Software Tool
 * Library, table-driven and allocation-free.
 */
package io.voxgate.codec.g711;
