package io.voxgate.orchestrator.provider.config;

import io.voxgate.orchestrator.model.AssistantSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssistantConfigReaderTest
{
    /** The repository's assistants directory (tests run in the module directory). */
    static final Path ASSISTANTS = Path.of("..", "config", "assistants");

    private final AssistantConfigReader reader = new AssistantConfigReader();

    @Test
    void readsTheConciergeWithItsOfflineProviders()
    {
        final AssistantConfig concierge = reader.read(ASSISTANTS, "concierge");
        assertEquals("concierge", concierge.id());
        assertEquals("none", concierge.providers().asr().name());
        assertEquals(List.of("scripted"), concierge.providers().llm().stream().map(ProviderSpec::name).toList());
        assertEquals(List.of("freetts"), concierge.providers().tts().stream().map(ProviderSpec::name).toList());
        assertEquals("kevin16", concierge.providers().tts().getFirst().text("voice", "?"));
        assertEquals(List.of("check_availability"), concierge.tools().stream().map(ToolSpec::name).toList());
        assertEquals(4, concierge.script().intents().size());
        assertEquals(3, concierge.script().sequence().size());
    }

    @Test
    void fillsGreetingAndPromptFromVariablesWithCallParametersWinning()
    {
        final AssistantConfig concierge = reader.read(ASSISTANTS, "concierge");
        final AssistantSettings settings =
            concierge.settingsFor(concierge.variablesFor(Map.of("business_name", "Seaside Inn")));
        assertEquals("Hello, and thank you for calling Seaside Inn. I am the concierge. How can I help you today?",
            settings.greeting());
        assertTrue(settings.systemPrompt().startsWith("You are the phone concierge of Seaside Inn."));
        assertEquals(1200, settings.maxEndpointingDelayMs());
        assertEquals(500, settings.minEndpointingDelayMs());
        assertEquals("concierge", settings.name());
    }

    @Test
    void unknownKeyIsAnErrorNamingIt()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> read("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            greting: hello
            """));
        assertTrue(error.getMessage().contains("greting"), error.getMessage());
        assertTrue(error.getMessage().startsWith("x.yaml"), error.getMessage());
    }

    @Test
    void unknownSettingAndBadValueAreErrors()
    {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> read("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            settings: {maxEndpointingDelay: 3}
            """));
        assertTrue(unknown.getMessage().contains("unknown setting 'maxEndpointingDelay'"), unknown.getMessage());
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> read("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            settings: {maxToolSteps: many}
            """));
        assertTrue(bad.getMessage().contains("maxToolSteps must be a int"), bad.getMessage());
    }

    @Test
    void missingProvidersAndUnknownSequenceIntentAreErrors()
    {
        final IllegalArgumentException noTts = assertThrows(IllegalArgumentException.class, () -> read("""
            id: x
            providers: {llm: [{name: scripted}]}
            """));
        assertTrue(noTts.getMessage().contains("at least one llm and one tts"), noTts.getMessage());
        final IllegalArgumentException sequence = assertThrows(IllegalArgumentException.class, () -> read("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            script: {sequence: [{intent: nowhere}]}
            """));
        assertTrue(sequence.getMessage().contains("unknown intent 'nowhere'"), sequence.getMessage());
    }

    @Test
    void readsEveryAssistantOfTheDirectory()
    {
        assertTrue(reader.readAll(ASSISTANTS).containsKey("concierge"));
    }

    @Test
    void missingFileNamesThePath()
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> reader.read(ASSISTANTS, "nobody"));
        assertTrue(error.getMessage().contains("nobody.yaml does not exist"), error.getMessage());
    }

    private AssistantConfig read(final String yaml)
    {
        return reader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x.yaml");
    }
}
