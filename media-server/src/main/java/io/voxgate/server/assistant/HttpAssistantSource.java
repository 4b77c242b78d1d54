package io.voxgate.server.assistant;

import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.AssistantConfigReader;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Assistants from the control plane: {@code GET {BACKEND_URL}/assistants/{id}} answered with the assistant document
 * (the YAML file's schema) as JSON ({@code application/json}) or YAML (any other type); 404 means no such assistant.
 * The whole exchange is bounded by {@code BACKEND_TIMEOUT_SEC} (OkHttp's call timeout). See docs/CONTROL_PLANE.md.
 *
 * <p>Thread-safe; {@link #fetch} blocks, so it runs on the {@link AssistantDirectory}'s fetch thread. Close it at
 * shutdown to release the client's threads and connections.
 */
public final class HttpAssistantSource implements AssistantConfigSource, AutoCloseable
{
    /** Largest assistant document accepted (prompts and scripts are text; anything bigger is a mistake). */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpUrl base;
    private final OkHttpClient http;
    private final AssistantConfigReader reader = new AssistantConfigReader();

    /**
     * @param baseUrl the backend's base URL, e.g. {@code https://backend.example.com/api}.
     * @param timeout how long one fetch may take, connect to last byte.
     * @throws IllegalArgumentException when the URL is not an http(s) URL.
     */
    public HttpAssistantSource(final String baseUrl, final Duration timeout)
    {
        this.base = Objects.requireNonNull(HttpUrl.parse(baseUrl), () -> "not an http(s) URL: " + baseUrl);
        this.http = new OkHttpClient.Builder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .retryOnConnectionFailure(false)
            .build();
    }

    @Override
    public AssistantConfig fetch(final String id) throws AssistantFetchException
    {
        final HttpUrl url = base.newBuilder().addPathSegment("assistants").addPathSegment(id).build();
        final Request request = new Request.Builder().url(url)
            .header("Accept", "application/json, application/yaml;q=0.9").get().build();
        try (Response response = http.newCall(request).execute())
        {
            if (response.code() == 404)
            {
                return null;
            }
            if (!response.isSuccessful())
            {
                throw new AssistantFetchException(AssistantFetchOutcome.ERROR_STATUS,
                    "GET " + url + " answered HTTP " + response.code(), null);
            }
            return parse(id, url.toString(), response.body());
        }
        catch (final InterruptedIOException ex)
        {
            throw new AssistantFetchException(AssistantFetchOutcome.TIMEOUT, "GET " + url + " timed out", ex);
        }
        catch (final IOException ex)
        {
            throw new AssistantFetchException(AssistantFetchOutcome.UNREACHABLE, "GET " + url + " failed: " + ex, ex);
        }
    }

    private AssistantConfig parse(final String id, final String source, final ResponseBody body)
        throws IOException, AssistantFetchException
    {
        final BufferedSource in = body.source();
        if (in.request(MAX_BODY_BYTES + 1L))
        {
            throw new AssistantFetchException(AssistantFetchOutcome.MALFORMED, source + ": more than " +
                MAX_BODY_BYTES + " bytes", null);
        }
        final byte[] bytes = in.getBuffer().readByteArray();
        final String type = null == body.contentType() ? "" :
            body.contentType().subtype().toLowerCase(Locale.ROOT);
        final AssistantConfig config;
        try
        {
            config = type.contains("json") ? reader.readJson(new ByteArrayInputStream(bytes), source) :
                reader.read(new ByteArrayInputStream(bytes), source);
        }
        catch (final IllegalArgumentException | UncheckedIOException ex)
        {
            throw new AssistantFetchException(AssistantFetchOutcome.MALFORMED, ex.getMessage(), ex);
        }
        if (!config.id().equals(id))
        {
            throw new AssistantFetchException(AssistantFetchOutcome.MALFORMED, source + ": id: '" + config.id() +
                "' is not the assistant asked for ('" + id + "')", null);
        }
        return config;
    }

    @Override
    public String describe()
    {
        return base.newBuilder().addPathSegment("assistants").build().toString();
    }

    @Override
    public void close()
    {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
