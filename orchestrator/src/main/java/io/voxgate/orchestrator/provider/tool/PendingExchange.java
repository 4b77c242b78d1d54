package io.voxgate.orchestrator.provider.tool;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One asynchronous HTTP exchange of an {@link HttpTool}, awaited by the tool's thread: the callback reads the whole
 * body on the dispatcher's thread (inside the call's timeout) and hands over the status and body, or the failure. A
 * body over {@link #MAX_BODY_BYTES} is a failure: it would go into the model's context whole, and a tool endpoint
 * that answers with megabytes is broken, not helpful.
 *
 * <p><b>Threading:</b> completed once by OkHttp's dispatcher thread, awaited by the tool's thread.
 */
final class PendingExchange implements Callback
{
    /** The largest response body a tool may answer with. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    /**
     * What came back.
     *
     * @param code    the HTTP status, or 0 after a failure.
     * @param body    the body, empty after a failure.
     * @param failure the failure, or {@code null}.
     */
    record Outcome(int code, String body, IOException failure)
    {
    }

    /** The endpoint answered with more than {@link #MAX_BODY_BYTES}; the message says so as the tool's error. */
    static final class BodyTooLargeException extends IOException
    {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(final String message)
        {
            super(message);
        }
    }

    @Override
    public void onResponse(final Call call, final Response response)
    {
        try (response)
        {
            final ResponseBody body = response.body();
            if (null != body && body.source().request(MAX_BODY_BYTES + 1L))
            {
                outcome.complete(new Outcome(0, "", new BodyTooLargeException("response body over " +
                    MAX_BODY_BYTES / 1024 + " KiB from " + call.request().url().host())));
                return;
            }
            outcome.complete(new Outcome(response.code(), null == body ? "" : body.string(), null));
        }
        catch (final IOException ex)
        {
            outcome.complete(new Outcome(0, "", ex));
        }
    }

    @Override
    public void onFailure(final Call call, final IOException failure)
    {
        outcome.complete(new Outcome(0, "", failure));
    }

    /**
     * Waits for the exchange to end (the call's timeout bounds it).
     *
     * @return the outcome.
     * @throws InterruptedException when the waiting thread is interrupted (the caller then cancels the call).
     */
    Outcome await() throws InterruptedException
    {
        try
        {
            return outcome.get();
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("an exchange never completes exceptionally", ex);
        }
    }
}
