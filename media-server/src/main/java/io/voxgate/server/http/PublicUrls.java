package io.voxgate.server.http;

import java.net.URI;
import java.util.Locale;

/**
 * The URLs Twilio uses to reach this server, built from the public base URL ({@code PUBLIC_URL}, or
 * {@code http://localhost:PORT} when unset): the Voice webhook, the Media Streams WebSocket, and the exact URLs a
 * request's signature was computed over (Twilio signs the URL it requested, not the one a proxy forwards to us).
 *
 * @param base public base URL without trailing slash, e.g. {@code https://voice.example.com}.
 */
public record PublicUrls(URI base)
{
    /** Path of the Media Streams WebSocket. */
    public static final String STREAM_PATH = "/twilio";

    /** Path of the Voice webhook. */
    public static final String VOICE_PATH = "/twilio/voice";

    /**
     * The base URL with a WebSocket scheme ({@code https} → {@code wss}, {@code http} → {@code ws}).
     *
     * @return e.g. {@code wss://voice.example.com}.
     */
    public String webSocketBase()
    {
        final String scheme = base.getScheme().toLowerCase(Locale.ROOT).equals("https") ? "wss" : "ws";
        return scheme + base.toString().substring(base.getScheme().length());
    }

    /** @return the Media Streams URL to put in TwiML, e.g. {@code wss://voice.example.com/twilio}. */
    public String streamUrl()
    {
        return webSocketBase() + STREAM_PATH;
    }

    /** @return the Voice webhook URL to configure on the Twilio number. */
    public String voiceWebhookUrl()
    {
        return base + VOICE_PATH;
    }

    /**
     * The URL Twilio requested for an HTTP request (what its webhook signature covers).
     *
     * @param requestUri the request's path and query as received.
     * @return the public URL.
     */
    public String httpUrl(final String requestUri)
    {
        return base + requestUri;
    }

    /**
     * The {@code wss://} URL Twilio requested for a WebSocket upgrade (what the upgrade's signature covers).
     *
     * @param requestUri the upgrade request's path and query as received.
     * @return the public WebSocket URL.
     */
    public String webSocketUrl(final String requestUri)
    {
        return webSocketBase() + requestUri;
    }
}
