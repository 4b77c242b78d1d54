package io.voxgate.server.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The media server's validated configuration, resolved from flags, environment variables and defaults (in that
 * order of precedence) as described by {@link ServerSetting}.
 *
 * <p>Every value is checked when the configuration is built, so bad configuration fails at start-up with a
 * {@link ConfigException} naming each bad setting, never later on the media path. Immutable and thread-safe.
 */
public final class ServerConfig
{
    private static final int MAX_RING_SIZE = 1 << 22;

    private final EnumMap<ServerSetting, String> raw;
    private final int port;
    private final String bindAddress;
    private final URI publicUrl;
    private final String twilioAuthToken;
    private final List<String> wsAuthTokens;
    private final String wsTokenSecret;
    private final String assistant;
    private final Path assistantsDir;
    private final Path sessionLogDir;
    private final String backendUrl;
    private final BackendMode backendMode;
    private final Duration backendTimeout;
    private final Duration backendCacheTtl;
    private final boolean historyEnabled;
    private final Path historyDir;
    private final int historyQueueCapacity;
    private final int historyRetryMaxAttempts;
    private final Duration historyRetryBackoff;
    private final Duration historyFinalizeDrainTimeout;
    private final Duration drainTimeout;
    private final Duration idleTimeout;
    private final int maxFrameBytes;
    private final int maxCalls;
    private final int ingressRingSize;
    private final int egressRingSize;
    private final int dspThreads;
    private final int ioThreads;
    private final SocketTransport transport;

    private ServerConfig(final EnumMap<ServerSetting, String> raw)
    {
        this.raw = raw;
        final List<String> problems = new ArrayList<>();
        port = parseInt(problems, ServerSetting.PORT, text -> intIn(text, 0, 65535));
        bindAddress = parse(problems, ServerSetting.BIND_ADDRESS, ServerConfig::nonBlank);
        publicUrl = parse(problems, ServerSetting.PUBLIC_URL, ServerConfig::publicUrl);
        twilioAuthToken = raw.get(ServerSetting.TWILIO_AUTH_TOKEN).trim();
        wsAuthTokens = Arrays.stream(raw.get(ServerSetting.WS_AUTH_TOKENS).split(","))
            .map(String::trim).filter(token -> !token.isEmpty()).toList();
        wsTokenSecret = raw.get(ServerSetting.WS_TOKEN_SECRET).trim();
        assistant = parse(problems, ServerSetting.ASSISTANT, ServerConfig::assistantName);
        assistantsDir = parse(problems, ServerSetting.ASSISTANT_LOCAL_CONFIG_DIR, text -> Path.of(nonBlank(text)));
        final String logDir = raw.get(ServerSetting.SESSION_LOG_DIR).trim();
        sessionLogDir = logDir.isEmpty() ? null : Path.of(logDir);
        backendUrl = parse(problems, ServerSetting.BACKEND_URL, ServerConfig::backendUrl);
        backendMode = parse(problems, ServerSetting.BACKEND_MODE, BackendMode::parse);
        if (backendMode == BackendMode.HTTP && null == backendUrl)
        {
            problems.add("BACKEND_MODE/--backend-mode: http needs BACKEND_URL");
        }
        backendTimeout = parse(problems, ServerSetting.BACKEND_TIMEOUT_SEC,
            text -> seconds(text, Duration.ofMillis(1)));
        backendCacheTtl = parse(problems, ServerSetting.BACKEND_CACHE_TTL_SEC, text -> seconds(text, Duration.ZERO));
        historyEnabled = Boolean.TRUE.equals(parse(problems, ServerSetting.HISTORY_ENABLED, ServerConfig::bool));
        historyDir = parse(problems, ServerSetting.HISTORY_DIR, text -> Path.of(nonBlank(text)));
        historyQueueCapacity = parseInt(problems, ServerSetting.HISTORY_QUEUE_CAPACITY,
            text -> intIn(text, 16, 1 << 24));
        historyRetryMaxAttempts = parseInt(problems, ServerSetting.HISTORY_RETRY_MAX_ATTEMPTS,
            text -> intIn(text, 1, 100));
        historyRetryBackoff = parse(problems, ServerSetting.HISTORY_RETRY_BACKOFF_SEC,
            text -> seconds(text, Duration.ofMillis(1)));
        historyFinalizeDrainTimeout = parse(problems, ServerSetting.HISTORY_FINALIZE_DRAIN_TIMEOUT_SEC,
            text -> seconds(text, Duration.ZERO));
        drainTimeout = parse(problems, ServerSetting.DRAIN_TIMEOUT, text -> duration(text, Duration.ZERO));
        idleTimeout = parse(problems, ServerSetting.IDLE_TIMEOUT, text -> duration(text, Duration.ofMillis(1)));
        maxFrameBytes = parseInt(problems, ServerSetting.MAX_FRAME_BYTES, text -> intIn(text, 1024, 16 << 20));
        maxCalls = parseInt(problems, ServerSetting.MAX_CALLS, text -> intIn(text, 1, 1_000_000));
        ingressRingSize = parseInt(problems, ServerSetting.INGRESS_RING_SIZE, ServerConfig::ringSize);
        egressRingSize = parseInt(problems, ServerSetting.EGRESS_RING_SIZE, ServerConfig::ringSize);
        dspThreads = parseInt(problems, ServerSetting.DSP_THREADS, text -> intIn(text, 1, 64));
        ioThreads = parseInt(problems, ServerSetting.IO_THREADS, text -> intIn(text, 0, 1024));
        transport = parse(problems, ServerSetting.TRANSPORT, ServerConfig::transport);
        if (!problems.isEmpty())
        {
            throw new ConfigException(problems);
        }
    }

    /**
     * Resolves the configuration: each setting from its flag if given, else its environment variable, else its
     * default.
     *
     * @param environment environment variables, e.g. {@link System#getenv()}.
     * @param flags       values given on the command line.
     * @return the validated configuration.
     * @throws ConfigException naming every bad setting.
     */
    public static ServerConfig resolve(final Map<String, String> environment, final Map<ServerSetting, String> flags)
    {
        final EnumMap<ServerSetting, String> raw = new EnumMap<>(ServerSetting.class);
        for (final ServerSetting setting : ServerSetting.values())
        {
            String value = flags.get(setting);
            if (value == null)
            {
                value = environment.get(setting.environmentVariable());
            }
            raw.put(setting, value == null ? setting.defaultValue() : value);
        }
        return new ServerConfig(raw);
    }

    /**
     * A configuration from explicit values, the defaults for the rest (the environment is not read).
     *
     * @param values the settings to give.
     * @return the validated configuration.
     * @throws ConfigException naming every bad setting.
     */
    public static ServerConfig of(final Map<ServerSetting, String> values)
    {
        return resolve(Map.of(), values);
    }

    /**
     * This configuration with some settings replaced.
     *
     * @param values the settings to change.
     * @return a new validated configuration.
     */
    public ServerConfig with(final Map<ServerSetting, String> values)
    {
        final EnumMap<ServerSetting, String> copy = new EnumMap<>(raw);
        copy.putAll(values);
        return new ServerConfig(copy);
    }

    /** @return the TCP port to listen on (0 = any free port). */
    public int port()
    {
        return port;
    }

    /** @return the local address to bind to. */
    public String bindAddress()
    {
        return bindAddress;
    }

    /**
     * The public base URL (no trailing slash), or the local one when {@code PUBLIC_URL} is not set.
     *
     * @param boundPort the port the server actually listens on.
     * @return e.g. {@code https://voice.example.com} or {@code http://localhost:8080}.
     */
    public URI publicUrl(final int boundPort)
    {
        return publicUrl != null ? publicUrl : URI.create("http://localhost:" + boundPort);
    }

    /**
     * The public base URL when {@code PUBLIC_URL} is set.
     *
     * @return the URL without trailing slash, or empty.
     */
    public Optional<URI> configuredPublicUrl()
    {
        return Optional.ofNullable(publicUrl);
    }

    /**
     * The Twilio auth token, when signatures are to be checked.
     *
     * @return the token, or empty when signature validation is off.
     */
    public Optional<String> twilioAuthToken()
    {
        return twilioAuthToken.isEmpty() ? Optional.empty() : Optional.of(twilioAuthToken);
    }

    /** @return the static bearer tokens accepted on the WS v1 upgrade (empty for none). */
    public List<String> wsAuthTokens()
    {
        return wsAuthTokens;
    }

    /** @return the secret of signed WS v1 tokens, empty for none. */
    public String wsTokenSecret()
    {
        return wsTokenSecret;
    }

    /** @return the assistant for calls that name none. */
    public String assistant()
    {
        return assistant;
    }

    /** @return the directory of assistant YAML files (it may not exist: then only the built-ins are served). */
    public Path assistantsDir()
    {
        return assistantsDir;
    }

    /** @return the directory for per-call session logs, or empty when they are off. */
    public Optional<Path> sessionLogDir()
    {
        return Optional.ofNullable(sessionLogDir);
    }

    /**
     * The backend's base URL, when {@code BACKEND_URL} is set.
     *
     * @return the URL without trailing slash, or empty.
     */
    public Optional<String> backendUrl()
    {
        return Optional.ofNullable(backendUrl);
    }

    /** @return where assistant configs come from. */
    public BackendMode backendMode()
    {
        return backendMode;
    }

    /**
     * The backend assistants are fetched from: {@code BACKEND_URL} in {@code http} mode, and in {@code auto} mode
     * when it is set.
     *
     * @return the base URL without trailing slash, or empty when assistants are local only.
     */
    public Optional<String> assistantBackendUrl()
    {
        return backendMode == BackendMode.DISABLED ? Optional.empty() : Optional.ofNullable(backendUrl);
    }

    /** @return how long an assistant fetch from the backend may take. */
    public Duration backendTimeout()
    {
        return backendTimeout;
    }

    /** @return how long a fetched assistant is served from the cache. */
    public Duration backendCacheTtl()
    {
        return backendCacheTtl;
    }

    /** @return whether call history is persisted. */
    public boolean historyEnabled()
    {
        return historyEnabled;
    }

    /** @return the directory of the daily JSON-lines history files. */
    public Path historyDir()
    {
        return historyDir;
    }

    /** @return history items queued at most. */
    public int historyQueueCapacity()
    {
        return historyQueueCapacity;
    }

    /** @return attempts per history write. */
    public int historyRetryMaxAttempts()
    {
        return historyRetryMaxAttempts;
    }

    /** @return the wait before the first retry of a failed history write. */
    public Duration historyRetryBackoff()
    {
        return historyRetryBackoff;
    }

    /** @return how long a call's finalization waits for its items; also history's shutdown drain bound. */
    public Duration historyFinalizeDrainTimeout()
    {
        return historyFinalizeDrainTimeout;
    }

    /** @return the grace period active calls get on shutdown. */
    public Duration drainTimeout()
    {
        return drainTimeout;
    }

    /** @return how long a silent connection lives. */
    public Duration idleTimeout()
    {
        return idleTimeout;
    }

    /** @return the largest WebSocket message accepted, in bytes. */
    public int maxFrameBytes()
    {
        return maxFrameBytes;
    }

    /** @return the number of concurrent calls accepted. */
    public int maxCalls()
    {
        return maxCalls;
    }

    /** @return ingress ring slots, a power of two. */
    public int ingressRingSize()
    {
        return ingressRingSize;
    }

    /** @return egress ring slots, a power of two. */
    public int egressRingSize()
    {
        return egressRingSize;
    }

    /** @return DSP stage threads. */
    public int dspThreads()
    {
        return dspThreads;
    }

    /** @return Netty event-loop threads, 0 = one per processor. */
    public int ioThreads()
    {
        return ioThreads;
    }

    /** @return the socket transport to use. */
    public SocketTransport transport()
    {
        return transport;
    }

    /**
     * The settings as {@code NAME=value} lines for the start-up banner, with the auth token masked.
     *
     * @return one line per setting.
     */
    public List<String> describe()
    {
        final List<String> lines = new ArrayList<>();
        for (final ServerSetting setting : ServerSetting.values())
        {
            String value = raw.get(setting);
            if (setting == ServerSetting.TWILIO_AUTH_TOKEN && !value.isEmpty())
            {
                value = "(set)";
            }
            lines.add(setting.environmentVariable() + "=" + value);
        }
        return lines;
    }

    @Override
    public String toString()
    {
        return "ServerConfig" + describe();
    }

    private int parseInt(
        final List<String> problems, final ServerSetting setting, final Function<String, Integer> parser)
    {
        final Integer value = parse(problems, setting, parser);
        return value == null ? 0 : value;
    }

    private <T> T parse(
        final List<String> problems, final ServerSetting setting, final Function<String, T> parser)
    {
        final String text = raw.get(setting);
        try
        {
            return parser.apply(text);
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(setting.environmentVariable() + (setting.flag() == null ? "" : "/" + setting.flag()) +
                ": " + ex.getMessage());
            return null;
        }
    }

    private static int intIn(final String text, final int min, final int max)
    {
        final int value;
        try
        {
            value = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(value + " is outside " + min + ".." + max);
        }
        return value;
    }

    private static int ringSize(final String text)
    {
        final int value = intIn(text, 2, MAX_RING_SIZE);
        if (Integer.bitCount(value) != 1)
        {
            throw new IllegalArgumentException(value + " is not a power of two");
        }
        return value;
    }

    private static Duration duration(final String text, final Duration min)
    {
        final Duration value = DurationText.parse(text);
        if (value.compareTo(min) < 0)
        {
            throw new IllegalArgumentException("'" + text + "' must be at least " + min.toMillis() + " ms");
        }
        return value;
    }

    private static Duration seconds(final String text, final Duration min)
    {
        final String value = text.trim();
        final Duration parsed;
        if (value.matches("[0-9]{1,9}\\.[0-9]{1,9}"))
        {
            parsed = Duration.ofNanos(new BigDecimal(value).movePointRight(9).longValueExact());
        }
        else
        {
            parsed = DurationText.parse(value);
        }
        if (parsed.compareTo(min) < 0)
        {
            throw new IllegalArgumentException("'" + text + "' must be at least " + min.toMillis() + " ms");
        }
        return parsed;
    }

    private static boolean bool(final String text)
    {
        return switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static String backendUrl(final String text)
    {
        final URI uri = httpUrl(text, "");
        if (null == uri)
        {
            return null;
        }
        String trimmed = text.trim();
        while (trimmed.endsWith("/"))
        {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** An absolute http(s) URL, or {@code null} for an empty setting; {@code example} completes the error. */
    private static URI httpUrl(final String text, final String example)
    {
        final String value = text.trim();
        if (value.isEmpty())
        {
            return null;
        }
        final URI uri;
        try
        {
            uri = new URI(value);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + ex.getReason());
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null)
        {
            throw new IllegalArgumentException("'" + text + "' must be an absolute http(s) URL" + example);
        }
        return uri;
    }

    private static String nonBlank(final String text)
    {
        if (text.isBlank())
        {
            throw new IllegalArgumentException("must not be empty");
        }
        return text.trim();
    }

    private static String assistantName(final String text)
    {
        final String name = text.trim();
        if (!name.matches("[A-Za-z0-9_.-]{1,64}"))
        {
            throw new IllegalArgumentException("'" + text + "' is not an assistant name ([A-Za-z0-9_.-], 1-64)");
        }
        return name;
    }

    private static SocketTransport transport(final String text)
    {
        try
        {
            return SocketTransport.valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not one of auto, epoll, nio");
        }
    }

    private static URI publicUrl(final String text)
    {
        final URI uri = httpUrl(text, " such as https://voice.example.com");
        if (null == uri)
        {
            return null;
        }
        final String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null)
        {
            throw new IllegalArgumentException("'" + text + "' must not carry a query, fragment or user info " +
                "(Twilio strips stream URL queries)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/"))
        {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
