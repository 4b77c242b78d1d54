/**
 * The media server's configuration: every knob in {@link io.voxgate.server.config.ServerSetting} (one environment
 * variable, one flag, one default, one line each), validated into {@link io.voxgate.server.config.ServerConfig}
 * at start-up.
 */
package io.voxgate.server.config;
