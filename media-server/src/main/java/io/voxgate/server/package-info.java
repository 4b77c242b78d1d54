/**
 * The Netty media server: HTTP/WebSocket endpoints, telephony and browser transports, the media rings.
 */
package io.voxgate.server;
