package io.voxgate.orchestrator.provider.openai;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.LlmProvider;
import io.voxgate.orchestrator.provider.LlmSession;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.config.ToolSpec;
import io.voxgate.orchestrator.provider.http.HttpFailures;
import io.voxgate.orchestrator.provider.http.SseReader;
import io.voxgate.orchestrator.provider.http.StreamWatchdog;
import io.voxgate.orchestrator.provider.resilience.ErrorKind;
import io.voxgate.orchestrator.provider.resilience.ProviderException;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.resilience.Resilience;
import io.voxgate.orchestrator.provider.resilience.CancelSignal;
import io.voxgate.orchestrator.provider.secret.ApiKey;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * LLM {@code openai}: OpenAI-compatible Chat Completions with {@code stream: true} over server-sent events
 * ({@code POST {baseUrl}/chat/completions}), so the same adapter serves OpenAI, Azure-compatible gateways, Groq,
 * Ollama, vLLM, llama.cpp server and LM Studio.
 *
 * <p>Per request: {@code LlmDelta} per content delta as it arrives; tool calls accumulated by index and published
 * complete ({@code LlmToolCall}, in index order) when the stream ends; then {@code LlmDone}. A stream that ends
 * after its {@code finish_reason} but before {@code [DONE]} (usage chunk lost) still completes. Failures are
 * classified ({@link ErrorKind}), retried by {@link Resilience} only before the first delta, and end in one
 * {@code LlmFailed} whose reason never contains the API key.
 *
 * <p>Each request runs on the shared executor with a blocking OkHttp call; {@code cancel(runId)} cancels the
 * OkHttp call at once (closing its stream) and no event of the run is published afterwards.
 *
 * <p>Immutable and thread-safe.
 */
public final class OpenAiChatLlm implements LlmProvider
{
    /** The registry name. */
    public static final String NAME = "openai";
    /** The default base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private static final MediaType JSON = MediaType.get("application/json");

    private final String baseUrl;
    private final String model;
    private final Double temperature;
    private final ApiKey key;
    private final List<ToolSpec> tools;
    private final OkHttpClient client;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Resilience resilience;

    /**
     * An adapter.
     *
     * @param baseUrl     the API base, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}.
     * @param model       the model.
     * @param temperature the sampling temperature, or {@code null} for the server's default.
     * @param key         the API key ({@link ApiKey#NONE} for local servers).
     * @param tools       the tools offered to the model.
     * @param http        the shared client; this adapter derives one with its connect timeout.
     * @param executor    where requests run.
     * @param scheduler   where watchdogs run.
     * @param resilience  timeouts, retries, circuit breaker, metrics.
     */
    public OpenAiChatLlm(final String baseUrl, final String model, final Double temperature, final ApiKey key,
        final List<ToolSpec> tools, final OkHttpClient http, final ExecutorService executor,
        final ScheduledExecutorService scheduler, final Resilience resilience)
    {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.model = model;
        this.temperature = temperature;
        this.key = key;
        this.tools = List.copyOf(tools);
        this.executor = executor;
        this.scheduler = scheduler;
        this.resilience = resilience;
        // The watchdog owns first-byte and idle timeouts; the socket timeout is only a backstop.
        final long backstopMs = resilience.timeouts().firstByteMs() + resilience.timeouts().idleMs();
        this.client = http.newBuilder()
            .connectTimeout(resilience.timeouts().connectMs(), TimeUnit.MILLISECONDS)
            .readTimeout(backstopMs, TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build();
    }

    @Override
    public String name()
    {
        return resilience.provider();
    }

    @Override
    public String toString()
    {
        return "OpenAiChatLlm[" + baseUrl + ", " + model + ", " + key + "]";
    }

    @Override
    public LlmSession open(final CallContext call)
    {
        return new Session(call.sessionId(), new RunPublisher(call.events()));
    }

    private final class Session implements LlmSession
    {
        private final String sessionId;
        private final RunPublisher publisher;
        private final Map<Long, CancelSignal> live = new ConcurrentHashMap<>();

        Session(final String sessionId, final RunPublisher publisher)
        {
            this.sessionId = sessionId;
            this.publisher = publisher;
        }

        @Override
        public void start(final Command.StartLlm command)
        {
            final CancelSignal cancel = new CancelSignal();
            live.put(command.runId(), cancel);
            executor.execute(() -> run(command, cancel));
        }

        @Override
        public void cancel(final long runId)
        {
            publisher.cancel(runId);
            final CancelSignal cancel = live.remove(runId);
            if (null != cancel)
            {
                cancel.cancel();
            }
        }

        @Override
        public void close()
        {
            publisher.close();
            live.values().forEach(CancelSignal::cancel);
            live.clear();
        }

        private void run(final Command.StartLlm command, final CancelSignal cancel)
        {
            try
            {
                resilience.execute((output) -> attempt(command, cancel, output), cancel);
            }
            catch (final ProviderException ex)
            {
                if (ex.kind() != ErrorKind.CANCELLED)
                {
                    publisher.publish(command.runId(), new Event.LlmFailed(sessionId, publisher.nowMs(),
                        command.runId(), command.turn(), command.step(), ex.reason()));
                }
            }
            finally
            {
                live.remove(command.runId(), cancel);
            }
        }

        private void attempt(final Command.StartLlm command, final CancelSignal cancel,
            final Resilience.Output output) throws ProviderException
        {
            final Request.Builder request = new Request.Builder()
                .url(baseUrl + "/chat/completions")
                .header("Accept", "text/event-stream")
                .post(RequestBody.create(ChatRequestBody.of(model, temperature, command.context(), tools), JSON));
            if (key.isPresent())
            {
                request.header("Authorization", "Bearer " + key.reveal());
            }
            final Call call = client.newCall(request.build());
            cancel.onCancel(call::cancel);
            final StreamWatchdog watchdog = new StreamWatchdog(scheduler, resilience.timeouts(), call::cancel);
            final ChatStreamDecoder decoder = new ChatStreamDecoder();
            final long startNanos = System.nanoTime();
            boolean responded = false;
            watchdog.start();
            try (Response response = call.execute())
            {
                responded = true;
                if (!response.isSuccessful())
                {
                    throw HttpFailures.fromResponse(response, key);
                }
                final ResponseBody body = response.body();
                final SseReader events = new SseReader(body.source(), watchdog::progress);
                boolean first = true;
                for (String data = events.next(); null != data; data = events.next())
                {
                    if ("[DONE]".equals(data.strip()))
                    {
                        complete(command, decoder, output);
                        return;
                    }
                    final String text = decoder.accept(data);
                    if (null != text)
                    {
                        if (first)
                        {
                            first = false;
                            resilience.metrics().latency(name(), ProviderMetrics.Latency.LLM_TTFT,
                                System.nanoTime() - startNanos);
                        }
                        output.produced();
                        publisher.publish(command.runId(), new Event.LlmDelta(sessionId, publisher.nowMs(),
                            command.runId(), command.turn(), command.step(), text));
                    }
                }
                if (null == decoder.finishReason())
                {
                    throw new ProviderException(ErrorKind.DISCONNECT, "stream ended before finish_reason");
                }
                complete(command, decoder, output);
            }
            catch (final IOException ex)
            {
                if (cancel.isCancelled())
                {
                    throw new ProviderException(ErrorKind.CANCELLED, "cancelled");
                }
                if (null != decoder.finishReason())
                {
                    // Only the usage chunk or [DONE] was lost: the answer itself is complete.
                    complete(command, decoder, output);
                    return;
                }
                final ErrorKind expired = watchdog.expired();
                if (expired == ErrorKind.FIRST_BYTE_TIMEOUT)
                {
                    throw new ProviderException(expired, "no first byte within " +
                        resilience.timeouts().firstByteMs() + " ms");
                }
                if (expired == ErrorKind.IDLE_TIMEOUT)
                {
                    throw new ProviderException(expired, "stream idle for " + resilience.timeouts().idleMs() +
                        " ms");
                }
                throw HttpFailures.fromIo(ex, responded, key);
            }
            finally
            {
                watchdog.stop();
            }
        }

        private void complete(final Command.StartLlm command, final ChatStreamDecoder decoder,
            final Resilience.Output output) throws ProviderException
        {
            final List<ToolCall> calls = decoder.toolCalls();
            if (!calls.isEmpty())
            {
                output.produced();
            }
            for (final ToolCall call : calls)
            {
                publisher.publish(command.runId(), new Event.LlmToolCall(sessionId, publisher.nowMs(),
                    command.runId(), command.turn(), command.step(), call));
            }
            if (decoder.promptTokens() >= 0)
            {
                resilience.metrics().tokens(name(), decoder.promptTokens(), decoder.completionTokens());
            }
            publisher.publish(command.runId(), new Event.LlmDone(sessionId, publisher.nowMs(), command.runId(),
                command.turn(), command.step()));
        }
    }
}
