package io.voxgate.orchestrator.provider;

/**
 * A streaming speech recogniser, configured for one assistant.
 *
 * <p>Immutable and shared by all calls of the assistant; thread-safe.
 */
public interface AsrProvider
{
    /**
     * The provider's name as configured (e.g. {@code none}, {@code deepgram}), for logs and metrics.
     *
     * @return the name.
     */
    String name();

    /**
     * The audio the provider wants: the media server feeds the session in this format.
     *
     * @return the format.
     */
    AudioFormat inputFormat();

    /**
     * Opens the provider side of one call; the stream itself starts with {@link AsrSession#start()}.
     *
     * @param call the call.
     * @return the call's session.
     */
    AsrSession open(CallContext call);
}
