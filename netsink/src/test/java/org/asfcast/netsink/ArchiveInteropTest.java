package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive point serving files on demand over MS-WMSP to the real FFmpeg: every frame of a file
 * from the start to the end, a seek by {@code stream-time}, the duration ffprobe shows, and what a
 * request outside the folder or for a file that is not ASF gets.
 */
@Tag("interop")
class ArchiveInteropTest {

    private static final Duration RUN = Duration.ofSeconds(70);

    @TempDir
    Path dir;
    private StreamingServer server;
    private Path media;

    @BeforeEach
    void serveAFolder() throws Exception {
        Path root = Files.createDirectories(dir.resolve("media"));
        media = Ffmpeg.make(root.resolve("a.wmv"),
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "40",
                "-c:v", "wmv2", "-b:v", "400k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Files.writeString(root.resolve("notes.wmv"), "not a video\n");
        Files.writeString(dir.resolve("secret.txt"), "outside the root\n");
        server = new StreamingServer(ServerSettings.defaults());
        server.publish("/archive", new ArchivePoint("/archive", root, ArchiveSettings.defaults().withMaximumClients(20)));
        server.open(0);
    }

    @AfterEach
    void close() {
        if (server != null && server.isOpen()) {
            server.close();
        }
    }

    private String url(String path) {
        return "mmsh://127.0.0.1:" + server.port() + path;
    }

    private static List<String> frames(String input, String... before) {
        List<String> command = new ArrayList<>(List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error"));
        command.addAll(List.of(before));
        command.addAll(List.of("-i", input, "-map", "0:v", "-f", "framemd5", "-"));
        ProcessRun run = ProcessRun.run(RUN, Path.of("."), command);
        assertThat(run.exitCode()).as("ffmpeg %s: %s", input, run.stderr()).isZero();
        return run.stdout().lines().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void ffmpegDecodesEveryFrameOfTheFileFromStartToEnd() {
        List<String> local = frames(media.toString());
        List<String> served = frames(url("/archive/a.wmv"));
        assertThat(local).hasSize(1000);
        // framemd5 lines carry stream, dts, pts, duration, size and the hash of each decoded picture.
        assertThat(served).isEqualTo(local);
    }

    @Test
    void ffprobeShowsTheFilesDuration() {
        ProcessRun run = ProcessRun.run(RUN, dir, List.of(Tools.ffprobe().toString(), "-v", "error",
                "-show_entries", "format=duration", "-of", "csv=p=0", url("/archive/a.wmv")));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Double.parseDouble(run.stdout().trim())).isBetween(39.5, 40.5);
    }

    @Test
    void ffmpegSeeksWithinOneGopOfWhereItAsked() {
        ProcessRun run = ProcessRun.run(RUN, dir, List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-ss", "30", "-i", url("/archive/a.wmv"), "-map", "0:v", "-copyts", "-f", "framemd5", "-"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> frames = run.stdout().lines().filter(l -> !l.startsWith("#")).toList();
        // About 10 s of the 40 were sent (from the key frame at or before 30 s): not the whole file.
        assertThat(frames.size()).as(run.stdout()).isBetween(200, 320);
    }

    @Test
    void outsideTheFolderAndNotAsfAreRefused() throws Exception {
        String traversal = RawRequest.send(server.port(), "GET /archive/../secret.txt HTTP/1.0\r\n"
                + "User-Agent: NSPlayer/7.10.0.3059\r\nPragma: xPlayStrm=1\r\n\r\n");
        assertThat(traversal).startsWith("HTTP/1.0 404").doesNotContain("outside the root");
        String notAsf = RawRequest.send(server.port(), "GET /archive/notes.wmv HTTP/1.0\r\n"
                + "User-Agent: NSPlayer/7.10.0.3059\r\n\r\n");
        assertThat(notAsf).startsWith("HTTP/1.0 415");
        String missing = RawRequest.send(server.port(), "GET /archive/b.wmv HTTP/1.0\r\n"
                + "User-Agent: NSPlayer/7.10.0.3059\r\n\r\n");
        assertThat(missing).startsWith("HTTP/1.0 404");
    }
}
