package io.voxgate.server.twilio;

import io.voxgate.server.pipeline.PublishResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's error reporting: every protocol error is counted, but each kind is logged only once per call (with the
 * call's stream SID), so a peer repeating a mistake 50 times a second cannot flood the log.
 *
 * <p>Not thread-safe: owned by the call's event loop.
 */
final class CallErrorLog
{
    private static final Logger LOG = LoggerFactory.getLogger(TwilioStreamHandler.class);
    private static final long PUBLISH_BUG = Long.MIN_VALUE;

    private final TwilioCounters counters;
    private long logged;

    CallErrorLog(final TwilioCounters counters)
    {
        this.counters = counters;
    }

    /** Counts a protocol error and logs it if it is the first of its kind on this call. */
    void protocolError(final ProtocolError error, final String streamSid, final String detail)
    {
        counters.protocolErrors.increment(error);
        final long bit = 1L << error.ordinal();
        if ((logged & bit) == 0)
        {
            logged |= bit;
            LOG.warn("twilio stream {}: protocol error {} ({}){}", streamSid, error.label(), detail,
                error.isFatal() ? ", closing with " + error.closeStatus() : ", ignored; further ones not logged");
        }
    }

    /** Reports a publish refused for a reason only a transport bug can cause (e.g. a bad session index). */
    void publishFailed(final int result, final String what, final String streamSid)
    {
        if ((logged & PUBLISH_BUG) == 0)
        {
            logged |= PUBLISH_BUG;
            LOG.error("twilio stream {}: publishing {} failed: {}", streamSid, what, PublishResult.name(result));
        }
    }

    /** Reports a session whose end could not be published because the server is shutting down. */
    void endLost(final String streamSid, final int sessionIndex)
    {
        LOG.warn("twilio stream {}: event loop shut down before the end of session {} was published", streamSid,
            sessionIndex);
    }
}
