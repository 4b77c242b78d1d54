package io.voxgate.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code voxgate} command line: the entry point that {@code ./voxgate} runs.
 *
 * <p>Bad arguments or unreadable input end in a one-line error on stderr and exit status 2, never a stack trace.
 */
@Command(
    name = "voxgate",
    mixinStandardHelpOptions = true,
    version = "voxgate 0.1.0",
    description = "Low-level media server for real-time voice agents.",
    subcommands = {CommandLine.HelpCommand.class})
public final class VoxgateCommand implements Runnable
{
    /**
     * Runs the command line.
     *
     * @param args the arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new VoxgateCommand()).execute(args));
    }

    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }
}
