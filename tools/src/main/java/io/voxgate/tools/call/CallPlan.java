package io.voxgate.tools.call;

import java.time.Duration;
import java.util.Map;

/**
 * What a simulated call does: where it calls, who speaks, with which stream parameters, and when it hangs up.
 *
 * @param url         the server's Twilio WebSocket, {@code ws://HOST:PORT/twilio}.
 * @param caller      the caller's voice.
 * @param parameters  the {@code start} message's {@code customParameters}.
 * @param hangupAfter once the caller has said everything, hang up after this much silence on both sides.
 * @param maxDuration hang up after this long whatever happens.
 */
public record CallPlan(
    String url, CallerVoice caller, Map<String, String> parameters, Duration hangupAfter, Duration maxDuration)
{
    /**
     * Checks the plan.
     */
    public CallPlan
    {
        parameters = Map.copyOf(parameters);
        if (hangupAfter.isNegative() || hangupAfter.isZero() || maxDuration.isNegative() || maxDuration.isZero())
        {
            throw new IllegalArgumentException("hang-up and maximum durations must be positive");
        }
    }
}
