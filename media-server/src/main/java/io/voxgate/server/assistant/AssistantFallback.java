package io.voxgate.server.assistant;

import io.voxgate.server.metrics.Labelled;

/**
 * What a call got when its assistant could not be fetched; counted as {@code voxgate_assistant_fallbacks_total{to}}.
 */
public enum AssistantFallback implements Labelled
{
    /** The configuration fetched earlier (kept past its TTL while the source fails). */
    CACHED("cached"),
    /** The local file ({@code ASSISTANT_LOCAL_CONFIG_DIR/ID.yaml}) loaded at start-up. */
    LOCAL("local"),
    /** The default assistant ({@code VOXGATE_ASSISTANT}). */
    DEFAULT("default");

    private final String label;

    AssistantFallback(final String label)
    {
        this.label = label;
    }

    @Override
    public String label()
    {
        return label;
    }
}
