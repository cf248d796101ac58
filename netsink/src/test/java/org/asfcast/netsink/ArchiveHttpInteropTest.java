package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.RequestHead;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive file over plain HTTP to the real clients: curl gets exactly the bytes and answers it
 * asks for; FFmpeg, VLC and MPlayer each seek into a 60 s file made by FFmpeg by asking a Range,
 * and MPlayer stays on plain HTTP (the Content-Type decides that, docs/interop-notes.md).
 */
@Tag("interop")
class ArchiveHttpInteropTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static Path root;
    static Path movie;
    static ArchiveTestServer server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(dir.resolve("media"));
        movie = Ffmpeg.make(root.resolve("a.wmv"),
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "60", "-c:v", "wmv2", "-b:v", "400k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k",
                "-metadata", "title=Sixty seconds", "-f", "asf");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("x"), "secret");
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Unprivileged.share(dir);
        server = new ArchiveTestServer(root);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static ProcessRun curl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Tools.require("curl", "curl").toString(), "-s"));
        command.addAll(Arrays.asList(args));
        return ProcessRun.succeed(LIMIT, dir, command);
    }

    @Test
    void curlGetsExactlyTheBytesAndAnswersItAsksFor() throws Exception {
        String url = server.url("/archive/a.wmv");
        byte[] whole = Files.readAllBytes(movie);
        Path part = dir.resolve("part");
        curl("-r", "100-199", "-o", part.toString(), url);
        assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOfRange(whole, 100, 200));
        curl("-r", "-500", "-o", part.toString(), url);
        assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOfRange(whole, whole.length - 500, whole.length));
        curl("-o", part.toString(), url);
        assertThat(Files.readAllBytes(part)).isEqualTo(whole);

        String head = curl("-I", url).stdout();
        assertThat(head).startsWith("HTTP/1.0 200 OK").contains("Accept-Ranges: bytes")
                .contains("Content-Length: " + whole.length).contains("ETag: \"");
        assertThat(curl("-z", movie.toString(), "-o", "/dev/null", "-w", "%{http_code}", url).stdout()).isEqualTo("304");
        assertThat(curl("--range", "99999999-", "-o", "/dev/null", "-w", "%{http_code}", url).stdout()).isEqualTo("416");
        for (String traversal : List.of("/archive/../etc/passwd", "/archive/%2e%2e/%2e%2e/etc/passwd",
                "/archive/link-out/x", "/archive/%2e%2e%2foutside%2fx")) {
            assertThat(curl("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", server.url(traversal)).stdout())
                    .as(traversal).isEqualTo("404");
        }
        String page = curl(server.url("/archive/")).stdout();
        assertThat(page).contains("<a href=\"a.wmv\">a.wmv</a></td><td>Sixty seconds</td><td>1:0")
                .contains("a.wmv.asx").doesNotContain("link-out");
        assertThat(curl(server.url("/archive/a.wmv.asx")).stdout()).contains("<TITLE>Sixty seconds</TITLE>")
                .contains("HREF=\"http://127.0.0.1:" + server.port() + "/archive/a.wmv\"");
    }

    @Test
    void ffmpegSeeksByRange() {
        int before = server.requests().size();
        ProcessRun run = ProcessRun.succeed(LIMIT, dir, List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-ss", "30", "-i", server.url("/archive/a.wmv"), "-frames:v", "1", "-f", "framemd5", "-"));
        assertThat(run.stdout()).as("one decoded frame").containsPattern("(?m)^0,");
        assertSoughtByRange(before, "FFmpeg");
    }

    @Test
    void vlcSeeksByRange() {
        int before = server.requests().size();
        // VLC's prefetch (16 MiB reads) takes a file this small (3.6 MB) whole off loopback and seeks
        // in memory; small reads and buffer make it seek on the wire, as it does in a larger file.
        ProcessRun.succeed(LIMIT, dir, Unprivileged.command(List.of(Tools.cvlc().toString(), "-I", "dummy",
                "--play-and-exit", "--no-audio", "--vout=dummy", "--prefetch-buffer-size=256",
                "--prefetch-read-size=65536",
                "--start-time=30", "--stop-time=32", server.url("/archive/a.wmv"))));
        assertSoughtByRange(before, "VLC");
    }

    @Test
    void mplayerSeeksByRangeAndStaysOnPlainHttp() {
        int before = server.requests().size();
        ProcessRun.succeed(LIMIT, dir, List.of(Tools.mplayer().toString(), "-really-quiet", "-nolirc",
                "-noconsolecontrols", "-nosound", "-vo", "null", "-ss", "20", "-frames", "10",
                server.url("/archive/a.wmv")));
        List<RequestHead> asked = server.requests().subList(before, server.requests().size());
        assertThat(asked).as("MPlayer's requests").isNotEmpty()
                .allSatisfy(h -> assertThat(ClientRequest.protocolOf(h.userAgent())).as(h.userAgent())
                        .isEqualTo(ClientProtocol.PLAIN_HTTP));
        assertSoughtByRange(before, "MPlayer");
    }

    /** Some request since {@code before} asked a Range starting past a quarter of the file (the seek). */
    private static void assertSoughtByRange(int before, String player) {
        long size = movie.toFile().length();
        List<RequestHead> asked = server.requests().subList(before, server.requests().size());
        List<String> ranges = asked.stream().map(h -> h.first("Range").orElse("(none)")).toList();
        System.out.printf("%s asked ranges %s of a file of %d bytes%n", player, ranges, size);
        OptionalLong furthest = asked.stream().flatMap(h -> h.first("Range").stream())
                .filter(r -> r.matches("bytes=\\d+-\\d*"))
                .mapToLong(r -> Long.parseLong(r.substring(6, r.indexOf('-')))).max();
        assertThat(furthest).as("%s seeking: the furthest Range start of %s", player, ranges).isPresent();
        assertThat(furthest.getAsLong()).as("%s seeking: ranges %s", player, ranges).isGreaterThan(size / 4);
    }
}
