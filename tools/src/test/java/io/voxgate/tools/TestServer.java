package io.voxgate.tools;

import io.voxgate.server.MediaServer;
import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.config.ServerSetting;
import java.util.EnumMap;
import java.util.Map;

/**
 * A real {@link MediaServer} on a free loopback port with the built-in assistants ({@code parrot} by default), for
 * calls placed by the command line in tests.
 */
final class TestServer implements AutoCloseable
{
    private final MediaServer server;

    /**
     * Starts the server.
     *
     * @throws InterruptedException when interrupted while starting.
     */
    TestServer() throws InterruptedException
    {
        final Map<ServerSetting, String> settings = new EnumMap<>(ServerSetting.class);
        settings.put(ServerSetting.PORT, "0");
        settings.put(ServerSetting.BIND_ADDRESS, "127.0.0.1");
        settings.put(ServerSetting.MAX_CALLS, "16");
        settings.put(ServerSetting.INGRESS_RING_SIZE, "1024");
        settings.put(ServerSetting.EGRESS_RING_SIZE, "1024");
        settings.put(ServerSetting.ASSISTANT, "parrot");
        // History goes to the temp directory, never into the checkout.
        settings.put(ServerSetting.HISTORY_DIR, System.getProperty("java.io.tmpdir") + "/voxgate-test-history");
        server = MediaServer.start(ServerConfig.of(settings));
    }

    /**
     * @return the server.
     */
    MediaServer server()
    {
        return server;
    }

    /**
     * @return its Twilio stream URL.
     */
    String streamUrl()
    {
        return "ws://127.0.0.1:" + server.port() + "/twilio";
    }

    @Override
    public void close()
    {
        server.close();
    }
}
