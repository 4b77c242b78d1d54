package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.ProviderSpec;

/**
 * Creates a provider of one kind from its spec, for one assistant. Called at start-up; bad options fail here.
 *
 * @param <P> the provider kind.
 */
@FunctionalInterface
public interface ProviderFactory<P>
{
    /**
     * Creates the provider.
     *
     * @param spec        its name and options.
     * @param assistant   the assistant it serves (tools, script, variables).
     * @param environment what providers share.
     * @return the provider.
     * @throws IllegalArgumentException for invalid options or a missing key.
     */
    P create(ProviderSpec spec, AssistantConfig assistant, ProviderEnvironment environment);
}
