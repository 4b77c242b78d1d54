package io.voxgate.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ServerConfigTest
{
    @Test
    void defaultsMatchTheDocumentedValues()
    {
        final ServerConfig config = ServerConfig.of(Map.of());
        assertEquals(8080, config.port());
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals(Duration.ofSeconds(30), config.drainTimeout());
        assertEquals(Duration.ofSeconds(15), config.idleTimeout());
        assertEquals(65536, config.maxFrameBytes());
        assertEquals(2000, config.maxCalls());
        assertEquals(16384, config.ingressRingSize());
        assertEquals(16384, config.egressRingSize());
        assertEquals(1, config.dspThreads());
        assertEquals(0, config.ioThreads());
        assertEquals(SocketTransport.AUTO, config.transport());
        assertEquals("concierge", config.assistant());
        assertEquals(Path.of("config", "assistants"), config.assistantsDir());
        assertEquals(Optional.empty(), config.twilioAuthToken());
        assertEquals(Optional.empty(), config.sessionLogDir());
        assertEquals(URI.create("http://localhost:9000"), config.publicUrl(9000));
    }

    @Test
    void everySettingHasADistinctEnvironmentVariableAndFlag()
    {
        final java.util.Set<String> names = new java.util.HashSet<>();
        final java.util.Set<String> flags = new java.util.HashSet<>();
        for (final ServerSetting setting : ServerSetting.values())
        {
            assertTrue(names.add(setting.environmentVariable()), setting.environmentVariable());
            assertFalse(setting.description().isBlank(), setting.name());
            if (setting.flag() != null)
            {
                assertTrue(flags.add(setting.flag()), setting.flag());
            }
        }
        assertEquals(null, ServerSetting.TWILIO_AUTH_TOKEN.flag(), "secrets stay out of process listings");
        assertEquals("DRAIN_TIMEOUT", ServerSetting.DRAIN_TIMEOUT.environmentVariable());
        assertEquals("SESSION_LOG_DIR", ServerSetting.SESSION_LOG_DIR.environmentVariable());
        assertEquals("--session-log", ServerSetting.SESSION_LOG_DIR.flag());
    }

    @Test
    void flagsOverrideTheEnvironmentWhichOverridesDefaults()
    {
        final ServerConfig config = ServerConfig.resolve(
            Map.of("VOXGATE_PORT", "9000", "DRAIN_TIMEOUT", "5s", "TWILIO_AUTH_TOKEN", "secret",
                "SESSION_LOG_DIR", "/tmp/logs"),
            Map.of(ServerSetting.PORT, "9100", ServerSetting.ASSISTANT, "tone"));
        assertEquals(9100, config.port());
        assertEquals(Duration.ofSeconds(5), config.drainTimeout());
        assertEquals(Optional.of("secret"), config.twilioAuthToken());
        assertEquals(Optional.of(Path.of("/tmp/logs")), config.sessionLogDir());
        assertEquals("tone", config.assistant());
        assertTrue(config.describe().contains("TWILIO_AUTH_TOKEN=(set)"), "the token is never printed");
    }

    @Test
    void durationsAcceptTheUsualSpellings()
    {
        assertEquals(Duration.ofMillis(250), DurationText.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
        assertEquals(Duration.ofSeconds(45), DurationText.parse("PT45S"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("5 parsecs"));
    }

    @Test
    void publicUrlIsNormalisedAndMustBeAnAbsoluteHttpUrlWithoutQuery()
    {
        assertEquals(URI.create("https://voice.example.com/vg"),
            ServerConfig.of(Map.of(ServerSetting.PUBLIC_URL, "https://voice.example.com/vg/")).publicUrl(1));
        for (final String bad : new String[] {"voice.example.com", "ftp://x.example", "https://x.example/?a=1",
            "https://x.example/#f", "https://user@x.example"})
        {
            final ConfigException ex = assertThrows(ConfigException.class,
                () -> ServerConfig.of(Map.of(ServerSetting.PUBLIC_URL, bad)), bad);
            assertTrue(ex.getMessage().contains("PUBLIC_URL/--public-url"), ex.getMessage());
        }
    }

    @Test
    void badValuesAreAllReportedAtOnceNamingVariableAndFlag()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ServerConfig.resolve(
            Map.of("VOXGATE_PORT", "http", "VOXGATE_INGRESS_RING_SIZE", "1000"),
            Map.of(ServerSetting.DSP_THREADS, "0", ServerSetting.TRANSPORT, "kqueue",
                ServerSetting.MAX_FRAME_BYTES, "10", ServerSetting.IDLE_TIMEOUT, "0s",
                ServerSetting.ASSISTANT, "no spaces")));
        assertEquals(7, ex.problems().size(), ex.getMessage());
        assertTrue(ex.problems().contains("VOXGATE_PORT/--port: 'http' is not a whole number"), ex.getMessage());
        assertTrue(ex.problems().contains("VOXGATE_INGRESS_RING_SIZE/--ingress-ring-size: 1000 is not a power of two"),
            ex.getMessage());
        assertTrue(ex.problems().contains("VOXGATE_DSP_THREADS/--dsp-threads: 0 is outside 1..64"), ex.getMessage());
        assertTrue(ex.problems().contains("VOXGATE_TRANSPORT/--transport: 'kqueue' is not one of auto, epoll, nio"),
            ex.getMessage());
        assertTrue(ex.getMessage().startsWith("invalid configuration: "));
    }

    @Test
    void withReplacesSettingsAndRevalidates()
    {
        final ServerConfig config = ServerConfig.of(Map.of()).with(Map.of(ServerSetting.PORT, "0"));
        assertEquals(0, config.port());
        assertThrows(ConfigException.class, () -> config.with(Map.of(ServerSetting.PORT, "65536")));
    }
}
