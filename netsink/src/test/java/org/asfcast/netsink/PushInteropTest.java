package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.asfcast.netsink.wire.PushFraming;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushing a real FFmpeg-made stream: by MS-WMHTTP (PushSetup, then PushStart with the framing
 * built here from the file, then a re-POST on a new connection with the same push-id, as after a
 * dropped connection or every ~2 GB) while players play, who get every packet as it was in the
 * file, across the re-POST, without an {@code $E}; and by FFmpeg itself with {@code -method PUT}.
 */
@Tag("interop")
class PushInteropTest {

    private static final Duration GRACE = Duration.ofSeconds(3);

    @TempDir
    static Path dir;
    static Path file;
    static PushFraming.Pushed frames;

    @BeforeAll
    static void media() throws Exception {
        file = Ffmpeg.make(dir.resolve("encoder.asf"), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "6", "-c:v", "wmv2", "-g", "25",
                "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        frames = PushFraming.of(file);
    }

    private static PushSettings settings() {
        return new PushSettings(Optional.of("push-token"), Optional.empty(), Optional.empty(), GRACE, Duration.ofSeconds(20));
    }

    private static String pushStart(String pushId, long length) {
        return "POST /live?token=push-token HTTP/1.1\r\nContent-Type: application/x-wms-pushstart\r\n"
                + "User-Agent: WMEncoder/11.0.5721.5145\r\nHost: x\r\nContent-Length: " + length + "\r\n"
                + "Cache-Control: no-cache\r\nCookie: push-id=" + pushId + "\r\n\r\n";
    }

    private static List<byte[]> media(List<ReceivedPacket> packets) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (ReceivedPacket p : packets) {
            if (p.parse().payloads().stream().allMatch(x -> x.streamNumber() <= 2)) {
                out.add(p.bytes());
            }
        }
        return out;
    }

    @Test
    void aPushSessionRePostedOnANewConnectionPlaysOnForItsPlayersPacketForPacket() throws Exception {
        int n = frames.packets().size();
        int half = n / 2;
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Player early = h.new Player();
             PushHarness.Player other = h.new Player()) {
            assertThat(PushHarness.await(Duration.ofSeconds(5), () -> h.point.waitingRequests() == 2)).isTrue();
            String pushId;
            try (PushHarness.Publisher encoder = h.new Publisher()) {
                String setup = encoder.send("POST /live?token=push-token HTTP/1.1\r\nContent-Type: application/x-wms-pushsetup\r\n"
                        + "X-Accept-Authentication: Negotiate, NTLM, Digest\r\nUser-Agent: WMEncoder/11.0.5721.5145\r\n"
                        + "Host: x\r\nContent-Length: 16\r\nCache-Control: no-cache\r\nCookie: push-id=0\r\n\r\nAutoDestroy: 1\r\n")
                        .answer();
                assertThat(setup).startsWith("HTTP/1.1 204 No Content\r\n").contains("\r\nServer: Cougar/9.")
                        .contains("\r\nContent-Length: 0\r\n").contains("\r\nPragma: no-cache, timeout=60000\r\n");
                pushId = setup.split("Set-Cookie: push-id=")[1].split("\r\n")[0];
                assertThat(pushId).matches("[0-9]{6,19}").isNotEqualTo("0");
                // The first PushStart declares exactly its frames: answered 204 when they are in (the ~2 GB case).
                byte[] first = join(frames.headerFrame(), frames.dataFrames(0, half));
                encoder.send(pushStart(pushId, first.length)).send(first);
                assertThat(encoder.answer()).startsWith("HTTP/1.1 204 No Content\r\n");
            } // the connection drops
            assertThat(PushHarness.await(Duration.ofSeconds(10), () -> early.packets.size() > 10)).isTrue();
            // A new connection continues the session with $D, the push-id its only credential.
            try (PushHarness.Publisher again = h.new Publisher()) {
                byte[] rest = join(frames.dataFrames(half, n), PushFraming.end(0));
                again.send(pushStart(pushId, 2147483647L).replace("?token=push-token", "")).send(rest);
                assertThat(again.answer()).startsWith("HTTP/1.1 204 No Content\r\n");
            }
            early.join(Duration.ofSeconds(30));
            other.join(Duration.ofSeconds(5));
            for (PushHarness.Player player : List.of(early, other)) {
                assertThat(player.failure).isNull();
                // The stream ends only when nobody published within the grace, after every packet.
                assertThat(player.end).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK));
                PushHarness.assertPlayedAsPublished(media(player.packets), frames.packets());
            }
            assertThat(h.source.publications()).isEqualTo(1); // one session, two PushStarts
        }
    }

    @Test
    void ffmpegPublishesByPutAndAPlayerPlaysIt() throws Exception {
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Player player = h.new Player()) {
            ProcessRun ffmpeg = ProcessRun.run(Duration.ofSeconds(60), dir, List.of(Tools.ffmpeg().toString(), "-nostdin",
                    "-v", "error", "-re", "-i", file.toString(), "-c", "copy", "-f", "asf", "-method", "PUT",
                    "http://127.0.0.1:" + h.port() + "/live?token=push-token"));
            assertThat(ffmpeg.exitCode()).as("FFmpeg publishing; stderr %s", ffmpeg.stderr()).isZero();
            player.join(Duration.ofSeconds(20));
            assertThat(player.failure).isNull();
            assertThat(media(player.packets).size()).as("packets played").isGreaterThan(frames.packets().size() * 9 / 10);
            ProcessRun wrong = publish(h, "http://127.0.0.1:" + h.port() + "/live?token=wrong");
            // FFmpeg does not read the answer while it writes: it fails on the refusal's close ("Connection
            // reset by peer") only when that comes before its last write, so its exit code is no test here.
            assertThat(h.seen.refused).as("FFmpeg with a wrong token; stderr %s", wrong.stderr())
                    .extracting(Refusal::status).containsExactly(403);
            assertThat(h.source.publications()).as("the refused stream is not published").isEqualTo(1);
            // user:password in the URL: FFmpeg asks with Expect: 100-continue, answers the 401's Basic challenge.
            ProcessRun basic = publish(h, "http://encoder:push-token@127.0.0.1:" + h.port() + "/live");
            assertThat(basic.exitCode()).as("FFmpeg with Basic; stderr %s", basic.stderr()).isZero();
            assertThat(h.seen.refused).extracting(Refusal::status).containsExactly(403, 401);
            // Taken once the source has relayed the first publisher's last second or two (paced by send time).
            assertThat(PushHarness.await(Duration.ofSeconds(15), () -> h.source.publications() == 2)).isTrue();
        }
    }

    @Test
    void ffmpegAndCurlAnswerDigestWithThePointsUserAndPassword() throws Exception {
        PushSettings users = new PushSettings(Optional.empty(), Optional.of("encoder"), Optional.of("s3cret pass"), GRACE,
                Duration.ofSeconds(20));
        try (PushHarness h = new PushHarness(users);
             PushHarness.Player player = h.new Player()) {
            // FFmpeg sends nothing until asked (Expect: 100-continue), then takes the last Digest challenge (MD5).
            ProcessRun ffmpeg = ProcessRun.run(Duration.ofSeconds(60), dir, List.of(Tools.ffmpeg().toString(), "-nostdin",
                    "-v", "error", "-re", "-i", file.toString(), "-c", "copy", "-f", "asf", "-method", "PUT",
                    "http://encoder:s3cret%20pass@127.0.0.1:" + h.port() + "/live"));
            assertThat(ffmpeg.exitCode()).as("FFmpeg publishing with Digest; stderr %s", ffmpeg.stderr()).isZero();
            player.join(Duration.ofSeconds(20));
            assertThat(player.failure).isNull();
            assertThat(media(player.packets).size()).as("packets played").isGreaterThan(frames.packets().size() * 9 / 10);
            assertThat(h.seen.refused).extracting(Refusal::status).containsExactly(401);
            assertThat(h.notices).as("the source's notices").anyMatch(n -> n.matches(".* by PUT with Digest MD5 publishes.*"));

            String url = "http://127.0.0.1:" + h.port() + "/live";
            ProcessRun none = curl("-X", "PUT", "--data-binary", "not asf", url);
            assertThat(none.stdout()).startsWith("HTTP/1.1 401 ")
                    .containsPattern("\r\nWWW-Authenticate: Digest realm=\"/live\", qop=\"auth\", algorithm=SHA-256, nonce=\"[\\w-]{32}\"\r\n"
                            + "WWW-Authenticate: Digest realm=\"/live\", qop=\"auth\", algorithm=MD5, nonce=\"[\\w-]{32}\"\r\n"
                            + "WWW-Authenticate: Basic realm=\"/live\"\r\n")
                    .endsWith("Publishing here needs the point's publishing token (?token=) or its user and password.\n");
            ProcessRun wrong = curl("--digest", "-u", "encoder:guess", "-T", file.toString(), url);
            assertThat(wrong.stdout()).contains("HTTP/1.1 401 ").contains("HTTP/1.1 403 ")
                    .endsWith("The publishing credential given is not this point's.\n");
            // curl takes the first Digest challenge: SHA-256.
            long before = h.source.publications();
            ProcessRun right = curl("--digest", "-u", "encoder:s3cret pass", "-T", file.toString(), url);
            assertThat(right.stdout()).as("curl; stderr %s", right.stderr()).contains("HTTP/1.1 200 ")
                    .containsPattern("Published [0-9]+ bytes to /live\\.\\n$");
            assertThat(PushHarness.await(Duration.ofSeconds(15), () -> h.source.publications() == before + 1)).isTrue();
            assertThat(h.notices).anyMatch(n -> n.matches(".* by PUT with Digest SHA-256 publishes.*"));
        }
    }

    private ProcessRun curl(String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "30"));
        command.addAll(List.of(args));
        return ProcessRun.run(Duration.ofSeconds(40), dir, command);
    }

    private static ProcessRun publish(PushHarness h, String url) {
        return ProcessRun.run(Duration.ofSeconds(60), dir, List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-i", file.toString(), "-c", "copy", "-f", "asf", "-method", "PUT", url));
    }

    private static byte[] join(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
