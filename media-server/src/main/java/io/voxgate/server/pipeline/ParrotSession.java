package io.voxgate.server.pipeline;

import io.voxgate.codec.g711.MuLaw;
import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;

import java.util.Arrays;
import java.util.List;

/**
 * One call of the {@link ParrotAssistant}.
 *
 * <p>Recording: from the first frame whose VAD flags mark a speech onset, every caller frame's μ-law bytes are
 * appended to a buffer allocated once per call; the utterance ends at the last voiced frame. Frames keep being
 * appended while the turn is open (speech may resume), and the recording is taken when the reducer ends the turn.
 *
 * <p>As LLM: {@code StartLlm} of a reply takes the recording as that run's utterance and answers with one short
 * sentence and done. As TTS: the first {@code SynthesizeSegment} of that run is answered with the utterance as
 * 8 kHz PCM16 in 100 ms chunks, any other segment (re-prompts, goodbyes, fallbacks, which have no recording) with a
 * beep, then done.
 *
 * <p>Owned by the orchestrator thread. {@link #onCallerAudio} allocates nothing; a turn allocates its reply.
 */
final class ParrotSession implements BackendSession
{
    private static final int SAMPLE_RATE = 8000;
    private static final int CHUNK_SAMPLES = SAMPLE_RATE / 10;
    private static final List<byte[]> BEEP = PromptTones.chunks(
        PromptTones.notes(SAMPLE_RATE, new double[]{880.0}, 200, 0, 0.25), SAMPLE_RATE, 100);

    private final String sessionId;
    private final EventPoster events;
    private final byte[] recording;
    private int recorded;
    private int voiced;
    private boolean capturing;
    private long replyRunId = -1;
    private byte[] reply;

    ParrotSession(final String sessionId, final EventPoster events, final int maxUtteranceBytes)
    {
        this.sessionId = sessionId;
        this.events = events;
        this.recording = new byte[maxUtteranceBytes];
    }

    @Override
    public void onCallerAudio(final IngressSlot slot)
    {
        final int flags = slot.vadFlags();
        if (!capturing)
        {
            if ((flags & IngressSlot.VAD_STARTED) == 0)
            {
                return;
            }
            capturing = true;
            recorded = 0;
            voiced = 0;
        }
        final int length = Math.min(slot.payloadLength(), recording.length - recorded);
        slot.buffer().getBytes(slot.payloadOffset(), recording, recorded, length);
        recorded += length;
        if ((flags & (IngressSlot.VAD_SPEECH | IngressSlot.VAD_STOPPED)) != 0)
        {
            voiced = recorded;
        }
    }

    @Override
    public boolean execute(final Command command, final long nowMs)
    {
        switch (command)
        {
            case Command.StartLlm llm ->
            {
                if (llm.step() == 0)
                {
                    reply = Arrays.copyOf(recording, voiced);
                    replyRunId = llm.runId();
                    capturing = false;
                }
                final String text = "Parrot replay of " + (null == reply ? 0 : reply.length / 8) + " ms.";
                events.post(new Event.LlmDelta(sessionId, nowMs, llm.runId(), llm.turn(), llm.step(), text));
                events.post(new Event.LlmDone(sessionId, nowMs, llm.runId(), llm.turn(), llm.step()));
                return true;
            }
            case Command.SynthesizeSegment segment ->
            {
                if (segment.runId() == replyRunId && null != reply && reply.length > 0)
                {
                    postUtterance(segment, nowMs);
                }
                else
                {
                    for (final byte[] chunk : BEEP)
                    {
                        events.post(new Event.TtsAudio(sessionId, nowMs, segment.runId(), segment.turn(),
                            segment.segment(), SAMPLE_RATE, chunk));
                    }
                }
                if (segment.runId() == replyRunId)
                {
                    reply = null;
                }
                events.post(new Event.TtsDone(sessionId, nowMs, segment.runId(), segment.turn(), segment.segment()));
                return true;
            }
            case Command.CancelLlm ignored ->
            {
                // Answers are given at once: nothing is left to cancel.
                return true;
            }
            case Command.CancelTts ignored ->
            {
                return true;
            }
            default ->
            {
                return false;
            }
        }
    }

    private void postUtterance(final Command.SynthesizeSegment segment, final long nowMs)
    {
        final byte[] utterance = reply;
        for (int from = 0; from < utterance.length; from += CHUNK_SAMPLES)
        {
            final int samples = Math.min(CHUNK_SAMPLES, utterance.length - from);
            final short[] pcm = new short[samples];
            MuLaw.decode(utterance, from, pcm, 0, samples);
            final byte[] bytes = new byte[2 * samples];
            for (int i = 0; i < samples; i++)
            {
                bytes[2 * i] = (byte)pcm[i];
                bytes[2 * i + 1] = (byte)(pcm[i] >> 8);
            }
            events.post(new Event.TtsAudio(sessionId, nowMs, segment.runId(), segment.turn(), segment.segment(),
                SAMPLE_RATE, bytes));
        }
    }

    @Override
    public void close()
    {
        reply = null;
        capturing = false;
    }
}
