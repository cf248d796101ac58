package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./asfcast server CONFIG} with three points on one port (a looped file, a command running
 * FFmpeg as the encoder, the test pattern): FFmpeg plays each point, each point's metafile names
 * its URLs, and a path with no point gets 404.
 */
@Tag("interop")
class ServerIT {

    @TempDir
    Path dir;

    @Test
    void threePointsOnOnePortEachPlayInFfmpeg() throws Exception {
        Ffmpeg.make(dir.resolve("radio.wma"), "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "5",
                "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, String.join("\n",
                "# three points on one port",
                "port: 0",
                "bind: 127.0.0.1",
                "points:",
                "  - path: /radio",
                "    file: radio.wma",
                "    loop: true",
                "  - path: /tv",
                "    command: [" + Tools.ffmpeg() + ", -nostdin, -v, error, -re, -f, lavfi, -i, "
                        + "'testsrc2=size=320x240:rate=25', -c:v, wmv2, -g, '25', -f, asf, '-']",
                "  - path: /",
                "    test-pattern: {size: 160x120, fps: 25}",
                ""));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            for (String path : List.of("/radio", "/tv", "/")) {
                String url = "mmsh://127.0.0.1:" + port + path;
                ProcessRun run = null;
                // A command point's encoder may still be starting: its point answers 503 until its header.
                for (int attempt = 0; attempt < 10; attempt++) {
                    run = ProcessRun.run(Duration.ofSeconds(30), dir, List.of(Tools.ffmpeg().toString(), "-nostdin",
                            "-v", "error", "-i", url, "-t", "3", "-f", "null", "-"));
                    if (run.exitCode() == 0) {
                        break;
                    }
                    Thread.sleep(1000);
                }
                assertThat(run.exitCode()).as("FFmpeg playing %s; stderr %s; server %s", url, run.stderr(),
                        server.stdout() + " " + server.stderr()).isZero();
                assertThat(run.stderr()).as(url).isEmpty();
            }
            String asx = fetch("http://127.0.0.1:" + port + "/tv.asx");
            assertThat(asx).startsWith("<ASX version=\"3.0\">")
                    .contains("<REF HREF=\"http://127.0.0.1:" + port + "/tv\" />")
                    .contains("<REF HREF=\"mms://127.0.0.1:" + port + "/tv\" />");
            assertThat(fetch("http://127.0.0.1:" + port + "/.asx")).contains("http://127.0.0.1:" + port + "/\"");
            assertThat(status("http://127.0.0.1:" + port + "/nothing")).isEqualTo(404);
            assertThat(server.terminate()).isZero();
            assertThat(server.awaitLine("server stopped", Duration.ofSeconds(5))).isNotEmpty();
        }
    }

    private static String fetch(String url) throws Exception {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String url) throws Exception {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) new URL(url).openConnection();
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
