package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataPacket;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.push.PushReceiver;
import org.asfcast.client.push.PushReceiver.Frame;
import org.asfcast.client.push.PushReceiver.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./asfcast serve --push URL}: the broadcast also goes to a publishing point, pushed with MS-WMHTTP. */
class ServePushIT {

    @Test
    void theBroadcastIsPushedWithTheTokenInTheRequestLineAndEndedWithIt() throws Exception {
        try (PushReceiver receiver = PushReceiver.start()) {
            String url = receiver.url("/live?token=T");
            try (AsfcastProcess serve = AsfcastProcess.start("serve", "--port", "0", "--push", url)) {
                serve.awaitPort(Duration.ofSeconds(90));
                serve.awaitLine("pushing to " + url, Duration.ofSeconds(30));
                assertThat(receiver.await(r -> r.frames('D').size() >= 50, Duration.ofSeconds(30)))
                        .as("50 packets pushed; stdout %s", serve.stdout()).isTrue();
                assertThat(serve.terminate()).isZero();
            }
            List<Request> requests = receiver.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.requestLine()).isEqualTo("POST /live?token=T HTTP/1.1");
                assertThat(r.value("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).startsWith("WMEncoder/12.0"));
            });
            assertThat(requests.get(0).value("Cookie")).contains("push-id=0");
            assertThat(requests.get(1).value("Content-Length")).contains("2147483647");
            assertThat(requests.get(1).value("Transfer-Encoding")).isEmpty();

            List<Frame> frames = receiver.frames();
            assertThat(frames.get(0).type()).isEqualTo('H');
            AsfHeader header = AsfHeader.parse(frames.get(0).payload());
            List<Frame> data = receiver.frames('D');
            assertThat(data).allSatisfy(f -> {
                DataPacket packet = DataPacket.parse(f.payload());
                assertThat(packet.paddingLength()).isZero();
                assertThat(f.payload().length).isLessThanOrEqualTo(header.packetSize());
            });
            assertThat(data.stream().filter(f -> f.payload().length < header.packetSize())).as("packets sent shorter")
                    .isNotEmpty();
            Frame last = frames.get(frames.size() - 1);
            assertThat(last.type()).as("the push ends with the broadcast").isEqualTo('E');
            assertThat(last.reason()).isZero();
        }
    }

    @Test
    void aDroppedConnectionIsResumedAndSaidSo() throws Exception {
        try (PushReceiver receiver = PushReceiver.start()) {
            receiver.dropConnectionAfterFrames(30, false);
            try (AsfcastProcess serve = AsfcastProcess.start("serve", "--port", "0", "--push", receiver.url("/live"))) {
                serve.awaitPort(Duration.ofSeconds(90));
                serve.awaitLine("interrupted", Duration.ofSeconds(30));
                serve.awaitLine("resumed", Duration.ofSeconds(30));
                int before = receiver.frames('D').size();
                assertThat(receiver.await(r -> r.frames('D').size() > before + 20, Duration.ofSeconds(30))).isTrue();
                assertThat(serve.terminate()).isZero();
            }
            assertThat(receiver.requests().stream().filter(Request::isStart)).hasSize(2);
            assertThat(receiver.frames('H')).hasSize(1);
        }
    }

    @Test
    void theBroadcastIsPushedToAnAsfcastServerWithDigestAndPlaysThere(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("asfcast.yml"), String.join("\n", "port: 0", "bind: 127.0.0.1",
                "points:", "  - path: /live", "    push: {user: encoder, password: \"s3cret pass\", grace: 5s}", ""));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String url = "http://encoder:s3cret%20pass@127.0.0.1:" + port + "/live";
            try (AsfcastProcess serve = AsfcastProcess.start("serve", "--port", "0", "--push", url)) {
                serve.awaitPort(Duration.ofSeconds(90));
                // The server offers Digest SHA-256, Digest MD5 and Basic; the sink answers the strongest.
                assertThat(server.awaitLine("with Digest SHA-256 publishes", Duration.ofSeconds(30)))
                        .contains("/live: ").contains("MS-WMHTTP push");
                try (PlaySession player = MmshClient.create().withReadTimeout(Duration.ofSeconds(30))
                        .play(URI.create("mmsh://127.0.0.1:" + port + "/live"))) {
                    for (int i = 0; i < 50; i++) {
                        assertThat(player.nextPacket()).as("packet %d played from the pushed broadcast", i).isPresent();
                    }
                }
                assertThat(serve.terminate()).isZero();
                assertThat(String.join("\n", serve.stdout()) + String.join("\n", serve.stderr())).doesNotContain("s3cret");
            }
            assertThat(server.terminate()).isZero();
            assertThat(String.join("\n", server.stdout()) + String.join("\n", server.stderr())).doesNotContain("s3cret");
        }
    }

    @Test
    void aUrlThatCannotBePushedToIsRefusedBeforeThePortOpens() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.start("serve", "--port", "0", "--push", "rtmp://origin/live")) {
            assertThat(serve.await(Duration.ofSeconds(60))).isNotZero();
            assertThat(serve.stderr()).anyMatch(l -> l.contains("--push") && l.contains("http://"));
            assertThat(serve.stdout()).noneMatch(l -> l.contains("mmsh://"));
        }
    }
}
