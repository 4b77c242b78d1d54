package io.voxgate.server.pipeline;

import io.voxgate.orchestrator.model.Command;
import io.voxgate.orchestrator.model.Event;
import io.voxgate.orchestrator.model.PlayoutMarks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TwilioMessageWriterTest
{
    private static final byte[] SID = TwilioMessageWriter.ascii("MZaaaabbbbccccddddeeeeffff00001111");

    private final TwilioMessageWriter writer = new TwilioMessageWriter();

    private String text(final int length)
    {
        return writer.buffer().getStringWithoutLengthAscii(0, length);
    }

    @Test
    void writesTwilioMediaMessagesExactly()
    {
        final byte[] mulaw = {(byte)0xFF, 0x7F, 0x00, 0x12};
        final int length = writer.media(SID, new UnsafeBuffer(mulaw), 0, mulaw.length);
        assertEquals("{\"event\":\"media\",\"streamSid\":\"MZaaaabbbbccccddddeeeeffff00001111\"," +
            "\"media\":{\"payload\":\"" + Base64.getEncoder().encodeToString(mulaw) + "\"}}", text(length));
    }

    @Test
    void writesMarksNamedAsTheOrchestratorParsesThem()
    {
        final int length = writer.mark(SID, 7, 3, 2, 1840);
        assertEquals("{\"event\":\"mark\",\"streamSid\":\"MZaaaabbbbccccddddeeeeffff00001111\"," +
            "\"mark\":{\"name\":\"r7:t3:s2:1840\"}}", text(length));
        final Command.PlayAudio play = new Command.PlayAudio("s", 7, 3, 2, 8000, new byte[0], 1840);
        assertEquals("r7:t3:s2:1840", PlayoutMarks.name(play));
        assertEquals(new Event.PlayoutProgress("s", 0, 7, 3, 2, 1840), PlayoutMarks.parse("s", 0, "r7:t3:s2:1840"));
    }

    @Test
    void writesClearExactly()
    {
        assertEquals("{\"event\":\"clear\",\"streamSid\":\"MZaaaabbbbccccddddeeeeffff00001111\"}",
            text(writer.clear(SID)));
    }

    @Test
    void holdsTheLargestMediaMessage()
    {
        final int length = writer.media(TwilioMessageWriter.ascii("M".repeat(CallStart.MAX_STREAM_SID_LENGTH)),
            new UnsafeBuffer(new byte[TwilioMessageWriter.MAX_MEDIA_BYTES + 8]), 0,
            TwilioMessageWriter.MAX_MEDIA_BYTES + 8);
        assertEquals(writer.buffer().capacity(), length);
    }
}
