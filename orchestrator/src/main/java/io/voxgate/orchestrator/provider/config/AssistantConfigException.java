package io.voxgate.orchestrator.provider.config;

import java.util.List;

/**
 * An assistant document that cannot be used, with every problem found: the message is
 * {@code SOURCE: path: problem; path: problem}, e.g.
 * {@code config/assistants/hotel.yaml: settings.maxToolSteps: must be a whole number, not the text 'many'}.
 *
 * <p>Immutable.
 */
public final class AssistantConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<String> problems;

    /**
     * Collects the problems of one document.
     *
     * @param source   where the document came from (a file, or a control-plane URL).
     * @param problems each problem as {@code field.path: what is wrong}; at least one.
     * @param cause    the underlying error, or {@code null}.
     */
    public AssistantConfigException(final String source, final List<String> problems, final Throwable cause)
    {
        super(source + ": " + String.join("; ", problems), cause);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /**
     * @return where the document came from.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return each problem as {@code field.path: what is wrong}, in document order.
     */
    public List<String> problems()
    {
        return problems;
    }
}
