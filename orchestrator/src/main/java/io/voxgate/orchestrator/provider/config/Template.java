package io.voxgate.orchestrator.provider.config;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} templates: each placeholder is replaced by its variable's value; an unknown variable becomes the
 * empty string (a spoken line must never read out braces).
 */
public final class Template
{
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");

    private Template()
    {
    }

    /**
     * Fills a template from a map.
     *
     * @param template  the text.
     * @param variables the variables.
     * @return the filled text.
     */
    public static String render(final String template, final Map<String, String> variables)
    {
        return render(template, variables::get);
    }

    /**
     * Fills a template from a lookup.
     *
     * @param template the text.
     * @param lookup   a variable's value, or {@code null} when unknown.
     * @return the filled text.
     */
    public static String render(final String template, final Function<String, String> lookup)
    {
        final Matcher matcher = PLACEHOLDER.matcher(template);
        final StringBuilder out = new StringBuilder(template.length());
        while (matcher.find())
        {
            final String value = lookup.apply(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(null == value ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
