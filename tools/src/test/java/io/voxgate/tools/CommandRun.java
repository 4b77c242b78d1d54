package io.voxgate.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the command line in-process, as {@code ./voxgate} would run it, with what it printed.
 *
 * @param status the exit status.
 * @param out    what went to stdout.
 * @param err    what went to stderr.
 */
record CommandRun(int status, String out, String err)
{
    static CommandRun of(final String... args)
    {
        final CommandLine commandLine = VoxgateCommand.newCommandLine();
        final StringWriter outText = new StringWriter();
        final StringWriter errText = new StringWriter();
        commandLine.setOut(new PrintWriter(outText, true));
        commandLine.setErr(new PrintWriter(errText, true));
        final int status = commandLine.execute(args);
        return new CommandRun(status, outText.toString(), errText.toString());
    }
}
