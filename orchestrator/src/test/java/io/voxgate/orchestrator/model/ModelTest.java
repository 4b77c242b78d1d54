package io.voxgate.orchestrator.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's small contracts: the defaults the issue asks for, validation at construction, and playout mark names
 * that parse back into the event they stand for.
 */
class ModelTest
{
    @Test
    void defaultsAreTheDocumentedOnes()
    {
        final AssistantSettings settings = AssistantSettings.defaults();
        assertEquals(500, settings.minEndpointingDelayMs());
        assertEquals(3_000, settings.maxEndpointingDelayMs());
        assertEquals(300, settings.minInterruptionDurationMs());
        assertEquals(0, settings.minInterruptionWords());
        assertEquals(2_000, settings.falseInterruptionTimeoutMs());
        assertTrue(settings.resumeFalseInterruption());
        assertEquals(5, settings.maxToolSteps());
        assertEquals(2, settings.maxReprompts());
        assertEquals(1_800_000, settings.maxCallDurationMs());
        assertEquals(4, settings.keepLastTurns());
    }

    @Test
    void builderCopiesAndOverrides()
    {
        final AssistantSettings base = AssistantSettings.builder().minInterruptionWords(3)
            .clientTools(List.of("show_map")).build();
        final AssistantSettings copy = base.toBuilder().maxToolSteps(2).build();
        assertEquals(3, copy.minInterruptionWords());
        assertEquals(2, copy.maxToolSteps());
        assertTrue(copy.isClientTool("show_map"));
        assertFalse(copy.isClientTool("get_weather"));
        assertEquals(base, base.toBuilder().build());
    }

    @Test
    void invalidSettingsFailAtConstruction()
    {
        assertThrows(IllegalArgumentException.class,
            () -> AssistantSettings.builder().minEndpointingDelayMs(800).maxEndpointingDelayMs(700).build());
        assertThrows(IllegalArgumentException.class, () -> AssistantSettings.builder().idleTimeoutMs(0).build());
        assertThrows(IllegalArgumentException.class, () -> AssistantSettings.builder().maxToolSteps(-1).build());
        assertThrows(IllegalArgumentException.class, () -> AssistantSettings.builder().errorFallbackLine(" ").build());
        assertThrows(NullPointerException.class, () -> AssistantSettings.builder().greeting(null).build());
    }

    @Test
    void playoutMarkNamesParseBackToTheirProgressEvent()
    {
        final Command.PlayAudio play = new Command.PlayAudio("c", 17, 3, 2, 16_000, new byte[640], 1_840);
        assertEquals("r17:t3:s2:1840", PlayoutMarks.name(play));
        assertEquals(new Event.PlayoutProgress("c", 99, 17, 3, 2, 1_840),
            PlayoutMarks.parse("c", 99, PlayoutMarks.name(play)));
    }

    @Test
    void foreignMarkNamesParseToNull()
    {
        for (final String name : List.of("", "turn-3:seg-2", "r1:t2:s3", "r1:t2:s3:", "r1:t2:s3:4:5", "x1:t2:s3:4",
            "r1:t99999999999:s3:4", "r:t2:s3:4", "r1:t2:s3:4 "))
        {
            assertNull(PlayoutMarks.parse("c", 0, name), name);
        }
    }

    @Test
    void chatMessagesAreImmutable()
    {
        final ChatMessage message = ChatMessage.assistant(null, List.of(new ToolCall("a", "b", "{}")));
        assertThrows(UnsupportedOperationException.class, () -> message.toolCalls().clear());
        assertEquals(List.of(), ChatMessage.user("x").toolCalls());
        assertThrows(NullPointerException.class, () -> new ToolCall(null, "b", "{}"));
    }
}
