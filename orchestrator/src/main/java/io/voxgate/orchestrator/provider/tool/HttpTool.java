package io.voxgate.orchestrator.provider.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxgate.orchestrator.provider.config.Template;
import io.voxgate.orchestrator.provider.config.ToolSpec;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.Call;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server-side HTTP tool ({@code url} in its {@link ToolSpec}): sends the call's arguments to the endpoint and
 * answers with the response body.
 *
 * <ul>
 *   <li>{@code GET}: the arguments' top-level fields become query parameters (objects and arrays as JSON text);
 *       other methods send the arguments JSON as the body ({@code application/json}).</li>
 *   <li>{@code {{name}}} in the URL takes the argument of that name, else the call's variable, percent-encoded.</li>
 *   <li>Header values take {@code {{env.NAME}}} from the environment, read once when the tool is built (a missing
 *       variable fails the assistant at start-up, like a missing API key), and {@code {{name}}} from the call's
 *       variables. Header values are secrets: they are never logged and are redacted from error results.</li>
 *   <li>Result: the body when it is JSON, else the body as a JSON string; an empty body gives
 *       {@code {"status":N}}. A non-2xx status, a timeout or an unreachable host throws, which the
 *       {@link ToolRunner} turns into an error result {@code {"error":"..."}}.</li>
 *   <li>The whole exchange is bounded by the tool's {@code timeoutMs} (or the default given at construction); an
 *       interrupt of the calling thread (the runner's cancellation) cancels the HTTP call.</li>
 * </ul>
 *
 * <p><b>Threading:</b> immutable and thread-safe; {@link #call} blocks its (runner) thread until the exchange ends.
 */
public final class HttpTool implements ServerTool
{
    /** Longest part of an error response's body quoted in the error result. */
    static final int ERROR_BODY_CHARS = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final Pattern ENV = Pattern.compile("\\{\\{\\s*env\\.([A-Za-z0-9_]+)\\s*}}");
    private static final int MAX_CONCURRENT_CALLS = 1024;

    private final String name;
    private final String url;
    private final String method;
    private final long timeoutMs;
    private final Map<String, String> headers;
    private final List<ApiKey> secrets;
    private final OkHttpClient client;

    /**
     * Builds a tool from its spec.
     *
     * @param spec             an HTTP tool ({@link ToolSpec#isHttp()}).
     * @param environment      the environment {@code {{env.NAME}}} header references are read from.
     * @param defaultTimeoutMs the timeout when the spec has none (the assistant's {@code toolTimeoutMs}).
     * @param client           the client to call with, from {@link #client}.
     * @throws IllegalArgumentException when the spec is not an HTTP tool or a referenced variable is missing
     *                                  (naming the variable, never a value).
     */
    public HttpTool(final ToolSpec spec, final Map<String, String> environment, final long defaultTimeoutMs,
        final OkHttpClient client)
    {
        if (!spec.isHttp())
        {
            throw new IllegalArgumentException("tool " + spec.name() + " is not an HTTP tool");
        }
        this.name = spec.name();
        this.url = spec.url().strip();
        this.method = spec.method();
        this.timeoutMs = spec.timeoutMs() > 0 ? spec.timeoutMs() : defaultTimeoutMs;
        this.client = client;
        final Map<String, String> resolved = new LinkedHashMap<>();
        final List<ApiKey> keys = new ArrayList<>();
        for (final Map.Entry<String, String> header : spec.headers().entrySet())
        {
            final Matcher matcher = ENV.matcher(header.getValue());
            final StringBuilder value = new StringBuilder();
            while (matcher.find())
            {
                final ApiKey key;
                try
                {
                    key = ApiKey.fromEnvironment(environment, matcher.group(1), true);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("tool " + name + ", header " + header.getKey() + ": " +
                        ex.getMessage(), ex);
                }
                keys.add(key);
                matcher.appendReplacement(value, Matcher.quoteReplacement(key.reveal()));
            }
            matcher.appendTail(value);
            resolved.put(header.getKey(), value.toString());
        }
        this.headers = Map.copyOf(resolved);
        this.secrets = List.copyOf(keys);
    }

    /**
     * The client HTTP tools share: the provider environment's (its connection pool) with a dispatcher on the given
     * executor, so calls of many sessions to one host are not queued behind OkHttp's default of 5 per host.
     *
     * @param shared   the shared client.
     * @param executor where the exchanges run (the provider executor).
     * @return the derived client.
     */
    public static OkHttpClient client(final OkHttpClient shared, final ExecutorService executor)
    {
        final Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
        return shared.newBuilder().dispatcher(dispatcher).build();
    }

    @Override
    public String name()
    {
        return name;
    }

    /**
     * The exchange's bound.
     *
     * @return milliseconds.
     */
    public long timeoutMs()
    {
        return timeoutMs;
    }

    @Override
    public String call(final String argumentsJson, final Map<String, String> variables) throws Exception
    {
        final JsonNode arguments = arguments(argumentsJson);
        final Request request = request(arguments, variables);
        final Call call = client.newCall(request);
        call.timeout().timeout(timeoutMs, TimeUnit.MILLISECONDS);
        final PendingExchange exchange = new PendingExchange();
        call.enqueue(exchange);
        final PendingExchange.Outcome outcome;
        try
        {
            outcome = exchange.await();
        }
        catch (final InterruptedException ex)
        {
            call.cancel();
            throw ex;
        }
        if (null != outcome.failure())
        {
            throw new IOException(describe(outcome.failure(), request.url()), outcome.failure());
        }
        if (outcome.code() < 200 || outcome.code() > 299)
        {
            final String body = outcome.body().strip();
            throw new IOException(redact("HTTP " + outcome.code() + " from " + request.url().host() +
                (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(body.length(), ERROR_BODY_CHARS)))));
        }
        return result(outcome.code(), outcome.body());
    }

    private static JsonNode arguments(final String argumentsJson)
    {
        final JsonNode arguments;
        try
        {
            arguments = JSON.readTree(null == argumentsJson || argumentsJson.isBlank() ? "{}" : argumentsJson);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("arguments are not JSON: " + ex.getOriginalMessage());
        }
        if (!arguments.isObject())
        {
            throw new IllegalArgumentException("arguments must be a JSON object");
        }
        return arguments;
    }

    private Request request(final JsonNode arguments, final Map<String, String> variables)
    {
        final String target = Template.render(url, (variable) ->
        {
            final JsonNode argument = arguments.get(variable);
            final String value = null != argument && argument.isValueNode() ? argument.asText() :
                variables.get(variable);
            return null == value ? null : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        });
        final HttpUrl parsed = HttpUrl.parse(target);
        if (null == parsed)
        {
            throw new IllegalArgumentException("the URL is not valid once its placeholders are filled in");
        }
        final Request.Builder builder = new Request.Builder();
        if ("GET".equals(method))
        {
            final HttpUrl.Builder query = parsed.newBuilder();
            for (final Map.Entry<String, JsonNode> field : arguments.properties())
            {
                final JsonNode value = field.getValue();
                query.addQueryParameter(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
            builder.url(query.build()).get();
        }
        else
        {
            builder.url(parsed).method(method, RequestBody.create(arguments.toString(), JSON_TYPE));
        }
        for (final Map.Entry<String, String> header : headers.entrySet())
        {
            builder.header(header.getKey(), Template.render(header.getValue(), variables));
        }
        return builder.build();
    }

    private String describe(final IOException failure, final HttpUrl target)
    {
        if (failure instanceof InterruptedIOException)
        {
            // OkHttp reports its call timeout as an InterruptedIOException ("timeout").
            return "no answer from " + target.host() + " within " + timeoutMs + " ms";
        }
        if (failure instanceof PendingExchange.BodyTooLargeException)
        {
            return failure.getMessage();
        }
        return redact("cannot reach " + target.host() + ":" + target.port() + ": " + failure.getMessage());
    }

    private String redact(final String text)
    {
        String out = text;
        for (final ApiKey secret : secrets)
        {
            out = secret.redact(out);
        }
        return out;
    }

    private static String result(final int code, final String body) throws JsonProcessingException
    {
        if (body.isBlank())
        {
            return JSON.createObjectNode().put("status", code).toString();
        }
        try
        {
            JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
            return body.strip();
        }
        catch (final JsonProcessingException ex)
        {
            return JSON.writeValueAsString(body);
        }
    }
}
