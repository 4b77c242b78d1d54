package io.voxgate.orchestrator.provider.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code tools} section of an assistant document: each tool has an OpenAI-style function name, a description, a
 * JSON Schema of its arguments (an object), and runs either on the server (in-process, or an HTTP endpoint with
 * {@code url}, {@code method}, {@code timeoutMs}, {@code headers}) or on the client ({@code execution: client}, which
 * takes none of the HTTP fields).
 *
 * <p>Stateless.
 */
final class ToolsValidator
{
    /** OpenAI function names: letters, digits, underscores and dashes, at most 64. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Longest HTTP tool timeout: 10 minutes. */
    static final long MAX_TIMEOUT_MS = 600_000;

    private static final Set<String> TOOL = AssistantFileValidator.keys("name", "description", "parameters",
        "execution", "url", "method", "timeoutMs", "headers");
    private static final Set<String> HTTP_FIELDS = AssistantFileValidator.keys("url", "method", "timeoutMs",
        "headers");
    private static final Set<String> EXECUTIONS = AssistantFileValidator.keys(ToolSpec.SERVER, ToolSpec.CLIENT);
    private static final Set<String> METHODS = AssistantFileValidator.keys("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");

    private ToolsValidator()
    {
    }

    /**
     * Checks the tools.
     *
     * @param problems where problems go.
     * @param tools    the {@code tools} node, or {@code null} when absent.
     * @return the names of the tools declared (valid or not), for the sections that refer to them.
     */
    static Set<String> validate(final ConfigProblems problems, final JsonNode tools)
    {
        final Set<String> names = new HashSet<>();
        if (null == tools || !problems.isList(tools, "tools"))
        {
            return names;
        }
        for (int i = 0; i < tools.size(); i++)
        {
            final String path = ConfigProblems.element("tools", i);
            final JsonNode tool = tools.get(i);
            if (!problems.mapping(tool, path, TOOL))
            {
                continue;
            }
            final JsonNode name = problems.required(tool, path, "name");
            if (null != name && problems.matches(name, path + ".name", NAME,
                "a tool name ([A-Za-z0-9_-], 1-64 characters)") && !names.add(name.asText()))
            {
                problems.add(path + ".name", "'" + name.asText() + "' is declared twice");
            }
            final JsonNode description = ConfigProblems.optional(tool, "description");
            if (null != description)
            {
                problems.text(description, path + ".description");
            }
            final JsonNode parameters = ConfigProblems.optional(tool, "parameters");
            if (null != parameters)
            {
                parameters(problems, parameters, path + ".parameters");
            }
            execution(problems, tool, path);
        }
        return names;
    }

    private static void parameters(final ConfigProblems problems, final JsonNode parameters, final String path)
    {
        if (!problems.isMapping(parameters, path))
        {
            return;
        }
        final JsonNode type = ConfigProblems.optional(parameters, "type");
        if (null != type && !"object".equals(type.asText()))
        {
            problems.add(path + ".type", "must be object (a tool's arguments are a JSON object), not " +
                ConfigProblems.describe(type));
        }
        final JsonNode properties = ConfigProblems.optional(parameters, "properties");
        if (null != properties)
        {
            problems.isMapping(properties, path + ".properties");
        }
    }

    private static void execution(final ConfigProblems problems, final JsonNode tool, final String path)
    {
        final JsonNode execution = ConfigProblems.optional(tool, "execution");
        if (null != execution && !problems.oneOf(execution, path + ".execution", EXECUTIONS))
        {
            return;
        }
        final boolean client = null != execution && ToolSpec.CLIENT.equals(execution.asText());
        final boolean http = null != ConfigProblems.optional(tool, "url");
        for (final String field : HTTP_FIELDS)
        {
            if (null == ConfigProblems.optional(tool, field))
            {
                continue;
            }
            if (client)
            {
                problems.add(path + "." + field, "a client-side tool has no " + field + " (the client runs it)");
            }
            else if (!http)
            {
                problems.add(path + "." + field, "only an HTTP tool has a " + field + "; add its url");
            }
        }
        if (client || !http)
        {
            return;
        }
        final JsonNode url = tool.get("url");
        if (problems.nonBlankText(url, path + ".url"))
        {
            url(problems, url.asText(), path + ".url", AssistantFileValidator.keys("http", "https"));
        }
        final JsonNode method = ConfigProblems.optional(tool, "method");
        if (null != method)
        {
            problems.oneOf(method, path + ".method", METHODS);
        }
        final JsonNode timeout = ConfigProblems.optional(tool, "timeoutMs");
        if (null != timeout)
        {
            problems.wholeNumberIn(timeout, path + ".timeoutMs", 1, MAX_TIMEOUT_MS);
        }
        final JsonNode headers = ConfigProblems.optional(tool, "headers");
        if (null != headers && problems.isMapping(headers, path + ".headers"))
        {
            for (final Map.Entry<String, JsonNode> header : headers.properties())
            {
                problems.text(header.getValue(), path + ".headers." + header.getKey());
            }
        }
    }

    /**
     * Checks an absolute URL ({@code {{variable}}} placeholders allowed anywhere).
     *
     * @param problems where problems go.
     * @param text     the URL.
     * @param path     its field path.
     * @param schemes  the schemes allowed, lower case.
     */
    static void url(final ConfigProblems problems, final String text, final String path, final Set<String> schemes)
    {
        final URI uri;
        try
        {
            uri = new URI(PLACEHOLDER.matcher(text.strip()).replaceAll("x"));
        }
        catch (final URISyntaxException ex)
        {
            problems.add(path, "'" + text + "' is not a URL: " + ex.getReason());
            return;
        }
        final String scheme = null == uri.getScheme() ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || null == uri.getHost())
        {
            problems.add(path, "'" + text + "' must be an absolute " + String.join("/", schemes) + " URL");
        }
    }
}
