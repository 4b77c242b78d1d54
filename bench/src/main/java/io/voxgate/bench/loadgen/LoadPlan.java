package io.voxgate.bench.loadgen;

import java.net.URI;

/**
 * What a load run does.
 *
 * @param url             the server's Twilio WebSocket, {@code ws://HOST:PORT/twilio}.
 * @param calls           concurrent calls.
 * @param durationSeconds each call's length: it sends exactly {@code 50 × durationSeconds} media frames.
 * @param rampSeconds     calls are connected evenly over this time (0 = all at once).
 * @param threads         client event loops.
 * @param bargeInEvery    every n-th call talks over each reply (0 = none).
 * @param assistant       the assistant named in {@code start.customParameters}.
 * @param serverPid       the server's process ID for its CPU time, or 0 when not known.
 */
record LoadPlan(URI url, int calls, int durationSeconds, double rampSeconds, int threads, int bargeInEvery,
    String assistant, long serverPid)
{
    /**
     * Validates.
     *
     * @param url             WebSocket URL.
     * @param calls           calls.
     * @param durationSeconds seconds per call.
     * @param rampSeconds     ramp.
     * @param threads         event loops.
     * @param bargeInEvery    barge-in spacing.
     * @param assistant       assistant.
     * @param serverPid       server PID or 0.
     */
    LoadPlan
    {
        if (!"ws".equals(url.getScheme()) || null == url.getHost() || url.getPort() <= 0)
        {
            throw new IllegalArgumentException("--url must be ws://HOST:PORT/path: " + url);
        }
        if (calls < 1 || durationSeconds < 1 || rampSeconds < 0 || threads < 1 || bargeInEvery < 0)
        {
            throw new IllegalArgumentException("calls, duration and threads must be positive, ramp and barge-in " +
                "spacing not negative");
        }
    }

    /**
     * @return media frames each call sends.
     */
    int framesPerCall()
    {
        return durationSeconds * 50;
    }

    /**
     * @param call a call's number from 0.
     * @return whether it talks over the replies.
     */
    boolean bargesIn(final int call)
    {
        return bargeInEvery > 0 && call % bargeInEvery == bargeInEvery - 1;
    }

    /**
     * @return the server's {@code /metrics} on the same host and port, over http.
     */
    URI metricsUrl()
    {
        return URI.create("http://" + url.getHost() + ":" + url.getPort() + "/metrics");
    }
}
