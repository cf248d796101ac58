package org.asfcast.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.asfcast.cli.config.ConfigException;
import org.asfcast.cli.config.ConfigFile;
import org.asfcast.cli.config.ConfigProblem;
import org.asfcast.cli.config.PointConfig;
import org.asfcast.cli.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asfcast check CONFIG}: validate a server config file without serving it. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Validates a server config file (YAML, see asfcast.example.yml) without serving it:",
                "prints its points and exits 0, or prints every problem, one line each, and exits 1."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "The config file.")
    Path config;

    @Override
    public Integer call() {
        try {
            ServerConfig c = ConfigFile.read(config);
            spec.commandLine().getOut().println(config + ": OK, " + c.points().size() + " point" + (c.points().size() == 1 ? "" : "s")
                    + ": " + c.points().stream().map(CheckCommand::describe).collect(Collectors.joining(", ")));
            return 0;
        } catch (ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            return 1;
        }
    }

    private static String describe(PointConfig p) {
        return p.path() + " (" + p.source().describe() + ")";
    }
}
