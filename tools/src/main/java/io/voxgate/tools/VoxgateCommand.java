package io.voxgate.tools;

import java.io.PrintWriter;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code voxgate} command line: the entry point that {@code ./voxgate} runs.
 *
 * <p>Bad arguments or unreadable input end in a one-line error on stderr and exit status 2, never a stack trace
 * (set {@code VOXGATE_DEBUG=1} to see one). Subcommands write their results to stdout only.
 */
@Command(
    name = "voxgate",
    mixinStandardHelpOptions = true,
    version = "voxgate 0.1.0",
    description = "Low-level media server for real-time voice agents.",
    subcommands = {
        CodecCommand.class,
        ResampleCommand.class,
        VadCommand.class,
        ReplayCommand.class,
        ServeCommand.class,
        CallCommand.class,
        CommandLine.HelpCommand.class})
public final class VoxgateCommand implements Runnable
{
    /** Exit status for bad arguments or unusable input. */
    public static final int EXIT_USAGE = 2;

    /** Exit status for a failure that is not the input's fault (a bug). */
    public static final int EXIT_FAILURE = 1;

    /**
     * Runs the command line.
     *
     * @param args the arguments.
     */
    public static void main(final String[] args)
    {
        final int status = execute(args);
        // Log4j's shutdown hook is off (serve shuts it down after draining): flush the async loggers here.
        LogManager.shutdown();
        System.exit(status);
    }

    /**
     * Runs the command line without exiting the JVM.
     *
     * @param args the arguments.
     * @return the exit status.
     */
    public static int execute(final String... args)
    {
        return newCommandLine().execute(args);
    }

    /**
     * The configured command line: one-line errors, exit status 2 for bad input.
     *
     * @return a new command line.
     */
    public static CommandLine newCommandLine()
    {
        final CommandLine commandLine = new CommandLine(new VoxgateCommand());
        commandLine.setParameterExceptionHandler((ex, args) ->
        {
            final PrintWriter err = ex.getCommandLine().getErr();
            err.println("voxgate: " + ex.getMessage() + " (see '" +
                ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            final PrintWriter err = cmd.getErr();
            if (System.getenv("VOXGATE_DEBUG") != null)
            {
                ex.printStackTrace(err);
            }
            if (ex instanceof InputException || ex instanceof java.io.IOException ||
                ex instanceof IllegalArgumentException)
            {
                err.println("voxgate: " + describe(ex));
                return EXIT_USAGE;
            }
            err.println("voxgate: internal error: " + ex);
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    private static String describe(final Exception ex)
    {
        if (ex instanceof java.nio.file.NoSuchFileException)
        {
            return ex.getMessage() + ": no such file";
        }
        if (ex instanceof java.nio.file.AccessDeniedException)
        {
            return ex.getMessage() + ": permission denied";
        }
        final String message = ex.getMessage();
        return message == null ? ex.getClass().getSimpleName() : message;
    }

    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }
}
