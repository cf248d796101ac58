package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.junit.jupiter.api.Test;

/**
 * The command with no external players: the test pattern served, probed and stopped with SIGTERM
 * while a player is connected (it gets the end-of-stream chunk; the port is released).
 */
class CommandIT {

    @Test
    void probeDescribesTheStreamAndSigtermEndsItCleanly() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.start("serve", "--port", "0", "--fps", "10", "--max-clients", "3")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            serve.awaitLine("ffplay mmsh://", Duration.ofSeconds(5)); // the announcement's last URL line may still be on its way
            assertThat(serve.stdout()).anyMatch(l -> l.contains("http://") && l.contains(":" + port + "/"))
                    .anyMatch(l -> l.contains("ffplay mmsh://"));

            try (AsfcastProcess probe = AsfcastProcess.start("probe", "mmsh://127.0.0.1:" + port + "/", "--seconds", "3")) {
                assertThat(probe.await(Duration.ofSeconds(60))).as("probe's exit; stderr %s", probe.stderr()).isZero();
                String out = String.join("\n", probe.stdout());
                assertThat(out).contains("live: yes").contains("packet size: 3200 bytes").contains("preroll: 1000 ms")
                        .contains("#1 video Motion JPEG (MJPG), 320x240").contains("#2 audio PCM, 22050 Hz, 1 channel")
                        .contains("title: asfcast test pattern").containsPattern("measured: \\d+ packets over \\d+ ms")
                        .contains("key frames: every 100 ms"); // every MJPEG frame is a key frame, 10 fps
            }
            serve.awaitLine("+ 127.0.0.1", Duration.ofSeconds(5));
            serve.awaitLine("- 127.0.0.1", Duration.ofSeconds(5));

            try (PlaySession play = MmshClient.create().play(URI.create("mmsh://127.0.0.1:" + port + "/"))) {
                for (int i = 0; i < 10; i++) {
                    assertThat(play.nextPacket()).isPresent();
                }
                assertThat(serve.terminate()).as("exit code after SIGTERM").isZero();
                Optional<ReceivedPacket> p;
                do {
                    p = play.nextPacket();
                } while (p.isPresent());
                assertThat(play.endReason()).hasValueSatisfying(end -> {
                    assertThat(end.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK);
                    assertThat(end.normal()).isTrue();
                });
            }
            serve.awaitLine("broadcast ended", Duration.ofSeconds(2));
            try (ServerSocket again = new ServerSocket(port)) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
