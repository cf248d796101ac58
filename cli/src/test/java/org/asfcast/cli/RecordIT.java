package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.Players;
import org.asfcast.asf.testing.Players.DecodedFrame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --record} and {@code asfcast record} leave files FFmpeg decodes whole and seeks in. */
@Tag("interop")
class RecordIT {

    @TempDir
    Path dir;

    @Test
    void bothRecordingsAreFinishedAndSeekable() throws Exception {
        Path wmv = Ffmpeg.make(dir.resolve("source.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", "30",
                "-c:v", "wmv2", "-b:v", "500k", "-g", "25", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Path served = dir.resolve("served.asf");
        Path recorded = dir.resolve("recorded.wmv");
        try (AsfcastProcess serve = AsfcastProcess.start("serve", wmv.toString(), "--port", "0", "--record", served.toString())) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            Thread.sleep(1200);
            try (AsfcastProcess record = AsfcastProcess.start("record", "mmsh://127.0.0.1:" + port + "/",
                    recorded.toString(), "--duration", "5")) {
                assertThat(record.await(Duration.ofSeconds(60))).as("record's exit; stderr %s", record.stderr()).isZero();
                assertThat(record.stdout()).anyMatch(l -> l.startsWith("recorded "));
            }
            assertThat(serve.terminate()).isZero();
        }
        for (Path file : List.of(served, recorded)) {
            try (AsfReader reader = AsfReader.open(file)) {
                FileProperties fp = reader.header().fileProperties();
                assertThat(fp.flags() & FileProperties.SEEKABLE).as("%s seekable", file.getFileName()).isNotZero();
                assertThat(fp.flags() & FileProperties.BROADCAST).isZero();
                assertThat(reader.simpleIndexes()).isNotEmpty();
                assertThat(fp.playDuration()).isPositive();
            }
            List<DecodedFrame> all = Players.stream(Players.ffmpegFrames(file, 0), 0);
            assertThat(all).as("%s frames", file.getFileName()).hasSizeGreaterThan(100);
            List<DecodedFrame> sought = Players.stream(Players.ffmpegFrames(file, 2), 0);
            // Seeking to 2 s lands on the frame FFmpeg shows at 2 s in the full decode.
            DecodedFrame first = sought.get(0);
            assertThat(all).contains(first);
            assertThat(all.indexOf(first)).as("%s: index of the first frame after -ss 2", file.getFileName())
                    .isBetween(all.size() - sought.size() - 1, all.size() - sought.size() + 1);
            assertThat(sought.size()).isLessThan(all.size() - 40);
            assertThat(Files.size(file)).isPositive();
        }
    }

    /**
     * A web server that knows nothing of MS-WMSP and serves an .asf file as it is: {@code probe} and
     * {@code record} on its http:// URL fall back from the player's request to a plain GET.
     */
    @Test
    void probeAndRecordFallBackToRawAsfFromAPlainWebServer() throws Exception {
        Path wmv = Ffmpeg.make(dir.resolve("clip.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", "4",
                "-c:v", "wmv2", "-b:v", "300k", "-g", "25", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        byte[] body = Files.readAllBytes(wmv);
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        web.createContext("/clip.wmv", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/x-ms-asf");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        web.start();
        try {
            String url = "http://127.0.0.1:" + web.getAddress().getPort() + "/clip.wmv";
            try (AsfcastProcess probe = AsfcastProcess.start("probe", url, "--seconds", "2")) {
                assertThat(probe.await(Duration.ofSeconds(60))).as("probe's exit; stderr %s", probe.stderr()).isZero();
                assertThat(probe.stdout()).anyMatch(l -> l.contains("WMV2") || l.contains("wmv2") || l.contains("video"));
            }
            Path recorded = dir.resolve("from-web.wmv");
            try (AsfcastProcess record = AsfcastProcess.start("record", url, recorded.toString())) {
                assertThat(record.await(Duration.ofSeconds(60))).as("record's exit; stderr %s", record.stderr()).isZero();
                assertThat(record.stdout()).anyMatch(l -> l.startsWith("recorded "));
            }
            assertThat(Players.stream(Players.ffmpegFrames(recorded, 0), 0)).as("frames of the recording")
                    .hasSizeGreaterThanOrEqualTo(95);
        } finally {
            web.stop(0);
        }
    }
}
