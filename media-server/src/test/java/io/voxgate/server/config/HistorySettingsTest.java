package io.voxgate.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The HISTORY_* settings: defaults, seconds with fractions or units, and errors naming the setting. */
class HistorySettingsTest
{
    @Test
    void defaultsPersistToDailyFilesWithBoundedRetries()
    {
        final ServerConfig config = ServerConfig.of(Map.of());
        assertTrue(config.historyEnabled());
        assertEquals(Path.of("history"), config.historyDir());
        assertEquals(Optional.empty(), config.backendUrl());
        assertEquals(16384, config.historyQueueCapacity());
        assertEquals(6, config.historyRetryMaxAttempts());
        assertEquals(Duration.ofMillis(500), config.historyRetryBackoff());
        assertEquals(Duration.ofSeconds(10), config.historyFinalizeDrainTimeout());
    }

    @Test
    void secondsTakeFractionsAndUnits()
    {
        final ServerConfig config = ServerConfig.of(Map.of(
            ServerSetting.HISTORY_ENABLED, "false",
            ServerSetting.HISTORY_DIR, "/var/lib/voxgate/history",
            ServerSetting.HISTORY_RETRY_BACKOFF_SEC, "0.25",
            ServerSetting.HISTORY_FINALIZE_DRAIN_TIMEOUT_SEC, "1500ms",
            ServerSetting.HISTORY_RETRY_MAX_ATTEMPTS, "3",
            ServerSetting.BACKEND_URL, "https://backend.example.com/api/"));
        assertFalse(config.historyEnabled());
        assertEquals(Path.of("/var/lib/voxgate/history"), config.historyDir());
        assertEquals(Duration.ofMillis(250), config.historyRetryBackoff());
        assertEquals(Duration.ofMillis(1500), config.historyFinalizeDrainTimeout());
        assertEquals(3, config.historyRetryMaxAttempts());
        assertEquals(Optional.of("https://backend.example.com/api"), config.backendUrl());
    }

    @Test
    void badValuesAreReportedBySettingAtStartUp()
    {
        final ConfigException failure = assertThrows(ConfigException.class, () -> ServerConfig.of(Map.of(
            ServerSetting.HISTORY_ENABLED, "maybe",
            ServerSetting.HISTORY_RETRY_BACKOFF_SEC, "0",
            ServerSetting.HISTORY_RETRY_MAX_ATTEMPTS, "0",
            ServerSetting.HISTORY_QUEUE_CAPACITY, "8",
            ServerSetting.HISTORY_FINALIZE_DRAIN_TIMEOUT_SEC, "soon",
            ServerSetting.BACKEND_URL, "ftp://backend")));
        final String message = failure.getMessage();
        for (final String setting : new String[]{"HISTORY_ENABLED/--history", "HISTORY_RETRY_BACKOFF_SEC",
            "HISTORY_RETRY_MAX_ATTEMPTS", "HISTORY_QUEUE_CAPACITY", "HISTORY_FINALIZE_DRAIN_TIMEOUT_SEC",
            "BACKEND_URL"})
        {
            assertTrue(message.contains(setting), setting + " in: " + message);
        }
    }
}
