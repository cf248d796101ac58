package org.asfcast.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code asfcast} command. With no subcommand it serves the test pattern on port 8080, so
 * {@code ./asfcast} alone shows a picture in any Windows Media player.
 */
@Command(name = "asfcast", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Broadcasts live ASF (Windows Media) over HTTP: MS-WMSP (mmsh) for Windows Media Player, "
                + "VLC, MPlayer and FFmpeg, plain ASF for everything else.",
        subcommands = {ServeCommand.class, ServerCommand.class, ProbeCommand.class, RecordCommand.class, CheckCommand.class},
        footer = {"", "With no command, asfcast runs 'serve': the test pattern on port 8080."})
public final class Asfcast implements java.util.concurrent.Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        return new ServeCommand().call();
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit status (0 ok, 1 failed, 2 bad usage). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Asfcast());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandName();
            err.println("asfcast: " + ex.getMessage() + " (see 'asfcast "
                    + ("asfcast".equals(command) ? "" : command + " ") + "--help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("asfcast: " + Failures.sentence(ex));
            if (Boolean.getBoolean("asfcast.debug")) {
                ex.printStackTrace(err);
            }
            return 1;
        });
        return cli.execute(args);
    }
}
