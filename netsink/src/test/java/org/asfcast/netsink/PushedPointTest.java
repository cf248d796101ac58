package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.WrittenFiles;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.asfcast.netsink.wire.PushFraming;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push point over real sockets: who may publish (401, 403), one publisher at a time (409), a
 * plain chunked PUT played by a player byte for byte, a malformed push body refused (422) while
 * the players stay and a new publisher continues, and a publisher faster than real time held back.
 */
class PushedPointTest {

    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    static byte[] clip;
    static PushFraming.Pushed frames;
    static Path longClip;
    static byte[] otherClip;

    @BeforeAll
    static void media() throws Exception {
        Path file = dir.resolve("clip.asf");
        WrittenFiles.writeMjpegPcm(file, 75, 25, 160, 120, 2000);
        clip = Files.readAllBytes(file);
        frames = PushFraming.of(file);
        Path other = dir.resolve("other.asf");
        WrittenFiles.writeMjpegPcm(other, 75, 25, 320, 240, 2000); // another picture size: another header
        otherClip = Files.readAllBytes(other);
        longClip = dir.resolve("long.asf");
        // Five minutes: more than the kernel's socket buffers on loopback can take (a send buffer grows
        // to 4 MiB here), so a publisher held back is still writing after a few seconds.
        WrittenFiles.writeMjpegPcm(longClip, 25 * 300, 25, 160, 120, 2000);
    }

    private static PushSettings settings() {
        return new PushSettings(Optional.of("T0ken"), Optional.of("enc"), Optional.of("pw"), GRACE, Duration.ofSeconds(10));
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String put(String target, String... fields) {
        StringBuilder r = new StringBuilder("PUT " + target + " HTTP/1.1\r\nHost: x\r\nUser-Agent: Lavf/61\r\n");
        for (String f : fields) {
            r.append(f).append("\r\n");
        }
        return r.append("\r\n").toString();
    }

    private static byte[] chunked(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += chunk) {
            int n = Math.min(chunk, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The media packets a player got (keep-alive packets, on a stream no header declares, left out). */
    private static List<byte[]> media(List<ReceivedPacket> packets) throws Exception {
        List<byte[]> out = new java.util.ArrayList<>();
        for (ReceivedPacket p : packets) {
            if (p.parse().payloads().stream().allMatch(x -> x.streamNumber() <= 2)) {
                out.add(p.bytes());
            }
        }
        return out;
    }

    @Test
    void noCredentialIs401AndAWrongOneIs403WithSentences() throws Exception {
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Publisher none = h.new Publisher();
             PushHarness.Publisher wrong = h.new Publisher();
             PushHarness.Publisher wrongPassword = h.new Publisher()) {
            assertThat(none.send(put("/live", "Content-Length: 10")).answer()).startsWith("HTTP/1.1 401 Unauthorized\r\n")
                    .contains("\r\nWWW-Authenticate: Basic realm=\"/live\"\r\n")
                    .endsWith("Publishing here needs the point's publishing token (?token=) or its user and password.\n");
            assertThat(wrong.send(put("/live?token=nope", "Content-Length: 10")).answer()).startsWith("HTTP/1.1 403 Forbidden\r\n")
                    .endsWith("The publishing credential given is not this point's.\n");
            assertThat(wrongPassword.send(put("/live", "Content-Length: 10", basic("enc", "nope"))).answer())
                    .startsWith("HTTP/1.1 403 ");
            assertThat(h.seen.refused).extracting(Refusal::status).containsExactly(401, 403, 403);
            assertThat(h.seen.refused).allSatisfy(r -> assertThat(r.point()).isEqualTo("/live"));
        }
        try (PushHarness h = new PushHarness(PushSettings.ofToken("T0ken"));
             PushHarness.Publisher none = h.new Publisher()) {
            // The token is Basic's password too, so even a point with no user asks for Basic.
            assertThat(none.send(put("/live", "Content-Length: 10")).answer()).startsWith("HTTP/1.1 401 ")
                    .contains("\r\nWWW-Authenticate: Basic realm=\"/live\"\r\n");
        }
    }

    @Test
    void aChunkedPutIsPlayedAsSentAndItsPlayersEndWhenNobodyPublishesWithinTheGrace() throws Exception {
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Player player = h.new Player(); // before anything is published: held
             PushHarness.Publisher ffmpeg = h.new Publisher()) {
            assertThat(PushHarness.await(Duration.ofSeconds(5), () -> h.point.waitingRequests() == 1)).isTrue();
            ffmpeg.send(put("/live?token=T0ken", "Transfer-Encoding: chunked")).send(chunked(clip, 1000));
            assertThat(ffmpeg.answer()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("Published " + clip.length + " bytes to /live.\n");
            player.join(Duration.ofSeconds(20)); // 3 s of media, then the grace, then $E
            assertThat(player.failure).isNull();
            assertThat(player.end).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK));
            PushHarness.assertPlayedAsPublished(media(player.packets), frames.packets());
            assertThat(h.notices).first().asString().matches("127\\.0\\.0\\.1:[0-9]+ by PUT with token publishes");
            assertThat(h.notices).filteredOn(n -> n.contains("stopped publishing")).hasSize(1);
            assertThat(h.notices).last().isEqualTo("nobody published within 2000 ms; the broadcast ends");
        }
    }

    @Test
    void aSecondPublisherIs409AndTheFirstGoesOn() throws Exception {
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Publisher first = h.new Publisher();
             PushHarness.Publisher second = h.new Publisher();
             PushHarness.Publisher third = h.new Publisher()) {
            first.send(put("/live", "Content-Length: " + clip.length, basic("enc", "pw")));
            first.send(java.util.Arrays.copyOf(clip, clip.length / 2));
            assertThat(PushHarness.await(Duration.ofSeconds(5), () -> h.point.isLive())).isTrue();
            assertThat(h.ingest.publisher()).hasValueSatisfying(p -> {
                assertThat(p.how()).isEqualTo("PUT");
                assertThat(p.address().getAddress().isLoopbackAddress()).isTrue();
            });
            assertThat(second.send(put("/live?token=T0ken", "Content-Length: 10")).answer()).startsWith("HTTP/1.1 409 Conflict\r\n")
                    .endsWith("Someone else is publishing to /live now; one publisher at a time.\n");
            // An MS-WMHTTP pusher too.
            assertThat(third.send("POST /live?token=T0ken HTTP/1.1\r\nContent-Type: application/x-wms-pushsetup\r\n"
                    + "User-Agent: WMEncoder/11.0.5721.5145\r\nContent-Length: 0\r\n\r\n").answer()).startsWith("HTTP/1.1 409 ");
            first.send(java.util.Arrays.copyOfRange(clip, clip.length / 2, clip.length));
            assertThat(first.answer()).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(PushHarness.await(Duration.ofSeconds(5), () -> h.ingest.publisher().isEmpty())).isTrue();
        }
    }

    @Test
    void aPushStartForASessionTheServerDoesNotHaveIs404AndANewSetupPublishes() throws Exception {
        try (PushHarness h = new PushHarness(settings())) {
            try (PushHarness.Publisher stranger = h.new Publisher()) {
                stranger.send("POST /live HTTP/1.1\r\nContent-Type: application/x-wms-pushstart\r\n"
                        + "User-Agent: WMEncoder/11.0.5721.5145\r\nHost: x\r\n" + basic("x", "T0ken") + "\r\n"
                        + "Content-Length: 2147483647\r\nCookie: push-id=4124758405\r\n\r\n");
                assertThat(stranger.answer()).startsWith("HTTP/1.1 404 ").contains("start again with a PushSetup");
            }
            assertThat(h.ingest.publisher()).as("nobody publishes").isEmpty();
            try (PushHarness.Publisher pusher = h.new Publisher()) {
                String setup = pusher.send("POST /live HTTP/1.1\r\nContent-Type: application/x-wms-pushsetup\r\n"
                        + "User-Agent: WMEncoder/11.0.5721.5145\r\nHost: x\r\n" + basic("x", "T0ken") + "\r\n"
                        + "Content-Length: 16\r\nCookie: push-id=0\r\n\r\nAutoDestroy: 1\r\n").answer();
                assertThat(setup).startsWith("HTTP/1.1 204 No Content\r\n");
            }
        }
    }

    @Test
    void aMalformedPushBodyIs422ThePlayersStayAndANewPublisherContinuesTheirStream() throws Exception {
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Publisher pusher = h.new Publisher()) {
            String setup = pusher.send("POST /live HTTP/1.1\r\nContent-Type: application/x-wms-pushsetup\r\n"
                    + "User-Agent: WMEncoder/11.0.5721.5145\r\nHost: x\r\n" + basic("x", "T0ken") + "\r\n"
                    + "Content-Length: 16\r\nCookie: push-id=0\r\n\r\nAutoDestroy: 1\r\n").answer();
            assertThat(setup).startsWith("HTTP/1.1 204 No Content\r\nServer: Cougar/9.").contains("\r\nSet-Cookie: push-id=");
            String pushId = setup.split("Set-Cookie: push-id=")[1].split("\r\n")[0];
            int half = frames.packets().size() / 2;
            pusher.send("POST /live HTTP/1.1\r\nContent-Type: application/x-wms-pushstart\r\n"
                    + "User-Agent: WMEncoder/11.0.5721.5145\r\nContent-Length: 2147483647\r\nCookie: push-id=" + pushId + "\r\n\r\n");
            pusher.send(frames.headerFrame()).send(frames.dataFrames(0, half));
            try (PushHarness.Player player = h.new Player()) {
                assertThat(PushHarness.await(Duration.ofSeconds(10), () -> player.packets.size() >= 5)).isTrue();
                pusher.send("GARBAGE!".getBytes(StandardCharsets.US_ASCII));
                assertThat(pusher.answer()).startsWith("HTTP/1.1 422 Unprocessable Content\r\n")
                        .contains("At byte ").endsWith("expected a push packet starting with '$' (0x24), found 0x47\n");
                assertThat(pusher.closedByServer()).isTrue();
                Thread.sleep(GRACE.toMillis() / 2);
                assertThat(player.playing()).as("the player stays within the grace").isTrue();
                int before = player.packets.size();
                // The same encoder again, by a plain POST, from the start: the stream goes on for the player.
                try (PushHarness.Publisher again = h.new Publisher()) {
                    again.send(put("/live?token=T0ken", "Content-Length: " + clip.length).replaceFirst("PUT", "POST")).send(clip);
                    assertThat(again.answer()).startsWith("HTTP/1.1 200 ");
                }
                assertThat(PushHarness.await(Duration.ofSeconds(10), () -> player.packets.size() > before + 20)).isTrue();
                assertThat(player.end).isEmpty();
                assertThat(player.failure).isNull();
            }
        }
    }

    @Test
    void aPublisherFasterThanRealTimeIsHeldBackNotBuffered() throws Exception {
        byte[] body = Files.readAllBytes(longClip); // 5 minutes of media
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Publisher fast = h.new Publisher()) {
            Thread writer = new Thread(() -> {
                try {
                    fast.send(put("/live?token=T0ken", "Content-Length: " + body.length)).send(body);
                } catch (java.io.IOException e) {
                    // closed at the end of the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            Thread.sleep(3000);
            PublishedBody taken = h.ingest.current().orElseThrow();
            assertThat(taken.held()).isLessThanOrEqualTo(PublishedBody.HIGH_WATER + (1 << 20));
            assertThat(taken.total()).as("taken from the publisher in 3 s").isLessThan(body.length / 2);
            assertThat(writer.isAlive()).as("the publisher is still writing").isTrue();
        }
    }

    @Test
    void anotherHeaderEndsThePlayersStreamsAndStartsANewBroadcast() throws Exception {
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Player first = h.new Player()) {
            try (PushHarness.Publisher a = h.new Publisher()) {
                a.send(put("/live?token=T0ken", "Content-Length: " + clip.length)).send(clip);
                assertThat(a.answer()).startsWith("HTTP/1.1 200 ");
            }
            assertThat(PushHarness.await(Duration.ofSeconds(10), () -> first.packets.size() > 20)).isTrue();
            try (PushHarness.Publisher b = h.new Publisher()) {
                long sent = System.nanoTime();
                b.send(put("/live?token=T0ken", "Content-Length: " + otherClip.length)).send(otherClip);
                first.join(Duration.ofSeconds(10));
                // Well before the grace is over: the new header ended the old stream with $E.
                assertThat(first.end).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK));
                assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(GRACE.dividedBy(2));
                try (PushHarness.Player next = h.new Player()) {
                    assertThat(PushHarness.await(Duration.ofSeconds(10), () -> next.packets.size() > 5)).isTrue();
                    assertThat(next.failure).isNull();
                }
                assertThat(b.answer()).startsWith("HTTP/1.1 200 ");
            }
        }
    }

    @Test
    void aPublisherThatSendsNothingForTheIdleTimeoutGets408AndThePlayersStay() throws Exception {
        PushSettings quick = new PushSettings(Optional.of("T0ken"), Optional.empty(), Optional.empty(), Duration.ofSeconds(10),
                Duration.ofSeconds(1));
        try (PushHarness h = new PushHarness(quick);
             PushHarness.Publisher stalled = h.new Publisher()) {
            stalled.send(put("/live?token=T0ken", "Content-Length: " + clip.length)).send(java.util.Arrays.copyOf(clip, clip.length / 3));
            try (PushHarness.Player player = h.new Player()) {
                assertThat(PushHarness.await(Duration.ofSeconds(10), () -> player.packets.size() > 5)).isTrue();
                assertThat(stalled.answer()).startsWith("HTTP/1.1 408 ").endsWith("Nothing arrived for 1 s; the connection closes.\n");
                Thread.sleep(1000);
                assertThat(player.playing()).isTrue();
            }
        }
    }

    @Test
    void theTokenInThePathPublishesAsPlayersGiveTheirs() throws Exception {
        try (PushHarness h = new PushHarness(settings());
             PushHarness.Publisher pathToken = h.new Publisher()) {
            pathToken.send(put("/t/T0ken/live", "Content-Length: " + clip.length)).send(clip);
            assertThat(pathToken.answer()).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(h.seen.refused).isEmpty();
        }
    }
}
