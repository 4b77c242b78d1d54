package io.voxgate.orchestrator.provider;

/**
 * A language model (streaming chat completion with tools), configured for one assistant.
 *
 * <p>Immutable and shared by all calls of the assistant; thread-safe.
 */
public interface LlmProvider
{
    /**
     * The provider's name as configured (e.g. {@code openai}, {@code scripted}), for logs and metrics.
     *
     * @return the name.
     */
    String name();

    /**
     * Opens the provider side of one call. Cheap: connections are made by the first request.
     *
     * @param call the call.
     * @return the call's session.
     */
    LlmSession open(CallContext call);
}
