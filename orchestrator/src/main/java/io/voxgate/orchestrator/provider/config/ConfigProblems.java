package io.voxgate.orchestrator.provider.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The problems found in one configuration document, each as {@code field.path: what is wrong}, with the typed checks
 * that find them. A check that fails records its problem and returns {@code false} (or {@code null}), so validation
 * goes on and one run reports every bad field, not just the first.
 *
 * <p>Paths use dots for keys and brackets for list positions: {@code providers.tts[0].options.voice}.
 *
 * <p><b>Threading:</b> confined to the thread validating one document.
 */
final class ConfigProblems
{
    private final List<String> problems = new ArrayList<>();

    /**
     * Records a problem.
     *
     * @param path    the field's path ({@code ""} for the document).
     * @param problem what is wrong, e.g. {@code is required}.
     */
    void add(final String path, final String problem)
    {
        problems.add(path.isEmpty() ? problem : path + ": " + problem);
    }

    /** @return the problems found so far, in document order. */
    List<String> list()
    {
        return List.copyOf(problems);
    }

    /** @return whether any problem was found. */
    boolean any()
    {
        return !problems.isEmpty();
    }

    static String child(final String path, final String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String element(final String path, final int index)
    {
        return path + "[" + index + "]";
    }

    /**
     * Checks that a node is a mapping whose keys are all known.
     *
     * @return whether it is a mapping (unknown keys are recorded but do not make it false).
     */
    boolean mapping(final JsonNode node, final String path, final Set<String> known)
    {
        if (!isMapping(node, path))
        {
            return false;
        }
        for (final Map.Entry<String, JsonNode> entry : node.properties())
        {
            final String key = entry.getKey();
            if (!known.contains(key))
            {
                add(child(path, key), "unknown key; expected one of " + String.join(", ", known));
            }
        }
        return true;
    }

    boolean isMapping(final JsonNode node, final String path)
    {
        if (!node.isObject())
        {
            add(path, "must be a mapping, not " + describe(node));
            return false;
        }
        return true;
    }

    boolean isList(final JsonNode node, final String path)
    {
        if (!node.isArray())
        {
            add(path, "must be a list, not " + describe(node));
            return false;
        }
        return true;
    }

    /**
     * A required field of a mapping.
     *
     * @return the field, or {@code null} when absent (recorded).
     */
    JsonNode required(final JsonNode parent, final String path, final String key)
    {
        final JsonNode node = parent.get(key);
        if (null == node || node.isNull())
        {
            add(child(path, key), "is required");
            return null;
        }
        return node;
    }

    /**
     * An optional field of a mapping.
     *
     * @return the field, or {@code null} when absent or {@code null} in the document.
     */
    static JsonNode optional(final JsonNode parent, final String key)
    {
        final JsonNode node = parent.get(key);
        return null == node || node.isNull() ? null : node;
    }

    boolean text(final JsonNode node, final String path)
    {
        if (!node.isTextual())
        {
            add(path, "must be text, not " + describe(node));
            return false;
        }
        return true;
    }

    boolean nonBlankText(final JsonNode node, final String path)
    {
        if (!text(node, path))
        {
            return false;
        }
        if (node.asText().isBlank())
        {
            add(path, "must not be empty");
            return false;
        }
        return true;
    }

    boolean matches(final JsonNode node, final String path, final Pattern pattern, final String rule)
    {
        if (!nonBlankText(node, path))
        {
            return false;
        }
        if (!pattern.matcher(node.asText()).matches())
        {
            add(path, "'" + node.asText() + "' is not " + rule);
            return false;
        }
        return true;
    }

    boolean oneOf(final JsonNode node, final String path, final Set<String> allowed)
    {
        if (!text(node, path))
        {
            return false;
        }
        if (!allowed.contains(node.asText()))
        {
            add(path, "'" + node.asText() + "' is not one of " + String.join(", ", allowed));
            return false;
        }
        return true;
    }

    /** A text, number or boolean (a value a template variable or a provider option can take). */
    boolean scalar(final JsonNode node, final String path)
    {
        if (!node.isValueNode() || node.isNull())
        {
            add(path, "must be text, a number or true/false, not " + describe(node));
            return false;
        }
        return true;
    }

    boolean wholeNumberIn(final JsonNode node, final String path, final long min, final long max)
    {
        if (!node.isIntegralNumber())
        {
            add(path, "must be a whole number, not " + describe(node));
            return false;
        }
        if (!node.canConvertToLong() || node.asLong() < min || node.asLong() > max)
        {
            add(path, node.asText() + " is outside " + min + ".." + max);
            return false;
        }
        return true;
    }

    boolean bool(final JsonNode node, final String path)
    {
        if (!node.isBoolean())
        {
            add(path, "must be true or false, not " + describe(node));
            return false;
        }
        return true;
    }

    /**
     * How a node reads in an error message.
     *
     * @param node the node.
     * @return e.g. {@code a list}, {@code the number 3}, {@code the text 'x'}.
     */
    static String describe(final JsonNode node)
    {
        if (node.isObject())
        {
            return "a mapping";
        }
        if (node.isArray())
        {
            return "a list";
        }
        if (node.isNull())
        {
            return "nothing";
        }
        if (node.isTextual())
        {
            return "the text '" + node.asText() + "'";
        }
        if (node.isBoolean())
        {
            return "the boolean " + node.asText();
        }
        if (node.isNumber())
        {
            return "the number " + node.asText();
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
