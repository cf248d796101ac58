package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asfcast.netsink.ArchivePoint;
import org.asfcast.netsink.ArchiveSettings;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WMP's POSTs, its exact bytes, to an archive point on a real server, all on one connection as a
 * paused WMP keeps it: the KeepAlive, then a LogStats with its body and a SelectStream written in
 * one piece (the server must read past the body to find the next request), then a POST that asks
 * to close. Each gets the answer WMS gives, and the connection stays until the player lets it go.
 */
class WmpPostsOnOneConnectionTest {

    @TempDir
    Path dir;
    private StreamingServer server;

    @BeforeEach
    void serve() throws IOException {
        server = new StreamingServer(ServerSettings.defaults());
        server.publish("/archive", new ArchivePoint("/archive", Files.createDirectories(dir.resolve("media")),
                ArchiveSettings.defaults()));
        server.open(0);
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void keepAliveLogAndSelectStreamShareTheConnectionThePlayerKeeps() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(ascii(CapturedRequests.WMP_KEEPALIVE_IN_PAUSE));
            assertThat(head(in)).startsWith("HTTP/1.0 200 OK\r\n").contains("Content-Length: 0\r\n")
                    .contains("Pragma: no-cache, timeout=60000\r\n").contains("Pragma: client-id=4259367329\r\n")
                    .contains("Connection: Keep-Alive\r\n");

            out.write(ascii(CapturedRequests.WMP_LOG_STATS + CapturedRequests.LOG_STATS_BODY
                    + CapturedRequests.WMP_SELECT_STREAM));
            assertThat(head(in)).startsWith("HTTP/1.1 204 No Content\r\n").contains("Pragma: client-id=2338761264\r\n");
            assertThat(head(in)).startsWith("HTTP/1.0 200 OK\r\n").contains("Pragma: client-id=4259367329\r\n")
                    .contains("Connection: Keep-Alive\r\n");

            out.write(ascii("POST /archive/a.wmv HTTP/1.1\r\nUser-Agent: NSPlayer/10.0.0.3802\r\n"
                    + "Pragma: xStopStrm=1\r\nPragma: client-id=4259367329\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            assertThat(head(in)).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n");
            assertThat(in.read()).as("the server closes when asked to").isEqualTo(-1);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** One response head (these answers have no body), up to and with its empty line. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection closed after " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
