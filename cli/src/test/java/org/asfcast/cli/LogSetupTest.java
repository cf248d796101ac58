package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    @Test
    void theLibrarysWarningsGoToStandardErrorAndItsInfoNowhere() {
        // Found by Logback through META-INF/services, as in the packaged command.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);

        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Logger log = LoggerFactory.getLogger("org.asfcast.netsink.ConnectionHandler");
            log.info("a player arrived");
            log.warn("connection {} failed", "/127.0.0.1:5000");
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .matches("\\d\\d:\\d\\d:\\d\\d asfcast WARN  ConnectionHandler: connection /127.0.0.1:5000 failed\\R");
    }
}
