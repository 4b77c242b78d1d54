/**
 * HTTP plumbing shared by the HTTP adapters: server-sent events, stream watchdogs, vendor error classification.
 */
package io.voxgate.orchestrator.provider.http;
