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
import java.util.TreeMap;
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
    private static final int BUILT_INS = 2;

    private final Path directory;
    private final List<AssistantBackend> backends;
    private final ProviderEnvironment environment;
    private final ProviderRegistry registry;

    private AssistantCatalog(final Path directory, final List<AssistantBackend> backends,
        final ProviderEnvironment environment, final ProviderRegistry registry)
    {
        this.directory = directory;
        this.backends = List.copyOf(backends);
        this.environment = environment;
        this.registry = registry;
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
        return load(directory, metrics, false);
    }

    /**
     * Loads every assistant of a directory; with {@code remote}, the provider environment is created even without
     * a directory, because assistants fetched from the control plane will be {@link #build built} with it.
     *
     * @param directory the assistants directory, e.g. {@code config/assistants}.
     * @param metrics   where providers report requests, errors, circuit states and latencies.
     * @param remote    whether assistants will also come from a backend.
     * @return the catalog; close it at shutdown.
     * @throws IllegalArgumentException for an invalid assistant file or provider configuration, naming the file.
     */
    public static AssistantCatalog load(final Path directory, final ProviderMetrics metrics, final boolean remote)
    {
        return load(directory, (tools) -> ProviderEnvironment.system(metrics, tools), remote);
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
        return load(directory, environment, false);
    }

    /**
     * Loads every assistant of a directory with a given provider environment, created even without a directory
     * when {@code remote}.
     *
     * @param directory   the assistants directory.
     * @param environment builds the environment from the in-process tools.
     * @param remote      whether assistants will also come from a backend.
     * @return the catalog; close it at shutdown.
     * @throws IllegalArgumentException for an invalid assistant file or provider configuration, naming the file.
     */
    public static AssistantCatalog load(final Path directory,
        final Function<Map<String, ServerTool>, ProviderEnvironment> environment, final boolean remote)
    {
        final List<AssistantBackend> backends = new ArrayList<>(List.of(new ParrotAssistant(), new ToneAssistant()));
        final boolean local = Files.isDirectory(directory);
        if (!local && !remote)
        {
            return new AssistantCatalog(directory, backends, null, null);
        }
        final SortedMap<String, AssistantConfig> configs = local ? new AssistantConfigReader().readAll(directory) :
            new TreeMap<>();
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
        return new AssistantCatalog(directory, backends, env, registry());
    }

    /**
     * Builds a runnable assistant from a configuration fetched after start-up (the control plane), with the same
     * providers and environment as the local ones. Called on a fetch thread: building may load voices or render
     * fallback lines.
     *
     * @param config the validated configuration.
     * @return the assistant.
     * @throws IllegalArgumentException when its providers cannot be built (unknown name, bad option, missing key) or
     *                                  its ID is a built-in's.
     * @throws IllegalStateException    when the catalog was loaded without a provider environment.
     */
    public AssistantBackend build(final AssistantConfig config)
    {
        if (null == environment)
        {
            throw new IllegalStateException("no provider environment: the catalog was loaded local-only");
        }
        if (config.id().equals(ParrotAssistant.NAME) || config.id().equals(ToneAssistant.NAME))
        {
            throw new IllegalArgumentException("id '" + config.id() + "' is a built-in assistant's");
        }
        return new ProviderAssistant(registry.forAssistant(config, environment));
    }

    /**
     * @return the built-in assistants ({@code parrot}, {@code tone}).
     */
    public List<AssistantBackend> builtIns()
    {
        return backends.subList(0, BUILT_INS);
    }

    /**
     * @return the assistants read from the directory at start-up, by ID.
     */
    public List<AssistantBackend> localAssistants()
    {
        return backends.subList(BUILT_INS, backends.size());
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
