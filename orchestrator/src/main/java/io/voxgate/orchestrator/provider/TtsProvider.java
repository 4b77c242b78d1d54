package io.voxgate.orchestrator.provider;

/**
 * A speech synthesizer, configured for one assistant.
 *
 * <p>Immutable and shared by all calls of the assistant; thread-safe.
 */
public interface TtsProvider
{
    /**
     * The provider's name as configured (e.g. {@code freetts}, {@code openai}), for logs and metrics.
     *
     * @return the name.
     */
    String name();

    /**
     * Opens the provider side of one call. Where the vendor allows, the session keeps one connection for the call
     * and reuses it for every segment.
     *
     * @param call the call.
     * @return the call's session.
     */
    TtsSession open(CallContext call);
}
