package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code access-log: FILE} in {@code asfcast server CONFIG}: FFmpeg's sessions get lines in that
 * file, under the W3C header with WMS's fields; a reload that names another file sends the next
 * lines there; at the stop, a session still waiting for its player's log is written (408).
 */
@Tag("interop")
class AccessLogIT {

    @TempDir
    Path dir;

    @Test
    void playersGetLinesInTheFileTheConfigNamesAndAReloadMovesThem() throws Exception {
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, config("first.log"));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String base = "127.0.0.1:" + port;
            play("http://" + base + "/radio?token=0123456789abcdef");
            server.awaitLine("/radio - ", Duration.ofSeconds(20));

            Files.writeString(config, config("second.log"));
            server.signal("HUP");
            server.awaitLine("reload: access log applied: " + dir.resolve("second.log"), Duration.ofSeconds(20));
            play("http://" + base + "/radio");
            play("mmsh://" + base + "/radio");
            assertThat(server.terminate()).isZero();
        }
        List<String> first = entries(dir.resolve("first.log"));
        assertThat(first).singleElement().asString().contains(" /radio ").contains(" 408 ").contains("Lavf")
                .contains("/radio?token=0123%E2%80%A6").doesNotContain("456789abcdef");
        List<String> second = entries(dir.resolve("second.log"));
        assertThat(second).hasSize(2).allSatisfy(l -> assertThat(l).contains(" /radio "));
        assertThat(second).anySatisfy(l -> assertThat(l).contains(" NSPlayer/")); // FFmpeg over mmsh
    }

    /** FFmpeg plays {@code url} for 2 s. */
    private void play(String url) {
        ProcessRun run = ProcessRun.run(Duration.ofSeconds(60), dir, List.of(Tools.ffmpeg().toString(), "-nostdin", "-v",
                "error", "-i", url, "-t", "2", "-f", "null", "-"));
        assertThat(run.exitCode()).as("FFmpeg on %s: %s", url, run.stderr()).isZero();
    }

    /** The entries of a log file, after checking its header and that each has as many fields as it names. */
    private static List<String> entries(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.subList(0, 3)).satisfiesExactly(
                l -> assertThat(l).matches("#Software: asfcast \\S+"),
                l -> assertThat(l).isEqualTo("#Version: 1.0"),
                l -> assertThat(l).matches("#Date: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));
        assertThat(lines.get(3)).startsWith("#Fields: c-ip date time c-dns cs-uri-stem c-starttime x-duration c-rate c-status")
                .endsWith(" s-proxied x-reason");
        int fields = lines.get(3).split(" ").length - 1;
        List<String> entries = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(entries).allSatisfy(l -> assertThat(l.split(" ", -1)).as(l).hasSize(fields));
        return entries;
    }

    private static String config(String accessLog) {
        return String.join("\n", "port: 0", "bind: 127.0.0.1", "access-log: " + accessLog, "points:",
                "  - path: /radio", "    test-pattern: {size: 160x120, fps: 25}", "");
    }
}
