package io.voxgate.orchestrator.provider.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxgate.orchestrator.model.ChatMessage;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.Role;
import io.voxgate.orchestrator.model.ToolCall;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.config.ScriptConfig;
import io.voxgate.orchestrator.provider.config.Template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script's decision rules, as a function of the request's context:
 * <ol>
 *   <li>After tool results (the last message is a tool message): the {@code toolReply} of the intent that called
 *   the tool, with {@code {{result.field}}} from the result; the fallback when the tool failed.</li>
 *   <li>A user message with words: the first intent whose keyword is a word of it or whose regex finds a match
 *   (named groups become variables, {@code {{transcript}}} is the message); the fallback when none.</li>
 *   <li>An empty user message (ASR {@code none}): the n-th step of the sequence, n counting the empty user
 *   messages of the context; the fallback once the sequence is used up.</li>
 * </ol>
 * An intent with {@code endCall} follows its last words (its reply, or its toolReply after its tool) with a call of
 * the built-in {@code end_call} tool in the same step: the orchestrator plays them as the goodbye, then hangs up.
 *
 * <p>Immutable apart from compiled patterns; thread-safe.
 */
final class ScriptedReplies
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final Pattern DELTA = Pattern.compile("\\S+\\s*");

    private final ScriptConfig script;
    private final Map<String, String> variables;
    private final List<Pattern> patterns = new ArrayList<>();

    ScriptedReplies(final ScriptConfig script, final Map<String, String> variables)
    {
        this.script = script;
        this.variables = variables;
        for (final ScriptConfig.Intent intent : script.intents())
        {
            patterns.add(null == intent.regex() ? null :
                Pattern.compile(intent.regex(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
    }

    void answer(final Command.StartLlm command, final String sessionId, final RunPublisher out)
    {
        final List<ChatMessage> context = command.context();
        final ChatMessage last = context.isEmpty() ? null : context.getLast();
        if (null != last && last.role() == Role.TOOL)
        {
            afterTools(command, sessionId, out);
            return;
        }
        final String transcript = lastUserText(context);
        if (transcript.isBlank())
        {
            final int n = countEmptyUserMessages(context) - 1;
            if (n >= 0 && n < script.sequence().size())
            {
                final ScriptConfig.Step step = script.sequence().get(n);
                if (null != step.say())
                {
                    say(command, sessionId, out, Template.render(step.say(), merged(step.variables())), false);
                }
                else
                {
                    final int index = intentIndex(step.intent());
                    run(command, sessionId, out, index, merged(step.variables()));
                }
                return;
            }
            say(command, sessionId, out, Template.render(script.fallback(), variables), false);
            return;
        }
        for (int i = 0; i < script.intents().size(); i++)
        {
            final Map<String, String> captured = match(i, transcript);
            if (null != captured)
            {
                captured.put("transcript", transcript);
                run(command, sessionId, out, i, merged(captured));
                return;
            }
        }
        say(command, sessionId, out, Template.render(script.fallback(), variables), false);
    }

    private void run(final Command.StartLlm command, final String sessionId, final RunPublisher out, final int index,
        final Map<String, String> vars)
    {
        final ScriptConfig.Intent intent = script.intents().get(index);
        if (null == intent.tool())
        {
            say(command, sessionId, out, Template.render(intent.reply(), vars), intent.endCall());
            return;
        }
        final ObjectNode arguments = JSON.createObjectNode();
        for (final Map.Entry<String, String> entry : new TreeMap<>(intent.tool().arguments()).entrySet())
        {
            arguments.put(entry.getKey(), Template.render(entry.getValue(), vars));
        }
        final ToolCall call = new ToolCall("call_" + command.runId() + "_" + command.step(), intent.tool().name(),
            arguments.toString());
        out.publish(command.runId(), new Event.LlmToolCall(sessionId, out.nowMs(), command.runId(), command.turn(),
            command.step(), call));
        out.publish(command.runId(), new Event.LlmDone(sessionId, out.nowMs(), command.runId(), command.turn(),
            command.step()));
    }

    private void afterTools(final Command.StartLlm command, final String sessionId, final RunPublisher out)
    {
        final List<ChatMessage> context = command.context();
        final Map<String, ChatMessage> results = new HashMap<>();
        int i = context.size() - 1;
        while (i >= 0 && context.get(i).role() == Role.TOOL)
        {
            results.put(context.get(i).toolCallId(), context.get(i));
            i--;
        }
        final StringBuilder reply = new StringBuilder();
        boolean endCall = false;
        if (i >= 0)
        {
            for (final ToolCall call : context.get(i).toolCalls())
            {
                final ScriptConfig.Intent intent = intentCalling(call.name());
                endCall |= null != intent && intent.endCall();
                final ChatMessage result = results.get(call.id());
                final String text = toolReply(call, null == result ? null : result.content());
                if (!reply.isEmpty())
                {
                    reply.append(' ');
                }
                reply.append(text);
            }
        }
        say(command, sessionId, out, reply.isEmpty() ? Template.render(script.fallback(), variables) :
            reply.toString(), endCall);
    }

    private ScriptConfig.Intent intentCalling(final String tool)
    {
        return script.intents().stream()
            .filter((candidate) -> null != candidate.tool() && candidate.tool().name().equals(tool))
            .findFirst().orElse(null);
    }

    private String toolReply(final ToolCall call, final String resultJson)
    {
        final ScriptConfig.Intent intent = intentCalling(call.name());
        JsonNode result = null;
        try
        {
            result = null == resultJson ? null : JSON.readTree(resultJson);
        }
        catch (final Exception ex)
        {
            result = null;
        }
        if (null == intent || null == result || result.has("error"))
        {
            return Template.render(script.fallback(), variables);
        }
        final JsonNode fields = result;
        return Template.render(intent.toolReply(), (name) ->
        {
            if (name.startsWith("result."))
            {
                final JsonNode value = fields.path(name.substring("result.".length()));
                return value.isMissingNode() || value.isNull() ? null : value.asText();
            }
            return variables.get(name);
        });
    }

    /** Speaks {@code text} word by word; with {@code endCall}, then asks for the built-in {@code end_call}. */
    private void say(final Command.StartLlm command, final String sessionId, final RunPublisher out,
        final String text, final boolean endCall)
    {
        final Matcher pieces = DELTA.matcher(text.strip());
        while (pieces.find())
        {
            out.publish(command.runId(), new Event.LlmDelta(sessionId, out.nowMs(), command.runId(), command.turn(),
                command.step(), pieces.group()));
        }
        if (endCall)
        {
            final ToolCall call = new ToolCall("call_" + command.runId() + "_" + command.step(), ToolCall.END_CALL,
                "{}");
            out.publish(command.runId(), new Event.LlmToolCall(sessionId, out.nowMs(), command.runId(),
                command.turn(), command.step(), call));
        }
        out.publish(command.runId(), new Event.LlmDone(sessionId, out.nowMs(), command.runId(), command.turn(),
            command.step()));
    }

    private Map<String, String> match(final int index, final String transcript)
    {
        final ScriptConfig.Intent intent = script.intents().get(index);
        final Matcher words = WORD.matcher(transcript.toLowerCase(Locale.ROOT));
        final List<String> found = new ArrayList<>();
        while (words.find())
        {
            found.add(words.group());
        }
        for (final String keyword : intent.keywords())
        {
            if (found.contains(keyword.toLowerCase(Locale.ROOT)))
            {
                final Map<String, String> captured = new HashMap<>();
                captureRegex(index, transcript, captured);
                return captured;
            }
        }
        final Map<String, String> captured = new HashMap<>();
        return captureRegex(index, transcript, captured) ? captured : null;
    }

    private boolean captureRegex(final int index, final String transcript, final Map<String, String> captured)
    {
        final Pattern pattern = patterns.get(index);
        if (null == pattern)
        {
            return false;
        }
        final Matcher matcher = pattern.matcher(transcript);
        if (!matcher.find())
        {
            return false;
        }
        for (final Map.Entry<String, Integer> group : matcher.namedGroups().entrySet())
        {
            final String value = matcher.group(group.getValue());
            if (null != value)
            {
                captured.put(group.getKey(), value.toLowerCase(Locale.ROOT));
            }
        }
        return true;
    }

    private Map<String, String> merged(final Map<String, String> extra)
    {
        final Map<String, String> all = new HashMap<>(variables);
        all.putAll(extra);
        return all;
    }

    private int intentIndex(final String name)
    {
        for (int i = 0; i < script.intents().size(); i++)
        {
            if (script.intents().get(i).name().equals(name))
            {
                return i;
            }
        }
        throw new IllegalStateException("unknown intent " + name);
    }

    private static String lastUserText(final List<ChatMessage> context)
    {
        for (int i = context.size() - 1; i >= 0; i--)
        {
            if (context.get(i).role() == Role.USER)
            {
                return null == context.get(i).content() ? "" : context.get(i).content();
            }
        }
        return "";
    }

    private static int countEmptyUserMessages(final List<ChatMessage> context)
    {
        int count = 0;
        for (final ChatMessage message : context)
        {
            if (message.role() == Role.USER && (null == message.content() || message.content().isBlank()))
            {
                count++;
            }
        }
        return count;
    }
}
