package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asfcast.netsink.ArchivePoint;
import org.asfcast.netsink.ArchiveSettings;
import org.asfcast.netsink.PlayerReport;
import org.asfcast.netsink.ServerObserver;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WMP's log POSTs reach the server's observers as {@link PlayerReport}s: the LogStats body (read
 * whole, even when it arrives in pieces, and only then answered), the {@code log-line=} pragma, its
 * ids and address; a body over 64 KiB is read past, not kept; the answers stay WMS's.
 */
class PlayerReportsTest {

    @TempDir
    Path dir;
    private StreamingServer server;
    private final List<PlayerReport> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = new StreamingServer(ServerSettings.defaults());
        server.addObserver(new ServerObserver() {
            @Override
            public void playerReport(PlayerReport report) {
                reports.add(report);
            }
        });
        server.publish("/archive", new ArchivePoint("/archive", Files.createDirectories(dir.resolve("media")),
                ArchiveSettings.defaults()));
        server.open(0);
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aLogStatsBodyInPiecesIsKeptWholeAndAnsweredOnceIn() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String body = CapturedRequests.LOG_STATS_BODY;
            out.write(ascii(CapturedRequests.WMP_LOG_STATS + body.substring(0, 10)));
            out.flush();
            Thread.sleep(300);
            assertThat(in.available()).as("no answer before the body is in").isZero();
            out.write(ascii(body.substring(10) + CapturedRequests.WMP_SELECT_STREAM));
            assertThat(head(in)).startsWith("HTTP/1.1 204 No Content\r\n").contains("Pragma: client-id=2338761264\r\n");
            assertThat(head(in)).as("the next request on the connection").startsWith("HTTP/1.0 200 OK\r\n");
        }
        waitFor(() -> reports.size() == 1);
        PlayerReport r = reports.get(0);
        assertThat(r.point()).isEqualTo("/archive");
        assertThat(r.uri()).isEqualTo("/archive/a.wmv");
        assertThat(r.body()).isEqualTo(CapturedRequests.LOG_STATS_BODY);
        assertThat(r.logLine()).isEmpty();
        assertThat(r.clientId()).hasValue(2338761264L);
        assertThat(r.playerGuid()).contains("{BFE16E37-55EC-4AE4-A5A9-0B0D307F4B72}");
        assertThat(r.userAgent()).isEqualTo("NSPlayer/12.0.7724.0");
        assertThat(r.remote().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void theLogLinePragmaIsTheReport() throws Exception {
        String post = CapturedRequests.WMP_POST_LOG.replace("POST /live ", "POST /archive/a.wmv ");
        assertThat(send(post)).startsWith("HTTP/1.0 204 No Content\r\n");
        waitFor(() -> reports.size() == 1);
        assertThat(reports.get(0).logLine()).contains(CapturedRequests.LOG_LINE);
        assertThat(reports.get(0).clientId()).hasValue(12345);
        assertThat(reports.get(0).body()).isEmpty();
    }

    @Test
    void aBodyOverSixtyFourKibIsReadPastNotKept() throws Exception {
        String body = "<XML><Summary>" + "x".repeat(PlayerReport.MAX_BODY) + "</Summary></XML>";
        String post = "POST /archive/a.wmv HTTP/1.1\r\nUser-Agent: NSPlayer/12.0\r\nPragma: log-line=a b c\r\n"
                + "Content-Type: application/x-wms-LogStats\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(ascii(post + CapturedRequests.WMP_SELECT_STREAM));
            assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 204 No Content\r\n");
            assertThat(head(socket.getInputStream())).as("the request after the body read past").startsWith("HTTP/1.0 200 OK");
        }
        waitFor(() -> reports.size() == 1);
        assertThat(reports.get(0).body()).isEmpty();
        assertThat(reports.get(0).logLine()).contains("a b c");
    }

    @Test
    void aBodyThatNeverComesClosesTheConnectionWithoutAReport() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(ascii(CapturedRequests.WMP_LOG_STATS + "<XML>"));
            assertThat(socket.getInputStream().read()).as("closed after the request timeout").isEqualTo(-1);
        }
        assertThat(reports).isEmpty();
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(ascii(request));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static byte[] ascii(String text) {
        return WmpPostsOnOneConnectionTest.ascii(text);
    }

    private static String head(InputStream in) throws IOException {
        return WmpPostsOnOneConnectionTest.head(in);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
    }
}
