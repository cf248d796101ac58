package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command point whose encoder (FFmpeg) is killed twice while FFmpeg, VLC and MPlayer play it
 * through {@code asfcast server}: the command is started again, the players play on without a
 * decoder complaint, and each kill holds the media up for a bounded time.
 */
@Tag("interop")
class EncoderKilledIT {

    /** How long the players play; the kills come at about 4 s and 9 s. */
    private static final int SECONDS = 14;
    /** The most a kill may hold the media up: the first back-off (0.5 s), FFmpeg's start, its first packets. */
    private static final long MAX_GAP_MILLIS = 3_000;

    @TempDir
    Path dir;

    @Test
    void playersPlayOnWhenTheEncoderIsKilledAndRestarted() throws Exception {
        // A mark in the encoder's command line, so that the test kills this FFmpeg and no other.
        String mark = "asfcast-encoder-" + System.nanoTime();
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, String.join("\n",
                "port: 0",
                "bind: 127.0.0.1",
                "points:",
                "  - path: /cam",
                "    command: [" + Tools.ffmpeg() + ", -nostdin, -v, error, -re, -f, lavfi, -i, "
                        + "'testsrc2=size=320x240:rate=25', -f, lavfi, -i, 'sine=frequency=440:sample_rate=44100', "
                        + "-c:v, wmv2, -g, '25', -c:a, wmav2, -b:a, 64k, -metadata, 'comment=" + mark + "', -f, asf, '-']",
                ""));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            URI mmsh = URI.create("mmsh://127.0.0.1:" + port + "/cam");
            awaitLive(mmsh);
            CompletableFuture<List<Long>> arrivals = CompletableFuture.supplyAsync(() -> mediaArrivals(mmsh, SECONDS + 4));
            CompletableFuture<Void> players = CompletableFuture.runAsync(() -> {
                try {
                    Players.allPlay(dir, mmsh.toString(), SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(4000);
            kill(mark);
            Thread.sleep(5000);
            kill(mark);
            players.get(SECONDS + 90, TimeUnit.SECONDS);

            List<Long> gaps = gaps(arrivals.get(SECONDS + 30, TimeUnit.SECONDS));
            System.out.println("EncoderKilledIT: largest gaps between media packets, ms: " + gaps.subList(0, Math.min(4, gaps.size())));
            assertThat(gaps.get(0)).as("the longest hold-up of the media, ms").isLessThan(MAX_GAP_MILLIS);
            assertThat(server.stdout()).as("the server's lines").noneMatch(l -> l.contains("/cam: the source failed"));
            assertThat(server.terminate()).isZero();
        }
    }

    /** SIGKILL for the encoder: no chance to finish its packet or its file. */
    private void kill(String mark) {
        ProcessRun run = ProcessRun.run(Duration.ofSeconds(10), dir, List.of("pkill", "-KILL", "-f", mark));
        assertThat(run.exitCode()).as("pkill found the encoder").isZero();
    }

    /** Waits until the point plays: a command's encoder takes a moment to send its header. */
    private static void awaitLive(URI mmsh) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (PlaySession play = MmshClient.create().play(mmsh)) {
                if (play.nextPacket().isPresent()) {
                    return;
                }
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the point did not start within 30 s", notYet);
                }
            }
            Thread.sleep(300);
        }
    }

    /** When each packet carrying media arrived (keep-alive packets of the silence left out), for {@code seconds}. */
    private static List<Long> mediaArrivals(URI mmsh, int seconds) {
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (PlaySession play = MmshClient.create().play(mmsh)) {
            for (Optional<ReceivedPacket> p; System.nanoTime() < end && (p = play.nextPacket()).isPresent(); ) {
                DataPacket packet = p.get().parse();
                // The encoder's streams are 1 and 2; keep-alives and cut-off objects go to an undeclared one.
                if (packet.payloads().stream().map(Payload::streamNumber).anyMatch(n -> n <= 2)) {
                    times.add(System.nanoTime());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return times;
    }

    private static List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add((times.get(i) - times.get(i - 1)) / 1_000_000);
        }
        gaps.sort(Comparator.reverseOrder());
        return gaps;
    }
}
