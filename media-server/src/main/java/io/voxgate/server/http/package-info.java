/**
 * HTTP routes of the media server: health, readiness, Prometheus metrics, the Twilio Voice webhook (TwiML) and the
 * signed {@code /twilio} WebSocket upgrade.
 */
package io.voxgate.server.http;
