package io.voxgate.orchestrator.provider.config;

import io.voxgate.orchestrator.model.AssistantSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        assertEquals(List.of("goodbye"), concierge.script().intents().stream()
            .filter(ScriptConfig.Intent::endCall).map(ScriptConfig.Intent::name).toList());
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
    void unknownKeysAreErrorsNamingTheirPathAndTheKeysExpected()
    {
        assertProblems("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts, option: {voice: kevin16}}]}
            greting: hello
            """,
            "greting: unknown key; expected one of id, systemPrompt, greeting, providers, dynamicVariables, " +
                "settings, tools, script",
            "providers.tts[0].option: unknown key; expected one of name, options");
    }

    @Test
    void wrongTypesAreErrorsSayingWhatWasFound()
    {
        assertProblems("""
            id: x
            greeting: [hello]
            providers: {llm: {name: scripted}, tts: [{name: freetts, options: {voice: [a, b]}}]}
            dynamicVariables: {place: {city: Oslo}}
            settings: {maxToolSteps: many, resumeFalseInterruption: "yes", repromptLine: 3}
            """,
            "greeting: must be text, not a list",
            "providers.llm: must be a list, not a mapping",
            "providers.tts[0].options.voice: must be text, a number or true/false, not a list",
            "dynamicVariables.place: must be text, a number or true/false, not a mapping",
            "settings.maxToolSteps: must be a whole number, not the text 'many'",
            "settings.resumeFalseInterruption: must be true or false, not the text 'yes'",
            "settings.repromptLine: must be text, not the number 3");
    }

    @Test
    void numbersOutOfRangeAreErrorsGivingTheRange()
    {
        assertProblems("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts, options: {chunkMs: -20, poolSize: 2.5}}]}
            settings: {idleTimeoutMs: -1, maxReprompts: 5000000, maxCallDurationMs: 2592000001}
            tools: [{name: book, url: "https://api.example.com/book", timeoutMs: 0}]
            """,
            "providers.tts[0].options.chunkMs: -20 is outside 0..2592000000",
            "providers.tts[0].options.poolSize: must be a whole number, not the number 2.5",
            "tools[0].timeoutMs: 0 is outside 1..600000",
            "settings.idleTimeoutMs: -1 is outside 0..2592000000",
            "settings.maxReprompts: 5000000 is outside 0..1000000",
            "settings.maxCallDurationMs: 2592000001 is outside 0..2592000000");
    }

    @Test
    void missingRequiredFieldsAreErrors()
    {
        assertProblems("""
            greeting: hi
            """, "id: is required", "providers: is required");
        assertProblems("""
            id: x
            providers: {asr: {options: {language: en}}, llm: []}
            """,
            "providers.asr.name: is required",
            "providers.llm: needs at least one provider",
            "providers.tts: is required: a list of at least one tts provider");
        assertProblems("", "the document is empty; an assistant needs at least id and providers");
        assertProblems("- id: x\n", "the document must be a mapping of keys, not a list");
    }

    @Test
    void badIdsAndProviderOptionsAreErrors()
    {
        assertProblems("""
            id: "my assistant"
            providers:
              llm: [{name: openai, options: {baseUrl: "localhost:8080", model: ""}}]
              tts: [{name: " ", options: {voice: ""}}]
            """,
            "id: 'my assistant' is not an assistant ID ([A-Za-z0-9_.-], 1-64 characters)",
            "providers.llm[0].options.baseUrl: 'localhost:8080' must be an absolute http/https/ws/wss URL",
            "providers.llm[0].options.model: must not be empty",
            "providers.tts[0].name: must not be empty",
            "providers.tts[0].options.voice: must not be empty");
    }

    @Test
    void badToolDefinitionsAreErrors()
    {
        assertProblems("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            tools:
              - {name: book room}
              - {name: lookup, parameters: {type: array}}
              - {name: lookup}
              - {name: show_map, execution: client, url: "https://example.com/map"}
              - {name: in_process, method: GET}
              - {name: fetch, url: "ftp://example.com/{{id}}", method: FETCH, headers: {X-Key: [1]}}
              - {name: wherever, execution: browser}
            settings: {clientTools: [show_map, nowhere]}
            """,
            "tools[0].name: 'book room' is not a tool name ([A-Za-z0-9_-], 1-64 characters)",
            "tools[1].parameters.type: must be object (a tool's arguments are a JSON object), not the text 'array'",
            "tools[2].name: 'lookup' is declared twice",
            "tools[3].url: a client-side tool has no url (the client runs it)",
            "tools[4].method: only an HTTP tool has a method; add its url",
            "tools[5].url: 'ftp://example.com/{{id}}' must be an absolute http/https URL",
            "tools[5].method: 'FETCH' is not one of GET, POST, PUT, PATCH, DELETE",
            "tools[5].headers.X-Key: must be text, not a list",
            "tools[6].execution: 'browser' is not one of server, client",
            "settings.clientTools[1]: no tool 'nowhere' is declared under tools");
    }

    @Test
    void aSpeechToSpeechModelIsReadInPlaceOfTheLlmAndAnLlmBesideItIsAnError()
    {
        final AssistantConfig config = read("""
            id: x
            providers: {speechToSpeech: {name: openai-realtime, options: {voice: marin, serverVad: false}}}
            """);
        assertEquals("openai-realtime", config.providers().speechToSpeech().name());
        assertEquals(List.of(), config.providers().llm());
        assertEquals(List.of("freetts"), config.providers().tts().stream().map(ProviderSpec::name).toList());
        assertProblems("""
            id: x
            providers: {speechToSpeech: {name: openai-realtime}, llm: [{name: scripted}]}
            """,
            "providers.llm: must be absent with a speechToSpeech model (it replaces the llm)");
        assertProblems("""
            id: x
            providers: {speechToSpeech: {name: openai-realtime}, asr: {name: deepgram}}
            """,
            "providers.asr: must be absent with a speechToSpeech model (it hears the caller)");
        assertProblems("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            settings: {speechToSpeech: true}
            """,
            "settings.speechToSpeech: is decided by providers.speechToSpeech, not a setting");
    }

    @Test
    void badScriptsAreErrors()
    {
        assertProblems("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            script:
              intents:
                - {name: hours, regex: "(open", reply: We open at nine.}
                - {name: silent}
                - {name: book, tool: {name: book_room}}
                - {name: bye, reply: Bye., endCall: sure}
              sequence: [{intent: nowhere}, {say: hi, intent: hours}]
            """,
            "script.intents[0].regex: is not a regular expression: Unclosed group near index 5",
            "script.intents[1]: needs a reply or a tool",
            "script.intents[2].toolReply: is required with a tool",
            "script.intents[2].tool.name: no tool 'book_room' is declared under tools",
            "script.intents[3].endCall: must be true or false, not the text 'sure'",
            "script.sequence[0].intent: no intent 'nowhere' is declared under script.intents",
            "script.sequence[1]: needs exactly one of say and intent");
    }

    @Test
    void crossFieldSettingRulesAreErrorsUnderSettings()
    {
        assertProblems("""
            id: x
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            settings: {minEndpointingDelayMs: 900, maxEndpointingDelayMs: 800}
            """, "settings: maxEndpointingDelayMs < minEndpointingDelayMs");
    }

    @Test
    void invalidYamlNamesTheLine()
    {
        final AssistantConfigException error = assertThrows(AssistantConfigException.class, () -> read("""
            id: x
            providers: {llm: [{name: scripted}
            """));
        assertEquals("x.yaml: not valid YAML: while parsing a flow sequence, expected ',' or ']', but got " +
            "<stream end> (line 2, column 35)", error.getMessage());
    }

    @Test
    void readsHttpAndClientToolsFromJsonWithClientToolsJoiningTheSettings()
    {
        final AssistantConfig config = reader.readJson(new ByteArrayInputStream("""
            {"id": "web", "providers": {"llm": [{"name": "scripted"}], "tts": [{"name": "freetts"}]},
             "tools": [{"name": "book", "url": "https://api.example.com/rooms/{{day}}", "method": "PUT",
                        "timeoutMs": 5000, "headers": {"X-Key": "k"}},
                       {"name": "show_map", "execution": "client"}],
             "settings": {"clientTools": ["book"]}}
            """.getBytes(StandardCharsets.UTF_8)), "backend");
        final ToolSpec book = config.tools().getFirst();
        assertTrue(book.isHttp());
        assertEquals(List.of("PUT", 5000L, Map.of("X-Key", "k")), List.of(book.method(), book.timeoutMs(),
            book.headers()));
        assertTrue(config.tools().get(1).isClientSide());
        assertEquals(List.of("book", "show_map"), config.settingsFor(Map.of()).clientTools());
    }

    @Test
    void aFileWhoseIdDiffersFromItsNameIsAnError(@TempDir final Path dir) throws Exception
    {
        Files.writeString(dir.resolve("hello.yaml"), """
            id: goodbye
            providers: {llm: [{name: scripted}], tts: [{name: freetts}]}
            """);
        final AssistantConfigException error =
            assertThrows(AssistantConfigException.class, () -> reader.readAll(dir));
        assertEquals(dir.resolve("hello.yaml") + ": id: 'goodbye' does not match the file name", error.getMessage());
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

    private void assertProblems(final String yaml, final String... problems)
    {
        final AssistantConfigException error = assertThrows(AssistantConfigException.class, () -> read(yaml));
        assertEquals(List.of(problems), error.problems());
        assertEquals("x.yaml: " + String.join("; ", problems), error.getMessage());
    }

    private AssistantConfig read(final String yaml)
    {
        return reader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x.yaml");
    }
}
