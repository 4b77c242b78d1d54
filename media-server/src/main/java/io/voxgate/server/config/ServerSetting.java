package io.voxgate.server.config;

/**
 * Every knob of the media server, each with one environment variable, one command-line flag (where it may be
 * given on the command line), one default and one line of description: the single place they are documented.
 *
 * <p>A flag overrides the environment variable, which overrides the default. {@link ServerConfig} parses and
 * validates the values at start-up; {@code ./voxgate serve --help} lists them from this enum.
 */
public enum ServerSetting
{
    /** TCP port the server listens on (0 picks a free port). */
    PORT("VOXGATE_PORT", "--port", "8080", "TCP port to listen on (0 = any free port)."),

    /** Local address the server binds to. */
    BIND_ADDRESS("VOXGATE_BIND_ADDRESS", "--bind", "0.0.0.0", "Local address to bind to."),

    /** Public base URL Twilio reaches the server at; the TwiML stream URL and signatures are built from it. */
    PUBLIC_URL("PUBLIC_URL", "--public-url", "",
        "Public base URL Twilio reaches us at (https://host[:port]); default http://localhost:PORT."),

    /**
     * Twilio auth token; when set, the voice webhook and the WebSocket upgrade must carry a valid signature and each
     * stream's start the token the webhook minted for its call.
     */
    TWILIO_AUTH_TOKEN("TWILIO_AUTH_TOKEN", null, "",
        "Twilio auth token (environment only); when set, X-Twilio-Signature and the webhook's stream token are " +
            "required."),

    /** Static bearer tokens for WS v1 (environment only: secrets never go on a command line). */
    WS_AUTH_TOKENS("WS_AUTH_TOKENS", null, "",
        "Comma-separated bearer tokens accepted on the WS v1 upgrade (/ws); empty = no static tokens."),

    /** Secret of signed short-lived WS v1 tokens (environment only). */
    WS_TOKEN_SECRET("WS_TOKEN_SECRET", null, "",
        "Secret for short-lived signed WS v1 tokens EXPIRY.HMAC_SHA256_HEX (docs/WS_V1.md); empty = none."),

    /** Assistant a call gets when its TwiML names none: a built-in or the ID of a YAML assistant. */
    ASSISTANT("VOXGATE_ASSISTANT", "--assistant", "concierge",
        "Assistant for calls that name none (parrot, tone, or the ID of a YAML assistant)."),

    /** Directory of assistant files ({@code ID.yaml}), relative to the working directory; each is served by ID. */
    ASSISTANT_LOCAL_CONFIG_DIR("ASSISTANT_LOCAL_CONFIG_DIR", "--assistants-dir", "config/assistants",
        "Directory of assistant YAML files (ID.yaml), each selectable by its ID."),

    /** Directory for per-call orchestrator event logs (JSON lines); empty disables them. */
    SESSION_LOG_DIR("SESSION_LOG_DIR", "--session-log", "", "Directory for per-call session logs (empty = off)."),

    /** Base URL of the backend (its history API, docs/HISTORY.md); empty runs engine-only. */
    BACKEND_URL("BACKEND_URL", "--backend-url", "", "Backend base URL (history API); empty = engine only."),

    /** Where assistants come from: auto (the backend when BACKEND_URL is set), http (the backend), disabled (local). */
    BACKEND_MODE("BACKEND_MODE", "--backend-mode", "auto",
        "Assistant configs: auto (backend if BACKEND_URL set), http (backend, docs/CONTROL_PLANE.md), disabled."),

    /** Seconds a backend request for an assistant may take before the call falls back (cached, local, default). */
    BACKEND_TIMEOUT_SEC("BACKEND_TIMEOUT_SEC", "--backend-timeout", "3",
        "Seconds an assistant fetch from the backend may take before falling back."),

    /** Seconds a fetched assistant is served from the cache before it is fetched again. */
    BACKEND_CACHE_TTL_SEC("BACKEND_CACHE_TTL_SEC", "--backend-cache-ttl", "60",
        "Seconds a fetched assistant config is cached before it is fetched again."),

    /** Whether every call's transcript, tool calls and metadata are persisted (never slowing the call). */
    HISTORY_ENABLED("HISTORY_ENABLED", "--history", "true",
        "Persist call history (true/false): to BACKEND_URL when set, else JSON lines in HISTORY_DIR."),

    /** Directory of the daily JSON-lines history files, used when there is no backend. */
    HISTORY_DIR("HISTORY_DIR", "--history-dir", "history", "Directory of daily history files (history-DAY.jsonl)."),

    /** History items the queue holds; further ones are dropped and counted, the call goes on. */
    HISTORY_QUEUE_CAPACITY("HISTORY_QUEUE_CAPACITY", "--history-queue", "16384",
        "History items queued at most (more are dropped, counted)."),

    /** Attempts per history write (item or finalization) before it is given up on. */
    HISTORY_RETRY_MAX_ATTEMPTS("HISTORY_RETRY_MAX_ATTEMPTS", "--history-retry-attempts", "6",
        "Attempts per history write before giving it up."),

    /** Seconds before the first retry of a failed history write; each further retry waits twice as long (<= 64x). */
    HISTORY_RETRY_BACKOFF_SEC("HISTORY_RETRY_BACKOFF_SEC", "--history-retry-backoff", "0.5",
        "Seconds before retrying a failed history write (doubling, up to 64x)."),

    /** Seconds a call's finalization waits for its items after the call ended; also the shutdown drain bound. */
    HISTORY_FINALIZE_DRAIN_TIMEOUT_SEC("HISTORY_FINALIZE_DRAIN_TIMEOUT_SEC", "--history-drain-timeout", "10",
        "Seconds a call's finalization waits for its items (and history's shutdown drain)."),

    /** How long active calls may run on after SIGTERM before they are closed with status 1001. */
    DRAIN_TIMEOUT("DRAIN_TIMEOUT", "--drain-timeout", "30s", "Grace period for active calls on shutdown."),

    /** A connection that sends nothing for this long is closed (half-open or stalled peers). */
    IDLE_TIMEOUT("VOXGATE_IDLE_TIMEOUT", "--idle-timeout", "15s", "Close connections silent for this long."),

    /** Largest WebSocket message accepted; bigger ones close the call with status 1009. */
    MAX_FRAME_BYTES("VOXGATE_MAX_FRAME_BYTES", "--max-frame-bytes", "65536",
        "Largest WebSocket message accepted (bytes)."),

    /** Concurrent calls accepted; further upgrades are refused with 503. */
    MAX_CALLS("VOXGATE_MAX_CALLS", "--max-calls", "2000", "Concurrent calls accepted before refusing with 503."),

    /** Slots in the ingress ring (a power of two). */
    INGRESS_RING_SIZE("VOXGATE_INGRESS_RING_SIZE", "--ingress-ring-size", "16384",
        "Ingress ring slots (power of two)."),

    /** Slots in the egress ring (a power of two). */
    EGRESS_RING_SIZE("VOXGATE_EGRESS_RING_SIZE", "--egress-ring-size", "16384", "Egress ring slots (power of two)."),

    /** Threads running the DSP stage; calls are sharded over them by session. */
    DSP_THREADS("VOXGATE_DSP_THREADS", "--dsp-threads", "1", "DSP stage threads (calls sharded by session)."),

    /**
     * Netty event-loop threads; 0 means half the available processors, at least one. The DSP, orchestrator and
     * egress threads need the other half: on two cores one event loop served 400 calls with less CPU and a lower
     * ingress latency than two (docs/BENCHMARKS.md).
     */
    IO_THREADS("VOXGATE_IO_THREADS", "--io-threads", "0",
        "Netty event-loop threads (0 = half the processors, at least one)."),

    /** Socket transport: auto (epoll on Linux when available), epoll or nio. */
    TRANSPORT("VOXGATE_TRANSPORT", "--transport", "auto", "Socket transport: auto, epoll or nio.");

    private final String environmentVariable;
    private final String flag;
    private final String defaultValue;
    private final String description;

    ServerSetting(
        final String environmentVariable, final String flag, final String defaultValue, final String description)
    {
        this.environmentVariable = environmentVariable;
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /**
     * The environment variable that sets this knob.
     *
     * @return the variable name, e.g. {@code DRAIN_TIMEOUT}.
     */
    public String environmentVariable()
    {
        return environmentVariable;
    }

    /**
     * The command-line flag that sets this knob, or {@code null} when it may only come from the environment
     * (secrets must not show up in process listings).
     *
     * @return the flag, e.g. {@code --drain-timeout}, or {@code null}.
     */
    public String flag()
    {
        return flag;
    }

    /**
     * The value used when neither flag nor environment variable is given ({@code ""} = unset).
     *
     * @return the default as text.
     */
    public String defaultValue()
    {
        return defaultValue;
    }

    /**
     * One line saying what the knob does.
     *
     * @return the description.
     */
    public String description()
    {
        return description;
    }
}
