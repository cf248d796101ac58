package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.WrittenFiles;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.StreamEnd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several publishing points on one port: each request reaches the point its path names, a point
 * published or withdrawn while the server runs touches nobody else's players, settings change
 * without dropping anyone, and server-wide limits apply on top of each point's own.
 */
class StreamingServerTest {

    @TempDir
    static Path dir;
    static Path small;
    static Path large;

    private final List<FilePlayout> playouts = new ArrayList<>();
    private StreamingServer server;
    private final MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(5));

    @BeforeAll
    static void media() throws Exception {
        small = dir.resolve("small.asf");
        WrittenFiles.writeMjpegPcm(small, 20 * 25, 25, 160, 120, 2000);
        large = dir.resolve("large.asf");
        WrittenFiles.writeMjpegPcm(large, 20 * 25, 25, 320, 240, 3200);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (FilePlayout p : playouts) {
            p.close();
        }
        if (server != null && server.isOpen()) {
            server.close();
        }
    }

    private static PointSettings settings(int players) {
        return NetworkSinkConfig.builder().maximumClients(players).resolveNames(false).build().pointSettings();
    }

    private BroadcastPoint point(String path, Path file, int players) throws Exception {
        BroadcastPoint point = new BroadcastPoint(path, settings(players));
        server.publish(path, point);
        playouts.add(new FilePlayout(file, point).start());
        return point;
    }

    private URI mmsh(String path) {
        return URI.create("mmsh://127.0.0.1:" + server.port() + path);
    }

    @Test
    void eachPathReachesItsOwnPointOnOnePort() throws Exception {
        server = new StreamingServer(ServerSettings.defaults());
        point("/radio", small, 5);
        point("/tv", large, 5);
        point("/", small, 5);
        server.open(0);
        Thread.sleep(500);
        try (PlaySession radio = client.play(mmsh("/radio"));
             PlaySession tv = client.play(mmsh("/tv/"));
             PlaySession root = client.play(mmsh("/"))) {
            assertThat(radio.header().packetSize()).isEqualTo(2000);
            assertThat(tv.header().packetSize()).isEqualTo(3200);
            assertThat(root.header().packetSize()).isEqualTo(2000);
            for (PlaySession s : List.of(radio, tv, root)) {
                for (int i = 0; i < 20; i++) {
                    assertThat(s.nextPacket()).isPresent();
                }
            }
            assertThat(server.points().get("/radio").clientCount()).isEqualTo(1);
            assertThat(server.points().get("/tv").clientCount()).isEqualTo(1);
        }
        String answer = raw("GET /nothing HTTP/1.0\r\nUser-Agent: NSPlayer/7.1\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.0 404 ").contains("There is no broadcast at /nothing.")
                .doesNotContain("/radio").doesNotContain("/tv");
    }

    @Test
    void aPointPublishedOrWithdrawnWhileRunningTouchesNoOtherPlayer() throws Exception {
        server = new StreamingServer(ServerSettings.defaults());
        point("/stay", small, 5);
        BroadcastPoint leaving = point("/leave", large, 5);
        server.open(0);
        Thread.sleep(300);
        try (PlaySession stay = client.play(mmsh("/stay"));
             PlaySession leave = client.play(mmsh("/leave"))) {
            stay.nextPacket().orElseThrow();
            leave.nextPacket().orElseThrow();

            point("/new", large, 5);
            assertThat(server.withdraw("/leave", Duration.ofSeconds(5))).contains(leaving);

            // The withdrawn point's player gets the end of its stream; new requests get 404.
            while (leave.nextPacket().isPresent()) {
                // what it still had to take
            }
            assertThat(leave.endReason()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK));
            assertThat(raw("GET /leave HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 404 ");
            assertThat(leaving.clientCount()).isZero();

            // The other point's player never noticed; the new point plays.
            long before = stay.counters().packets();
            Thread.sleep(600);
            for (int i = 0; i < 10; i++) {
                assertThat(stay.nextPacket()).isPresent();
            }
            assertThat(stay.counters().packets()).isGreaterThan(before);
            try (PlaySession fresh = client.play(mmsh("/new"))) {
                assertThat(fresh.header().packetSize()).isEqualTo(3200);
                assertThat(fresh.nextPacket()).isPresent();
            }
        }
    }

    @Test
    void newSettingsApplyWithoutDroppingAnyone() throws Exception {
        server = new StreamingServer(ServerSettings.defaults());
        BroadcastPoint point = point("/p", small, 3);
        server.open(0);
        Thread.sleep(300);
        try (PlaySession a = client.play(mmsh("/p"));
             PlaySession b = client.play(mmsh("/p"))) {
            a.nextPacket().orElseThrow();
            b.nextPacket().orElseThrow();
            point.apply(settings(1)); // lower than the players connected: they stay
            assertThat(raw("GET /p HTTP/1.0\r\nUser-Agent: NSPlayer/7.1\r\nPragma: xPlayStrm=1\r\n\r\n"))
                    .startsWith("HTTP/1.0 503 ").contains("maximum of 1 clients");
            for (int i = 0; i < 10; i++) {
                assertThat(a.nextPacket()).isPresent();
                assertThat(b.nextPacket()).isPresent();
            }
            assertThat(point.clientCount()).isEqualTo(2);
            assertThat(point.settings().maximumClients()).isEqualTo(1);
        }
    }

    @Test
    void serverWideLimitsRefuseWithASentenceWhileAdmittedPlayersPlay() throws Exception {
        server = new StreamingServer(ServerSettings.defaults().withLimits(new ServerLimits(2, 0, 0)));
        point("/a", small, 5);
        point("/b", large, 5);
        server.open(0);
        Thread.sleep(300);
        try (PlaySession a = client.play(mmsh("/a"));
             PlaySession b = client.play(mmsh("/b"))) {
            a.nextPacket().orElseThrow();
            b.nextPacket().orElseThrow();
            assertThat(raw("GET /a HTTP/1.0\r\nUser-Agent: NSPlayer/7.1\r\nPragma: xPlayStrm=1\r\n\r\n"))
                    .startsWith("HTTP/1.0 503 ").contains("This server already has its maximum of 2 players");
            server.reconfigure(new ServerLimits(0, 0, 0), Optional.of("radio.example"));
            // A metafile asked for without a Host header names the advertised host now in force.
            assertThat(raw("GET /a.asx HTTP/1.0\r\n\r\n")).contains("http://radio.example:" + server.port() + "/a");
            server.reconfigure(new ServerLimits(0, 0, 3), Optional.empty());
            // Three connections a second from one address: the fourth in the same second is refused.
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(raw("POST /a HTTP/1.0\r\nUser-Agent: NSPlayer/7.1\r\nContent-Length: 0\r\n\r\n"));
            }
            assertThat(answers.subList(0, 3)).allMatch(r -> r.startsWith("HTTP/1.0 200 "));
            assertThat(answers.get(3)).startsWith("HTTP/1.0 503 ").contains("Too many connections from your address");
            for (int i = 0; i < 10; i++) {
                assertThat(a.nextPacket()).isPresent();
                assertThat(b.nextPacket()).isPresent();
            }
        }
    }

    @Test
    void aPointsMetafileNamesTheHostThePlayerAskedFor() throws Exception {
        server = new StreamingServer(ServerSettings.defaults());
        point("/radio", small, 5);
        server.open(0);
        String answer = raw("GET /radio.asx HTTP/1.1\r\nHost: radio.example.org:8080\r\nUser-Agent: VLC/3.0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.0 200 OK\r\n").contains("Content-Type: video/x-ms-asf\r\n")
                .contains("<REF HREF=\"http://radio.example.org:8080/radio\" />")
                .contains("<REF HREF=\"mms://radio.example.org:8080/radio\" />");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).startsWith("<ASX version=\"3.0\">");
        // A Host that is not a host is never echoed: the address the request came in on is used.
        String spoofed = raw("GET /radio.asx HTTP/1.0\r\nHost: evil\"/><REF HREF=\"http://x\r\n\r\n");
        assertThat(spoofed).contains("http://127.0.0.1:" + server.port() + "/radio").doesNotContain("evil");
        assertThat(raw("GET /other.asx HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 404 ");
    }

    /** One request on its own connection; the whole answer, or its first 64 KB. */
    private String raw(String request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[65536];
            int n = 0;
            for (int r; n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0; ) {
                n += r;
                String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                if (text.startsWith("HTTP/1.0 200 OK\r\nServer: Cougar") && text.contains("x-mms-framed")) {
                    break; // a stream: the head is enough
                }
            }
            return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        }
    }
}
