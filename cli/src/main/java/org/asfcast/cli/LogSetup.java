package org.asfcast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command's logging, set up in code (found by Logback through {@code META-INF/services}): the
 * command prints its own lines on standard output; the library's logs go to standard error,
 * warnings and errors only (players' arrivals and departures are printed already), and the admin
 * listener's actions, each with who asked.
 *
 * <p>In code rather than a {@code logback.xml} because reading the XML loads Logback's
 * configuration framework and the JDK's XML parser, about 600 classes and 6 MB resident for a
 * four-line setting (docs/benchmarks.md). A {@code -Dlogback.configurationFile=...} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements ch.qos.logback.classic.spi.Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the user's own file, read by the next configurator
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss} asfcast %-5level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // Admin actions are rare and are the operator's record of who did what: always shown.
        context.getLogger("org.asfcast.ops.admin.AdminApi").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
