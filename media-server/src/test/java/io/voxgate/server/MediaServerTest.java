package io.voxgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.netty.channel.epoll.Epoll;
import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.config.ServerSetting;
import org.junit.jupiter.api.Test;

/** Start-up: configuration errors fail fast and clearly; the banner tells the operator what to paste into Twilio. */
class MediaServerTest
{
    @Test
    void anUnknownAssistantFailsAtStartNamingTheKnownOnes()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> MediaServer.start(
            ServerConfig.of(Map.of(ServerSetting.PORT, "0", ServerSetting.ASSISTANT, "oracle",
                ServerSetting.INGRESS_RING_SIZE, "64", ServerSetting.EGRESS_RING_SIZE, "64"))));
        assertTrue(ex.getMessage().startsWith("VOXGATE_ASSISTANT/--assistant"), ex.getMessage());
        assertTrue(ex.getMessage().contains("oracle"), ex.getMessage());
        assertTrue(ex.getMessage().contains("parrot") && ex.getMessage().contains("tone"), ex.getMessage());
    }

    @Test
    void theBannerShowsTheUrlsAndTheTwimlForThePublicUrl() throws Exception
    {
        try (ServerFixture fixture = new ServerFixture(Map.of(ServerSetting.PUBLIC_URL, "https://voice.example.com",
            ServerSetting.ASSISTANT, "tone")))
        {
            final String banner = fixture.server.banner();
            assertTrue(banner.contains("http://localhost:" + fixture.server.port() + "/metrics"), banner);
            assertTrue(banner.contains("wss://voice.example.com/twilio"), banner);
            assertTrue(banner.contains("https://voice.example.com/twilio/voice"), banner);
            assertTrue(banner.contains("<Stream url=\"wss://voice.example.com/twilio\">"), banner);
            assertTrue(banner.contains("<Parameter name=\"assistant\" value=\"tone\"/>"), banner);
            assertTrue(banner.contains("signature validation: OFF"), banner);
        }
    }

    @Test
    void runsAsManyEventLoopsAsHalfTheProcessorsByDefaultAndAtLeastOne()
    {
        assertEquals(1, MediaServer.defaultIoThreads(1));
        assertEquals(1, MediaServer.defaultIoThreads(2));
        assertEquals(1, MediaServer.defaultIoThreads(3));
        assertEquals(4, MediaServer.defaultIoThreads(8));
    }

    @Test
    void usesEpollWhereAvailableAndNioWhenAsked() throws Exception
    {
        try (ServerFixture auto = new ServerFixture())
        {
            assertEquals(Epoll.isAvailable(), auto.server.nativeTransport());
            assertEquals(200, auto.get("/health").statusCode());
        }
        try (ServerFixture nio = new ServerFixture(Map.of(ServerSetting.TRANSPORT, "nio")))
        {
            assertFalse(nio.server.nativeTransport());
            assertEquals(200, nio.get("/health").statusCode());
        }
    }
}
