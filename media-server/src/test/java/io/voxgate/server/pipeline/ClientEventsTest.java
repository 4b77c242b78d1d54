package io.voxgate.server.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientEventsTest
{
    @Test
    void toolArgumentsAreSentAsJsonWhenTheyAreJsonAndAsAStringWhenTheModelStreamedSomethingElse()
    {
        assertEquals("{\"place\":\"harbor\"}", ClientEvents.jsonOrQuoted("{\"place\":\"harbor\"}"));
        assertEquals("{}", ClientEvents.jsonOrQuoted(null));
        assertEquals("{}", ClientEvents.jsonOrQuoted("  "));
        assertEquals("\"{\\\"place\\\": \\\"harb\"", ClientEvents.jsonOrQuoted("{\"place\": \"harb"));
    }
}
