package io.voxgate.orchestrator.provider.tool;

import java.util.Map;

/**
 * A tool executed in-process. Implementations may block (they run on the tool runner's threads, never on the
 * orchestrator's) and must be thread-safe: calls of many sessions run concurrently.
 */
public interface ServerTool
{
    /**
     * The function name the LLM calls it by.
     *
     * @return the name.
     */
    String name();

    /**
     * Executes one call.
     *
     * @param argumentsJson the arguments as the model produced them (JSON text, possibly invalid).
     * @param variables     the call's dynamic variables.
     * @return the result, JSON text.
     * @throws Exception when the call fails; the runner answers with an error result holding the message.
     */
    String call(String argumentsJson, Map<String, String> variables) throws Exception;
}
