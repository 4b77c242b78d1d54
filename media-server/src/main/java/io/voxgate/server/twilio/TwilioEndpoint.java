package io.voxgate.server.twilio;

import java.util.Objects;

import io.netty.channel.Channel;
import io.voxgate.server.assistant.AssistantPreparer;
import io.voxgate.server.pipeline.CallRegistry;
import io.voxgate.server.pipeline.IngressRing;

/**
 * What every Twilio WebSocket of one server shares: the pipeline's ingress ring and session registry, the
 * transport's session table, admission and counters. Creates one {@link TwilioStreamHandler} per connection.
 *
 * <p>Thread-safe: all parts are.
 */
public final class TwilioEndpoint
{
    private final IngressRing ingress;
    private final CallRegistry registry;
    private final TwilioCallTable callTable;
    private final CallAdmission admission;
    private final TwilioCounters counters;
    private final int maxFrameBytes;
    private final AssistantPreparer assistants;
    private final StreamToken streamTokens;

    /**
     * Assembles the endpoint with a fixed set of assistants (the pipeline resolves names; nothing is fetched).
     *
     * @param ingress       where call messages are published.
     * @param registry      where sessions get their index.
     * @param callTable     session index to WebSocket, the pipeline's egress sink.
     * @param admission     open calls and draining.
     * @param counters      transport counters.
     * @param maxFrameBytes the largest message accepted.
     */
    public TwilioEndpoint(
        final IngressRing ingress,
        final CallRegistry registry,
        final TwilioCallTable callTable,
        final CallAdmission admission,
        final TwilioCounters counters,
        final int maxFrameBytes)
    {
        this(ingress, registry, callTable, admission, counters, maxFrameBytes, AssistantPreparer.IMMEDIATE);
    }

    /**
     * Assembles the endpoint.
     *
     * @param ingress       where call messages are published.
     * @param registry      where sessions get their index.
     * @param callTable     session index to WebSocket, the pipeline's egress sink.
     * @param admission     open calls and draining.
     * @param counters      transport counters.
     * @param maxFrameBytes the largest message accepted.
     * @param assistants    prepares each call's assistant before its start is published (may fetch it).
     */
    public TwilioEndpoint(
        final IngressRing ingress,
        final CallRegistry registry,
        final TwilioCallTable callTable,
        final CallAdmission admission,
        final TwilioCounters counters,
        final int maxFrameBytes,
        final AssistantPreparer assistants)
    {
        this(ingress, registry, callTable, admission, counters, maxFrameBytes, assistants, null);
    }

    /**
     * Assembles the endpoint, requiring a stream token on every {@code start} when {@code streamTokens} is given.
     *
     * @param ingress       where call messages are published.
     * @param registry      where sessions get their index.
     * @param callTable     session index to WebSocket, the pipeline's egress sink.
     * @param admission     open calls and draining.
     * @param counters      transport counters.
     * @param maxFrameBytes the largest message accepted.
     * @param assistants    prepares each call's assistant before its start is published (may fetch it).
     * @param streamTokens  checks {@code start}'s {@code token} parameter, or {@code null} when no auth token is
     *                      configured (no token required).
     */
    public TwilioEndpoint(
        final IngressRing ingress,
        final CallRegistry registry,
        final TwilioCallTable callTable,
        final CallAdmission admission,
        final TwilioCounters counters,
        final int maxFrameBytes,
        final AssistantPreparer assistants,
        final StreamToken streamTokens)
    {
        this.streamTokens = streamTokens;
        this.assistants = Objects.requireNonNull(assistants, "assistants");
        this.ingress = Objects.requireNonNull(ingress, "ingress");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.callTable = Objects.requireNonNull(callTable, "callTable");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * A handler for one newly upgraded WebSocket.
     *
     * @return a new handler; add it to that channel's pipeline only.
     */
    public TwilioStreamHandler newStreamHandler()
    {
        return new TwilioStreamHandler(this);
    }

    /**
     * Admits a call's channel on its upgrade, or says why not; counts either way except the refusal, which the
     * caller reports through {@link #refused}.
     *
     * @param channel the upgrading channel.
     * @return {@code null} when admitted, else the refusal.
     */
    public CallOutcome admit(final Channel channel)
    {
        final CallOutcome refusal = admission.tryAdmit(channel);
        if (refusal == null)
        {
            counters.callsAccepted.increment();
        }
        return refusal;
    }

    /**
     * Counts a refused upgrade.
     *
     * @param why the refusal.
     */
    public void refused(final CallOutcome why)
    {
        counters.outcomes.increment(why);
    }

    IngressRing ingress()
    {
        return ingress;
    }

    AssistantPreparer assistants()
    {
        return assistants;
    }

    /** @return the stream token check, or {@code null} when none is required. */
    StreamToken streamTokens()
    {
        return streamTokens;
    }

    CallRegistry registry()
    {
        return registry;
    }

    TwilioCallTable callTable()
    {
        return callTable;
    }

    /** @return open calls and draining. */
    public CallAdmission admission()
    {
        return admission;
    }

    /** @return the transport's counters. */
    public TwilioCounters counters()
    {
        return counters;
    }

    /** @return the largest WebSocket message accepted. */
    public int maxFrameBytes()
    {
        return maxFrameBytes;
    }
}
