package io.voxgate.server.assistant;

import io.voxgate.orchestrator.provider.config.AssistantConfig;
import io.voxgate.orchestrator.provider.config.AssistantConfigReader;
import io.voxgate.orchestrator.provider.registry.BuiltInProviders;
import io.voxgate.orchestrator.provider.registry.ProviderEnvironment;
import io.voxgate.orchestrator.provider.registry.ProviderRegistry;
import io.voxgate.orchestrator.provider.resilience.ProviderMetrics;
import io.voxgate.orchestrator.provider.tool.CheckAvailabilityTool;
import io.voxgate.orchestrator.provider.tool.ServerTool;
import io.voxgate.server.pipeline.AssistantBackend;
import io.voxgate.server.pipeline.ParrotAssistant;
import io.voxgate.server.pipeline.ToneAssistant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The assistants a server offers: the built-in {@code parrot} and {@code tone}, and one {@link ProviderAssistant} per
 * {@code ID.yaml} of the assistants directory, each selected by its ID. Provider choices are checked and built at
 * start-up (unknown provider names, bad options and missing API keys fail here, naming the file), together with the
 * environment their adapters share (I/O threads, HTTP client, circuit breakers, metrics, in-process tools).
 *
 * <p>Built on the start-up thread; afterwards immutable. {@link #close()} at shutdown, after the pipeline stopped,
 * releases the providers' threads and connections.
 */
public final class AssistantCatalog implements AutoCloseable
{
    private final Path directory;
    private final List<AssistantBackend> backends;
    private final ProviderEnvironment environment;

    private AssistantCatalog(final Path directory, final List<AssistantBackend> backends,
        final ProviderEnvironment environment)
    {
        this.directory = directory;
        this.backends = List.copyOf(backends);
        this.environment = environment;
    }

    /**
     * Loads every assistant of a directory (none when it does not exist) next to the built-ins, with the process's
     * provider environment ({@link ProviderEnvironment#system}) and the in-process tools voxgate ships.
     *
     * @param directory the assistants directory, e.g. {@code config/assistants}.
     * @param metrics   where providers report requests, errors, circuit states and latencies.
     * @return the catalog; close it at shutdown.
     * @throws IllegalArgumentException for an invalid assistant file or provider configuration, naming the file.
     */
    public static AssistantCatalog load(final Path directory, final ProviderMetrics metrics)
    {
        return load(directory, (tools) -> ProviderEnvironment.system(metrics, tools));
    }

    /**
     * Loads every assistant of a directory with a given provider environment (tests: their own environment map).
     *
     * @param directory   the assistants directory.
     * @param environment builds the environment from the in-process tools.
     * @return the catalog; close it at shutdown.
     * @throws IllegalArgumentException for an invalid assistant file or provider configuration, naming the file.
     */
    public static AssistantCatalog load(final Path directory,
        final Function<Map<String, ServerTool>, ProviderEnvironment> environment)
    {
        final List<AssistantBackend> backends = new ArrayList<>(List.of(new ParrotAssistant(), new ToneAssistant()));
        if (!Files.isDirectory(directory))
        {
            return new AssistantCatalog(directory, backends, null);
        }
        final SortedMap<String, AssistantConfig> configs = new AssistantConfigReader().readAll(directory);
        final ProviderEnvironment env = environment.apply(Map.of(CheckAvailabilityTool.NAME,
            new CheckAvailabilityTool()));
        try
        {
            final ProviderRegistry registry = registry();
            for (final AssistantConfig config : configs.values())
            {
                if (config.id().equals(ParrotAssistant.NAME) || config.id().equals(ToneAssistant.NAME))
                {
                    throw new IllegalArgumentException(directory.resolve(config.id() + ".yaml") +
                        ": the ID of a built-in assistant");
                }
                try
                {
                    backends.add(new ProviderAssistant(registry.forAssistant(config, env)));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException(directory.resolve(config.id() + ".yaml") + ": " +
                        ex.getMessage(), ex);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            env.close();
            throw ex;
        }
        return new AssistantCatalog(directory, backends, env);
    }

    /**
     * Every provider voxgate ships, by name, with the cached fallback lines as the last link of each TTS chain.
     */
    private static ProviderRegistry registry()
    {
        return BuiltInProviders.registry().fallbackLines(BuiltInProviders::fallbackLines);
    }

    /**
     * @return the directory the YAML assistants were read from.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return the assistants, built-ins first, then the YAML ones by ID.
     */
    public List<AssistantBackend> backends()
    {
        return backends;
    }

    /**
     * @return the assistants' names, in {@link #backends()} order.
     */
    public List<String> names()
    {
        return backends.stream().map(AssistantBackend::name).toList();
    }

    @Override
    public void close()
    {
        if (null != environment)
        {
            environment.close();
        }
    }
}
