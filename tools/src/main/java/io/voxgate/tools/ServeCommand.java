package io.voxgate.tools;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.netty.util.ResourceLeakDetector;
import io.voxgate.server.MediaServer;
import io.voxgate.server.config.ServerConfig;
import io.voxgate.server.config.ServerSetting;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code voxgate serve [--port 8080] [--assistant NAME] [--session-log DIR] ...}: runs the media server until
 * SIGTERM or Ctrl-C, then drains it (readiness 503, no new calls, active calls get {@code DRAIN_TIMEOUT} to end,
 * the rest are closed with 1001).
 *
 * <p>Its options are generated from {@link ServerSetting}, the one place every knob is documented, so
 * {@code voxgate serve --help} lists each with its environment variable and default. A flag overrides the
 * environment variable, which overrides the default; bad values end in one line naming them and exit status 2.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, modelTransformer = ServeCommand.SettingOptions.class,
    description = {"Run the media server (Twilio Media Streams on /twilio) until SIGTERM or Ctrl-C.",
        "Each option can also be set by the environment variable shown; flags win."},
    footer = {"", "Environment only: TWILIO_AUTH_TOKEN (enables X-Twilio-Signature checks on the voice webhook and "
        + "the WebSocket upgrade, and the webhook's short-lived stream token checked on start; set PUBLIC_URL with "
        + "it), WS_AUTH_TOKENS and WS_TOKEN_SECRET (tokens for the WS v1 upgrade at /ws).",
        "Netty's buffer leak detection is off unless -Dio.netty.leakDetection.level is set (VOXGATE_JAVA_OPTS)."})
public final class ServeCommand implements Callable<Integer>
{
    /** Set it (e.g. {@code VOXGATE_JAVA_OPTS=-Dio.netty.leakDetection.level=simple}) to track buffers in a server. */
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null)
        {
            // Netty's default samples one buffer in 128 and records a stack trace for it, about 1 % of the
            // server's CPU under load; the test suite tracks every buffer (paranoid), so a server runs without.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        final Map<ServerSetting, String> flags = new EnumMap<>(ServerSetting.class);
        for (final ServerSetting setting : ServerSetting.values())
        {
            if (setting.flag() != null)
            {
                final String value = spec.findOption(setting.flag()).getValue();
                if (value != null)
                {
                    flags.put(setting, value);
                }
            }
        }
        final ServerConfig config = ServerConfig.resolve(System.getenv(), flags);
        final MediaServer server = MediaServer.start(config);
        final PrintWriter out = spec.commandLine().getOut();
        out.println(server.banner());
        out.flush();

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            try
            {
                out.println("voxgate: shutting down, draining calls for up to " + config.drainTimeout());
                out.flush();
                server.drain(config.drainTimeout());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            finally
            {
                server.close();
                // Log4j's own shutdown hook is off (log4j2.component.properties): it would race this one and
                // drop the drain's log lines.
                LogManager.shutdown();
                stopped.countDown();
            }
        }, "voxgate-shutdown"));
        stopped.await();
        return 0;
    }

    /** Adds one option per {@link ServerSetting} that has a flag, described from the setting itself. */
    static final class SettingOptions implements CommandLine.IModelTransformer
    {
        @Override
        public CommandSpec transform(final CommandSpec command)
        {
            for (final ServerSetting setting : ServerSetting.values())
            {
                if (setting.flag() != null)
                {
                    final String defaultText = setting.defaultValue().isEmpty() ? "unset" : setting.defaultValue();
                    command.addOption(OptionSpec.builder(setting.flag())
                        .paramLabel(setting.flag().substring(2).toUpperCase(java.util.Locale.ROOT).replace('-', '_'))
                        .type(String.class)
                        .description(setting.description() + " [" + setting.environmentVariable() + ", default: " +
                            defaultText + "]")
                        .build());
                }
            }
            return command;
        }
    }
}
