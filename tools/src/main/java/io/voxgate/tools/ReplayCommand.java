package io.voxgate.tools;

import io.voxgate.orchestrator.replay.ReplayReport;
import io.voxgate.orchestrator.replay.Replayer;
import io.voxgate.orchestrator.replay.SessionLogException;
import io.voxgate.server.pipeline.SessionLogTrailer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code voxgate replay LOG}: feeds a session log (JSON lines written by the orchestrator) back through the
 * reducer and checks that every event yields the logged commands and state.
 *
 * <p>Exit status 0 and {@code identical: N events} when the replay matches; 1 and a readable diff (line, event,
 * logged vs. replayed) when it does not; 2 and one line on stderr when the file cannot be read or is not a session
 * log; 3 when the logged events replay identically but the log ends with the server's incomplete trailer (events of
 * the call were not logged, see {@link SessionLogTrailer}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a session log through the orchestrator; exit 0 if it reproduces every command and state.")
public final class ReplayCommand implements Callable<Integer>
{
    /** Exit status when the replay differs from the log. */
    public static final int EXIT_DIFFERENT = 1;
    /** Exit status when the log's events replay identically but the server marked the log incomplete. */
    public static final int EXIT_INCOMPLETE = 3;

    @Parameters(index = "0", paramLabel = "LOG", description = "A session log (JSON lines).")
    Path log;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final ReplayReport report;
        final String trailer;
        try (SessionLogTrailer.StopAtTrailer reader = new SessionLogTrailer.StopAtTrailer(
            Files.newBufferedReader(log, StandardCharsets.UTF_8)))
        {
            report = new Replayer().replay(reader);
            trailer = reader.trailer();
        }
        catch (final IOException ex)
        {
            throw new InputException(log + ": " + describe(ex));
        }
        catch (final UncheckedIOException ex)
        {
            throw new InputException(log + ": " + describe(ex.getCause()));
        }
        catch (final SessionLogException ex)
        {
            throw new InputException(log + ": " + firstLine(ex.getMessage()));
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (null != trailer && report.identical())
        {
            out.println("incomplete: the " + report.events() + " logged events replay identically, but the server " +
                "did not log the whole call: " + trailer);
            return EXIT_INCOMPLETE;
        }
        if (report.identical())
        {
            out.println("identical: " + report.events() + " events");
            return 0;
        }
        out.println("different: " + report.differences().size() + (report.truncated() ? "+" : "") +
            " differences in " + report.events() + " events");
        for (final String difference : report.differences())
        {
            out.println(difference);
        }
        if (report.truncated())
        {
            out.println("... more differences not shown");
        }
        return EXIT_DIFFERENT;
    }

    private static String describe(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof CharacterCodingException)
        {
            return "not UTF-8 text";
        }
        return null == ex.getMessage() ? ex.getClass().getSimpleName() : firstLine(ex.getMessage());
    }

    private static String firstLine(final String message)
    {
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
