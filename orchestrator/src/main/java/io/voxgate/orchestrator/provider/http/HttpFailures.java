package io.voxgate.orchestrator.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Classifies HTTP failures into {@link ProviderException}s with redacted messages: status codes by kind, the
 * vendor's error JSON ({@code {"error":{"message","type","code"}}}, OpenAI's shape, also used by most compatible
 * servers) as the message, and I/O exceptions by when they happened.
 */
public final class HttpFailures
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4096;

    private HttpFailures()
    {
    }

    /**
     * The failure of a non-2xx response.
     *
     * @param response the response (its body is read, up to 4 KiB).
     * @param key      the key to redact.
     * @return the failure.
     */
    public static ProviderException fromResponse(final Response response, final ApiKey key)
    {
        final int status = response.code();
        final ErrorKind kind = status == 401 || status == 403 ? ErrorKind.AUTH :
            status == 429 ? ErrorKind.RATE_LIMITED :
            status >= 500 ? ErrorKind.SERVER : ErrorKind.CLIENT;
        return new ProviderException(kind, key.redact("HTTP " + status + describe(response.body())));
    }

    /**
     * The failure of an I/O exception.
     *
     * @param ex              the exception.
     * @param responseStarted whether response headers had arrived (a break then is a disconnect).
     * @param key             the key to redact.
     * @return the failure.
     */
    public static ProviderException fromIo(final IOException ex, final boolean responseStarted, final ApiKey key)
    {
        final boolean unreachable = ex instanceof ConnectException || ex instanceof UnknownHostException ||
            ex instanceof NoRouteToHostException;
        final ErrorKind kind = !responseStarted && unreachable ? ErrorKind.CONNECT :
            responseStarted ? ErrorKind.DISCONNECT : ErrorKind.CONNECT;
        return new ProviderException(kind, key.redact(ex.getClass().getSimpleName() + ": " + ex.getMessage()));
    }

    private static String describe(final ResponseBody body)
    {
        if (null == body)
        {
            return "";
        }
        final String text;
        try
        {
            body.source().request(MAX_BODY);
            text = body.source().getBuffer().readUtf8(Math.min(MAX_BODY, body.source().getBuffer().size()));
        }
        catch (final IOException | RuntimeException ex)
        {
            return "";
        }
        try
        {
            final JsonNode error = JSON.readTree(text).path("error");
            if (error.isObject())
            {
                final String code = error.path("code").isNull() ? "" : error.path("code").asText("");
                final String type = error.path("type").asText("");
                final String label = code.isEmpty() ? type : code;
                return (label.isEmpty() ? "" : " " + label) + ": " + error.path("message").asText("");
            }
            if (error.isTextual())
            {
                return ": " + error.asText();
            }
        }
        catch (final IOException ex)
        {
            // Not JSON: fall through to the raw text.
        }
        return text.isBlank() ? "" : ": " + text.strip();
    }
}
