package io.voxgate.orchestrator.provider.websocket;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;

/**
 * Captures everything logged (all levels) while open, to prove secrets never reach a log line.
 */
public final class LogCapture implements AutoCloseable
{
    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext)LogManager.getContext(false);
    private final WriterAppender appender;
    private final Level previous;

    /**
     * Starts capturing.
     */
    public LogCapture()
    {
        final Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("capture-" + System.identityHashCode(this)).setTarget(text)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m %ex%n").build()).build();
        appender.start();
        final LoggerConfig root = config.getRootLogger();
        previous = root.getLevel();
        root.setLevel(Level.ALL);
        root.addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    /**
     * What was logged so far.
     *
     * @return the lines.
     */
    public String text()
    {
        synchronized (text)
        {
            return text.toString();
        }
    }

    @Override
    public void close()
    {
        final LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(previous);
        context.updateLoggers();
        appender.stop();
    }
}
