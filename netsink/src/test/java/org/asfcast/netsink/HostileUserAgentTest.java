package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 10, case 11: a User-Agent with C1 controls (CSI, 0x9B) and 15 KiB of text reaches the log
 * escaped and cut, while {@link ClientInfo#userAgent()} keeps what was sent.
 */
class HostileUserAgentTest {

    @TempDir
    Path dir;

    @Test
    void theConnectLogLineIsEscapedAndShort() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(BroadcastPoint.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(lines);
        // C0 controls are refused by the parser (400); C1 ones (CSI, OSC, ST) are Latin-1 text to it.
        String agent = "NSPlayer/9.0 \u009B2J\u009D0;owned\u009C" + "A".repeat(15 * 1024);
        try (LiveBroadcast live = LiveBroadcast.start(LiveBroadcast.mjpegFile(dir, 4),
                NetworkSinkConfig.builder().resolveNames(false).build());
             Socket s = new Socket()) {
            RecordingListener events = new RecordingListener();
            live.sink.addListener(events);
            s.connect(new InetSocketAddress("127.0.0.1", live.port), 2000);
            s.getOutputStream().write(("GET / HTTP/1.0\r\nUser-Agent: " + agent + "\r\n"
                    + "Pragma: xPlayStrm=1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            in.read(new byte[1024]);
            ClientInfo client = events.await(e -> e.kind().equals("connected"), 1, java.time.Duration.ofSeconds(5))
                    .get(0).client();
            assertThat(client.userAgent()).isEqualTo(agent);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(before);
        }
        List<String> connected = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(" connected to ")).toList();
        assertThat(connected).hasSize(1);
        String line = connected.get(0);
        assertThat(line).contains("NSPlayer/9.0 \\x9B2J\\x9D0;owned\\x9CAAA").contains("more chars]");
        assertThat(line.chars().filter(c -> c < 0x20 || c >= 0x7F && c <= 0x9F)).isEmpty();
        assertThat(line.length()).isLessThan(400);
    }
}
