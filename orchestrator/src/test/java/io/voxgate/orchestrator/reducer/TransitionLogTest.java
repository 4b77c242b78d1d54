package io.voxgate.orchestrator.reducer;

import io.voxgate.orchestrator.model.TimerKind;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Structured logs: with DEBUG on, every state transition is logged with session, run, turn, from, to and the event
 * kind, and every run lifecycle step with its kind; with DEBUG off (the default) nothing is logged.
 */
class TransitionLogTest
{
    private static final String LOGGER = "io.voxgate.orchestrator";

    /** Collects formatted messages. */
    private static final class Capture extends AbstractAppender
    {
        final List<String> lines = new ArrayList<>();

        Capture()
        {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(final LogEvent event)
        {
            lines.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage());
        }
    }

    private static List<String> logOf(final Level level)
    {
        final LoggerContext context = (LoggerContext)LogManager.getContext(false);
        final Configuration configuration = context.getConfiguration();
        final Capture capture = new Capture();
        capture.start();
        final LoggerConfig logger = new LoggerConfig(LOGGER, level, false);
        logger.addAppender(capture, Level.ALL, null);
        configuration.addLogger(LOGGER, logger);
        context.updateLoggers();
        try
        {
            final ScriptedCall call = new ScriptedCall(ScriptedCall.settings().build());
            call.start(0);
            call.userTurn(1_000, "hi");
            call.delta(2_600, "Hello! How can I help you today?");
            call.llmDone(2_700);
            call.audio(2_800, 0, ScriptedCall.pcm(100));
            call.speechStarted(2_900);
            call.fire(3_200, TimerKind.INTERRUPTION);
            return capture.lines;
        }
        finally
        {
            configuration.removeLogger(LOGGER);
            context.updateLoggers();
            capture.stop();
        }
    }

    @Test
    void transitionsAndRunLifecycleAreLoggedAtDebug()
    {
        assertEquals(List.of(
            "io.voxgate.orchestrator.transitions session=call-1 run=0 turn=0 from=IDLE to=LISTENING event=CallStarted",
            "io.voxgate.orchestrator.transitions session=call-1 run=0 turn=0 from=LISTENING to=USER_SPEAKING "
                + "event=SpeechStarted",
            "io.voxgate.orchestrator.transitions session=call-1 run=0 turn=0 from=USER_SPEAKING to=LISTENING "
                + "event=SpeechStopped",
            "io.voxgate.orchestrator.runs session=call-1 run=1 turn=1 kind=REPLY step=0 lifecycle=started",
            "io.voxgate.orchestrator.transitions session=call-1 run=1 turn=1 from=LISTENING to=THINKING "
                + "event=TimerFired",
            "io.voxgate.orchestrator.transitions session=call-1 run=1 turn=1 from=THINKING to=SPEAKING "
                + "event=TtsAudio",
            "io.voxgate.orchestrator.runs session=call-1 run=1 turn=1 kind=REPLY step=0 lifecycle=cancelled",
            "io.voxgate.orchestrator.transitions session=call-1 run=0 turn=1 from=SPEAKING to=USER_SPEAKING "
                + "event=TimerFired"), logOf(Level.DEBUG));
    }

    @Test
    void nothingIsLoggedAtInfo()
    {
        assertEquals(List.of(), logOf(Level.INFO));
    }
}
