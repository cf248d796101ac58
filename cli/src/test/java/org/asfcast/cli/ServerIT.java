package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.Tools;
import org.asfcast.cli.Players.Media;
import org.asfcast.cli.Players.Play;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./asfcast server CONFIG} with three points on one port (a looped file, a command running
 * FFmpeg as the encoder, the test pattern): FFmpeg, VLC and MPlayer each play each point, VLC and
 * MPlayer ({@code -playlist}) play each point's {@code .asx} through its first reference, and a
 * path with no point gets 404.
 */
@Tag("interop")
class ServerIT {

    /** How long each player plays each point. */
    private static final int SECONDS = 5;

    @TempDir
    Path dir;

    @Test
    void threePointsOnOnePortPlayInEveryPlayerDirectlyAndThroughTheirMetafiles() throws Exception {
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
        Map<String, Media> points = new LinkedHashMap<>();
        points.put("/radio", Media.AUDIO);
        points.put("/tv", Media.VIDEO);
        points.put("/", Media.AUDIO_VIDEO);
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String base = "127.0.0.1:" + port;
            for (var point : points.entrySet()) {
                // A command point's encoder may still be starting: its point answers 503 until its header.
                PlainHttp.awaitServing("http://" + base + point.getKey(), Duration.ofSeconds(60));
                Players.allPlay(dir, "mmsh://" + base + point.getKey(), SECONDS, point.getValue());
            }
            for (var point : points.entrySet()) {
                String stream = "http://" + base + point.getKey();
                String asx = "http://" + base + (point.getKey().equals("/") ? "/" : point.getKey()) + ".asx";
                Play vlc = Players.vlc(dir, asx, SECONDS);
                Play mplayer = Players.mplayer(dir, SECONDS, "-playlist", asx);
                // Each follows the first reference, the point's http:// URL.
                assertThat(vlc.check(point.getValue())).as("VLC on %s", asx).contains("`" + stream + "' successfully opened");
                assertThat(mplayer.check(point.getValue())).as("MPlayer on %s", asx).contains("Playing " + stream + ".");
            }
            String asx = PlainHttp.fetch("http://" + base + "/tv.asx");
            assertThat(asx).startsWith("<ASX version=\"3.0\">")
                    .contains("<REF HREF=\"http://" + base + "/tv\" />")
                    .contains("<REF HREF=\"mms://" + base + "/tv\" />");
            assertThat(PlainHttp.fetch("http://" + base + "/.asx")).contains("http://" + base + "/\"");
            assertThat(PlainHttp.get("http://" + base + "/nothing").status()).isEqualTo(404);
            assertThat(server.terminate()).isZero();
            assertThat(server.awaitLine("server stopped", Duration.ofSeconds(5))).isNotEmpty();
        }
    }
}
