package io.voxgate.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.config.ServerSetting;

/**
 * A real {@link MediaServer} on a free loopback port plus the clients to talk to it: Netty WebSocket clients for
 * calls, the JDK's HTTP client for the HTTP routes.
 */
final class ServerFixture implements AutoCloseable
{
    final MediaServer server;
    final EventLoopGroup clients = new NioEventLoopGroup(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(TwilioTestClient.PATIENCE_SECONDS)).build();

    ServerFixture(final Map<ServerSetting, String> settings) throws InterruptedException
    {
        NettyLeaks.watch();
        final Map<ServerSetting, String> all = new EnumMap<>(ServerSetting.class);
        all.put(ServerSetting.PORT, "0");
        all.put(ServerSetting.BIND_ADDRESS, "127.0.0.1");
        all.put(ServerSetting.MAX_CALLS, "256");
        all.put(ServerSetting.INGRESS_RING_SIZE, "8192");
        all.put(ServerSetting.EGRESS_RING_SIZE, "8192");
        // The module's working directory has no config/assistants: the built-ins only, unless a test points
        // ASSISTANT_LOCAL_CONFIG_DIR at a directory of YAML assistants.
        all.put(ServerSetting.ASSISTANT, "parrot");
        // History goes to JSON lines (the default sink) outside the checkout.
        all.put(ServerSetting.HISTORY_DIR, System.getProperty("java.io.tmpdir") + "/voxgate-test-history");
        all.putAll(settings);
        server = MediaServer.start(ServerConfig.of(all));
    }

    ServerFixture() throws InterruptedException
    {
        this(Map.of());
    }

    URI streamUri()
    {
        return URI.create("ws://127.0.0.1:" + server.port() + "/twilio");
    }

    URI uri(final String pathAndQuery)
    {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    TwilioTestClient call() throws Exception
    {
        return TwilioTestClient.connect(clients, streamUri(), null);
    }

    TwilioTestClient call(final HttpHeaders headers) throws Exception
    {
        return TwilioTestClient.connect(clients, streamUri(), headers);
    }

    HttpResponse<String> get(final String path) throws Exception
    {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(final HttpRequest.Builder request) throws Exception
    {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close()
    {
        server.close();
        clients.shutdownGracefully(0, 5, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        http.close();
        NettyLeaks.assertNone();
    }
}
