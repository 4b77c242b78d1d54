package io.voxgate.server.history;

import java.io.IOException;
import java.time.Duration;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The backend's history API over HTTP ({@code docs/HISTORY.md}):
 * <pre>
 *   POST {BACKEND_URL}/calls/{sessionId}/items      Idempotency-Key: {sessionId}:{seq}       body: one item
 *   POST {BACKEND_URL}/calls/{sessionId}/finalize   Idempotency-Key: {sessionId}:finalize    body: finalization
 * </pre>
 * A 2xx answer (or 409, "already have it") is success; 408, 425, 429, 5xx and I/O errors (refused connection,
 * timeout, lost response) are retried by the worker; any other answer is a refusal. OkHttp's own silent retry is
 * off, so every repeat is the worker's and carries the same key: a backend that stores each key once stores each
 * item exactly once.
 *
 * <p><b>Threading:</b> the history worker's; OkHttp's calls are synchronous on it.
 */
public final class HttpHistorySink implements HistorySink
{
    /** The header that makes a repeated write harmless. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int CONFLICT = 409;

    private final HttpUrl base;
    private final OkHttpClient client;

    /**
     * @param backendUrl the backend's base URL ({@code BACKEND_URL}), http or https.
     * @param timeout    bound of one request, connect to last byte ({@code BACKEND_TIMEOUT_SEC}).
     * @throws IllegalArgumentException if the URL is not an http(s) URL.
     */
    public HttpHistorySink(final String backendUrl, final Duration timeout)
    {
        final HttpUrl url = HttpUrl.parse(backendUrl);
        if (null == url)
        {
            throw new IllegalArgumentException("not an http(s) URL: " + backendUrl);
        }
        this.base = url;
        this.client = new OkHttpClient.Builder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .retryOnConnectionFailure(false)
            .build();
    }

    @Override
    public void write(final HistoryItem item) throws IOException
    {
        post(url(item.sessionId(), "items"), item.sessionId() + ":" + item.seq(), HistoryJson.item(item));
    }

    @Override
    public void finalizeCall(final Finalization end) throws IOException
    {
        final String sessionId = end.summary().sessionId();
        post(url(sessionId, "finalize"), sessionId + ":finalize", HistoryJson.finalization(end));
    }

    @Override
    public String describe()
    {
        return "backend " + base;
    }

    @Override
    public void close()
    {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private HttpUrl url(final String sessionId, final String action)
    {
        return base.newBuilder().addPathSegment("calls").addPathSegment(sessionId).addPathSegment(action).build();
    }

    private void post(final HttpUrl url, final String key, final String json) throws IOException
    {
        final Request request = new Request.Builder()
            .url(url)
            .header(IDEMPOTENCY_KEY, key)
            .post(RequestBody.create(json, JSON))
            .build();
        try (Response response = client.newCall(request).execute())
        {
            final int code = response.code();
            if (response.isSuccessful() || code == CONFLICT)
            {
                return;
            }
            if (code == 408 || code == 425 || code == 429 || code >= 500)
            {
                throw new IOException("HTTP " + code + " from " + url);
            }
            throw new HistoryRejectedException("HTTP " + code + " from " + url + " for " + key);
        }
    }
}
