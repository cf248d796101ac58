package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./asfcast serve} as a process, played by the real players. */
@Tag("interop")
class ServeIT {

    @TempDir
    static Path dir;
    static Path wmv;

    @BeforeAll
    static void media() {
        wmv = Ffmpeg.make(dir.resolve("source.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "30",
                "-c:v", "wmv2", "-b:v", "500k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
    }

    @Test
    void aServedFilePlaysInFfmpegVlcAndMplayer() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.start("serve", wmv.toString(), "--port", "0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            Thread.sleep(1500); // join mid-GOP
            Players.allPlay(dir, "mmsh://127.0.0.1:" + port + "/", 5);
            serve.awaitLine("+ 127.0.0.1", Duration.ofSeconds(1));
            assertThat(serve.terminate()).as("exit code after SIGTERM").isZero();
            try (ServerSocket again = new ServerSocket(port)) {
                assertThat(again.getLocalPort()).isEqualTo(port); // the port was released
            }
        }
    }

    @Test
    void theTestPatternPlaysInFfmpegVlcAndMplayer() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.start("serve", "--port", "0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            Players.allPlay(dir, "mmsh://127.0.0.1:" + port + "/", 5);
            assertThat(serve.terminate()).isZero();
        }
    }

    @Test
    void aLiveEncoderPipedInIsRelayedAndItsEndEndsThePlayers() throws Exception {
        String encoder = Tools.ffmpeg() + " -nostdin -v error -re -f lavfi -i testsrc2=size=320x240:rate=25"
                + " -f lavfi -i sine=sample_rate=44100 -t 8 -c:v wmv2 -g 25 -c:a wmav2 -f asf -";
        try (AsfcastProcess serve = AsfcastProcess.startShell(encoder + " | " + AsfcastProcess.ROOT.resolve("asfcast")
                + " serve - --port 0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            URI url = URI.create("mmsh://127.0.0.1:" + port + "/");
            var ffmpegClient = java.util.concurrent.CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(40), dir,
                    List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", url.toString(), "-f", "framemd5", "-")));
            List<Long> sendTimes = new ArrayList<>();
            StreamEnd end;
            try (PlaySession play = MmshClient.create().play(url)) {
                for (Optional<ReceivedPacket> p; (p = play.nextPacket()).isPresent(); ) {
                    sendTimes.add(DataPacket.parse(p.get().bytes()).sendTime());
                }
                end = play.endReason().orElseThrow();
            }
            assertThat(end.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK);
            assertThat(end.normal()).isTrue();
            assertThat(sendTimes).hasSizeGreaterThan(50);
            ProcessRun ff = ffmpegClient.get(45, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ff.exitCode()).isZero();
            // FFmpeg reports the $E ("Stream ended!"), but never a decoding problem.
            assertThat(ff.stderr()).doesNotContain("conceal", "error while decoding", "Error at MB");
            assertThat(ff.stdout().lines().filter(l -> l.startsWith("0,")).count()).isGreaterThan(100);
            assertThat(serve.await(Duration.ofSeconds(20))).as("asfcast exits by itself when the pipe closes").isZero();
        }
    }

    @Test
    void theUrlsAppearOnlyOnceAPlayerCanPlay() throws Exception {
        // An encoder that takes two seconds to send its header: until then players would get 503.
        try (AsfcastProcess serve = AsfcastProcess.startShell("exec " + AsfcastProcess.ROOT.resolve("asfcast")
                + " serve - --port 0 < <(sleep 2; cat '" + wmv + "')")) {
            serve.awaitLine("waiting for ASF from standard input", Duration.ofSeconds(90));
            int port = serve.awaitPort(Duration.ofSeconds(30));
            // A player started the moment the URL is printed plays (was: 503, "not started yet").
            try (PlaySession play = MmshClient.create().play(URI.create("mmsh://127.0.0.1:" + port + "/"))) {
                assertThat(play.nextPacket()).isPresent();
            }
            assertThat(serve.terminate()).isZero();
        }
    }

    @Test
    void aFileBroadcastKeepsRealTime() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.start("serve", wmv.toString(), "--port", "0",
                // Packets may otherwise wait up to 300 ms to go out together; this measures pacing.
                "--delivery-interval", "20")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            List<long[]> arrivals = new ArrayList<>(); // {nanoTime, send time}
            try (PlaySession play = MmshClient.create().play(URI.create("mmsh://127.0.0.1:" + port + "/"))) {
                long start = System.nanoTime();
                while (System.nanoTime() - start < 22_000_000_000L) {
                    ReceivedPacket p = play.nextPacket().orElseThrow();
                    arrivals.add(new long[] {System.nanoTime(), DataPacket.parse(p.bytes()).sendTime()});
                }
            }
            // Past the fast-start burst (2 s), each packet's arrival minus its send time stays
            // within 100 ms over 20 s: delivery follows the send times, without drift.
            long t0 = arrivals.get(0)[0];
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            int counted = 0;
            for (long[] a : arrivals) {
                if (a[0] - t0 < 2_000_000_000L) {
                    continue;
                }
                long d = (a[0] - t0) / 1_000_000 - a[1];
                min = Math.min(min, d);
                max = Math.max(max, d);
                counted++;
            }
            assertThat(counted).isGreaterThan(300);
            assertThat(max - min).as("spread of arrival minus send time, ms").isLessThan(100);
            assertThat(serve.terminate()).isZero();
        }
    }
}
