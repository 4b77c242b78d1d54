package io.voxgate.orchestrator.provider.registry;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.provider.AsrSession;
import io.voxgate.orchestrator.provider.AudioFormat;
import io.voxgate.orchestrator.provider.CallContext;
import io.voxgate.orchestrator.provider.LlmSession;
import io.voxgate.orchestrator.provider.RunPublisher;
import io.voxgate.orchestrator.provider.SpeechToSpeechSession;
import io.voxgate.orchestrator.provider.TtsSession;
import io.voxgate.orchestrator.provider.tool.ToolRunner;
import org.agrona.DirectBuffer;

/**
 * One call's provider sessions and the router from the reducer's provider commands to them:
 *
 * <table>
 *   <caption>Commands and the events that answer them</caption>
 *   <tr><th>command</th><th>session</th><th>events</th></tr>
 *   <tr><td>StartAsr / StopAsr</td><td>ASR start / stop</td><td>TranscriptPartial, TranscriptFinal</td></tr>
 *   <tr><td>StartLlm</td><td>LLM start</td><td>LlmDelta*, LlmToolCall*, LlmDone | LlmFailed</td></tr>
 *   <tr><td>CancelLlm</td><td>LLM cancel</td><td>none further for the run</td></tr>
 *   <tr><td>SynthesizeSegment</td><td>TTS synthesize</td><td>TtsAudio+, TtsDone | TtsFailed</td></tr>
 *   <tr><td>CancelTts</td><td>TTS cancel</td><td>none further for the run</td></tr>
 *   <tr><td>ExecuteTool</td><td>tool runner</td><td>ToolResult</td></tr>
 *   <tr><td>CancelTool</td><td>tool runner cancel</td><td>none for the call</td></tr>
 * </table>
 *
 * <p>With a speech-to-speech model (see {@link AssistantProviders}) the model takes the LLM's place and hears the
 * caller: caller audio goes to it as received; {@code StartLlm} asks it for a reply ({@code respond}: commit of the
 * audio since the last reply, then {@code response.create}); {@code CancelLlm} stops the reply
 * ({@code response.cancel}); {@code TruncateReply} cuts its memory of the reply at the heard position
 * ({@code conversation.item.truncate}). Its audio, transcript and tool calls come back as the run's events. The TTS
 * speaks only the fixed lines.
 *
 * <p>Other commands (audio playout, timers, client messages, hang-up) belong to the media server;
 * {@link #execute} returns false for them.
 *
 * <p><b>Threading:</b> called on the call's orchestrator thread; never blocks; events come back through the call's
 * {@link io.voxgate.orchestrator.provider.EventSink} from the adapters' threads.
 */
public final class CallProviders implements AutoCloseable
{
    private final AssistantProviders providers;
    private final AsrSession asr;
    private final LlmSession llm;
    private final TtsSession tts;
    private final SpeechToSpeechSession model;
    private final ToolRunner tools;

    CallProviders(final AssistantProviders providers, final CallContext call)
    {
        this.providers = providers;
        this.asr = providers.asr().open(call);
        this.model = null == providers.speechToSpeech() ? null : providers.speechToSpeech().open(call);
        this.llm = null == providers.llm() ? null : providers.llm().open(call);
        this.tts = providers.tts().open(call);
        this.tools = new ToolRunner(providers.tools(), call.sessionId(), call.variables(),
            providers.environment().executor(), new RunPublisher(call.events()));
    }

    /**
     * The caller audio the ASR (or the speech-to-speech model) wants; feed {@link #audio} in this format.
     *
     * @return the format.
     */
    public AudioFormat asrFormat()
    {
        return providers.callerAudioFormat();
    }

    /**
     * Routes one command to its provider session.
     *
     * @param command the command.
     * @return true when it was a provider command, false when the media server handles it itself.
     */
    public boolean execute(final Command command)
    {
        switch (command)
        {
            case Command.StartAsr ignored -> asr.start();
            case Command.StopAsr ignored -> asr.stop();
            case Command.StartLlm start ->
            {
                if (null == model)
                {
                    llm.start(start);
                }
                else
                {
                    model.respond(start);
                }
            }
            case Command.CancelLlm cancel ->
            {
                if (null == model)
                {
                    llm.cancel(cancel.runId());
                }
                else
                {
                    // Stops the reply; the heard position follows in TruncateReply when audio was playing.
                    model.interrupt(cancel.runId(), Long.MAX_VALUE);
                }
            }
            case Command.TruncateReply truncate ->
            {
                if (null == model)
                {
                    return false;
                }
                model.interrupt(truncate.runId(), truncate.playedMs());
            }
            case Command.SynthesizeSegment segment -> tts.synthesize(segment);
            case Command.CancelTts cancel -> tts.cancel(cancel.runId());
            case Command.ExecuteTool tool -> tools.execute(tool);
            case Command.CancelTool cancel -> tools.cancel(cancel.callId());
            default ->
            {
                return false;
            }
        }
        return true;
    }

    /**
     * One frame of caller audio for the recogniser (or the speech-to-speech model), in {@link #asrFormat()}.
     *
     * @param buffer the audio.
     * @param offset where it starts.
     * @param length its length in bytes.
     */
    public void audio(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == model)
        {
            asr.audio(buffer, offset, length);
        }
        else
        {
            model.audio(buffer, offset, length);
        }
    }

    @Override
    public void close()
    {
        tools.close();
        asr.close();
        if (null != llm)
        {
            llm.close();
        }
        if (null != model)
        {
            model.close();
        }
        tts.close();
    }
}
