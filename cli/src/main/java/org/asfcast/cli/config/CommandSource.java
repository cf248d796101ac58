package org.asfcast.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A program that writes ASF to its standard output, started (and restarted) by the server.
 *
 * @param arguments the program first; run as is, no shell
 * @param restartGrace how long players are kept while the command restarts (default 30 s)
 */
public record CommandSource(List<String> arguments, Duration restartGrace) implements PointSource {

    /** The default {@code restart-grace}. */
    public static final Duration DEFAULT_RESTART_GRACE = Duration.ofSeconds(30);

    /** Copies the arguments; at least the program. */
    public CommandSource {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program");
        }
    }

    @Override
    public String describe() {
        return "command " + Path.of(arguments.get(0)).getFileName();
    }
}
