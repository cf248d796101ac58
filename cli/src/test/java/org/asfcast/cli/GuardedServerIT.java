package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asfcast.asf.testing.Certificates;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asfcast server} with a point that needs a token (or a user's password) and a TLS port,
 * played by the real clients: FFmpeg with the token in the query (mmsh://) and in the path
 * (http://), with a wrong one (403) and none (401); MPlayer and FFmpeg with user:password from
 * the URL (HTTP Basic); FFmpeg over https:// verifying the test CA; and a reload that replaces
 * the tokens while a player with the old one plays on.
 */
@Tag("interop")
class GuardedServerIT {

    private static final Pattern TLS_PORT = Pattern.compile("TLS on port (\\d+)");
    private static final Pattern ADMIN_URL = Pattern.compile("admin: (https?://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private static String config(String tokens) {
        return String.join("\n", "port: 0", "bind: 127.0.0.1",
                "tls: {certificate: server.pem, key: server.key, port: 0}",
                "admin: {port: 0, token: admin-token-12345, tls: true}",
                "points:",
                "  - path: /radio",
                "    test-pattern: {size: 160x120, fps: 25}",
                "    tokens: " + tokens,
                "    users: {mplayer: mplayer-secret}", "");
    }

    @Test
    void playersWithTheRightCredentialPlayAndTheOthersAreToldWhy() throws Exception {
        Certificates certificates = Certificates.make(dir);
        certificates.valid("server");
        Path config = Files.writeString(dir.resolve("asfcast.yml"), config("[radio-token-1, radio-token-2]"));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            Matcher tls = TLS_PORT.matcher(server.awaitLine("TLS on port", Duration.ofSeconds(10)));
            assertThat(tls.find()).isTrue();
            int tlsPort = Integer.parseInt(tls.group(1));
            Matcher adminUrl = ADMIN_URL.matcher(server.awaitLine("admin: ", Duration.ofSeconds(10)));
            assertThat(adminUrl.find()).isTrue();
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String base = "127.0.0.1:" + port;

            // The admin listener speaks TLS with the same certificate (admin.tls), and only TLS.
            String admin = adminUrl.group(1);
            assertThat(admin).startsWith("https://");
            ProcessRun status = ProcessRun.run(Duration.ofSeconds(20), dir, List.of("curl", "-sS", "--cacert",
                    certificates.ca().toString(), "-H", "Authorization: Bearer admin-token-12345", admin + "/api/v1/status"));
            assertThat(status.exitCode()).as("curl over TLS; stderr %s", status.stderr()).isZero();
            assertThat(status.stdout()).contains("\"schema\":1").contains("\"path\":\"/radio\"");
            ProcessRun plain = ProcessRun.run(Duration.ofSeconds(20), dir, List.of("curl", "-sS", "-o", "/dev/null",
                    "-w", "%{http_code}", "-H", "Authorization: Bearer admin-token-12345",
                    admin.replace("https://", "http://") + "/api/v1/status"));
            assertThat(plain.stdout()).as("plain HTTP to the TLS admin listener").isNotEqualTo("200");

            assertPlays(ffmpeg("mmsh://" + base + "/radio?token=radio-token-1"), "FFmpeg, mmsh://, token in the query");
            assertPlays(ffmpeg("http://" + base + "/t/radio-token-2/radio"), "FFmpeg, http://, token in the path");
            assertPlays(ffmpeg("mmsh://" + base + "/t/radio-token-2/radio"), "FFmpeg, mmsh://, token in the path");

            ProcessRun wrong = ffmpeg("http://" + base + "/radio?token=not-the-token");
            assertThat(wrong.exitCode()).as("FFmpeg with a wrong token").isNotZero();
            assertThat(wrong.stderr()).contains("403");
            ProcessRun none = ffmpeg("mmsh://" + base + "/radio");
            assertThat(none.exitCode()).as("FFmpeg without a token").isNotZero();
            assertThat(none.stderr()).contains("401");

            ProcessRun raw = ProcessRun.run(Duration.ofSeconds(20), dir, List.of("curl", "-sS", "-i", "http://" + base + "/radio"));
            assertThat(raw.stdout()).startsWith("HTTP/1.0 401 Unauthorized").contains("WWW-Authenticate: Basic realm=\"/radio\"")
                    .contains("This stream needs a token: open /t/TOKEN/radio or /radio?token=TOKEN, or a user name and password.");

            // HTTP Basic from the URL: MPlayer answers the 401 with it (over mmsh), FFmpeg over http://.
            ProcessRun mplayer = ProcessRun.run(Duration.ofSeconds(60), dir, List.of(Tools.mplayer().toString(),
                    "-really-quiet", "-nolirc", "-noconsolecontrols", "-vo", "md5sum:outfile=" + dir.resolve("mp.md5"),
                    "-ao", "null", "-frames", "75", "mmsh://mplayer:mplayer-secret@" + base + "/radio"));
            assertThat(mplayer.exitCode()).as("MPlayer with user:password; stderr %s", mplayer.stderr()).isZero();
            assertThat(Files.readAllLines(dir.resolve("mp.md5"))).as("pictures MPlayer decoded").hasSize(75);
            assertPlays(ffmpeg("http://mplayer:mplayer-secret@" + base + "/radio"), "FFmpeg, http://, user:password");
            ProcessRun badPassword = ffmpeg("http://mplayer:wrong-password@" + base + "/radio");
            assertThat(badPassword.exitCode()).isNotZero();
            assertThat(badPassword.stderr()).contains("403");

            assertPlays(ffmpeg("https://127.0.0.1:" + tlsPort + "/radio?token=radio-token-1", "-tls_verify", "1",
                    "-ca_file", certificates.ca().toString()), "FFmpeg, https://, verified");
            assertThat(server.terminate()).isZero();
            assertThat(String.join("\n", server.stdout()) + String.join("\n", server.stderr()))
                    .as("what asfcast printed").doesNotContain("radio-token-1").doesNotContain("mplayer-secret");
        }
    }

    @Test
    void aReloadReplacesTheTokensAndThePlayerWithTheOldOnePlaysOn() throws Exception {
        Certificates.make(dir).valid("server");
        Path config = Files.writeString(dir.resolve("asfcast.yml"), config("[old-token-1]"));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String base = "127.0.0.1:" + port;
            CompletableFuture<ProcessRun> playing = CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(60), dir,
                    List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", "mmsh://" + base + "/radio?token=old-token-1",
                            "-t", "10", "-map", "0:v", "-f", "framemd5", "-")));
            server.awaitLine("/radio + ", Duration.ofSeconds(20));
            Thread.sleep(3000);
            Files.writeString(config, config("[new-token-1]"));
            server.signal("HUP");
            assertThat(server.awaitLine("reload: /radio settings applied", Duration.ofSeconds(20))).contains("1 player kept");
            assertThat(ffmpeg("http://" + base + "/radio?token=old-token-1").stderr()).contains("403");
            assertPlays(ffmpeg("http://" + base + "/radio?token=new-token-1"), "FFmpeg with the new token");
            ProcessRun old = playing.get(60, TimeUnit.SECONDS);
            assertThat(old.exitCode()).as("the player with the old token; %s", old.stderr()).isZero();
            assertThat(old.stdout().lines().filter(l -> l.startsWith("0,")).count()).as("its pictures").isGreaterThan(225);
            assertThat(server.terminate()).isZero();
        }
    }

    private ProcessRun ffmpeg(String url, String... options) {
        List<String> command = new ArrayList<>(List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error"));
        command.addAll(List.of(options));
        command.addAll(List.of("-i", url, "-t", "3", "-map", "0:v", "-f", "framemd5", "-"));
        return ProcessRun.run(Duration.ofSeconds(45), dir, command);
    }

    private static void assertPlays(ProcessRun run, String what) {
        assertThat(run.exitCode()).as("%s: exit code; stderr %s", what, run.stderr()).isZero();
        assertThat(run.stdout().lines().filter(l -> l.startsWith("0,")).count()).as("%s: pictures", what)
                .isGreaterThanOrEqualTo(70);
    }
}
