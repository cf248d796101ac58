package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.writer.WriterSink;
import org.asfcast.writer.source.Backoff;
import org.asfcast.writer.source.CommandSettings;
import org.asfcast.writer.source.CommandSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FFmpeg as a point's command, exiting every 4 s and started again, into a real sink; FFmpeg as the
 * player over {@code mmsh://} plays on through two restarts: every frame decodes, its timestamps
 * go on, and each restart's silence on the wire stays short.
 */
@Tag("interop")
class CommandSourceInteropTest {

    /** Media the player plays: from its join, across the restarts at about 4 s and 8.5 s of the broadcast. */
    private static final int PLAY_SECONDS = 10;
    /** The most a restart may hold the stream up: the 0.5 s back-off, FFmpeg's start, its first packet. */
    private static final long MAX_GAP_MILLIS = 3_000;

    @TempDir
    Path dir;

    @Test
    void ffmpegPlaysOnThroughTwoRestartsOfTheEncoder() throws Exception {
        Path ffmpeg = Tools.ffmpeg();
        List<String> encoder = List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "4", "-c:v", "wmv2", "-g", "25", "-c:a", "wmav2", "-f", "asf", "-");
        CommandSource source = new CommandSource(encoder, "/cam", new CommandSettings(Duration.ofSeconds(20),
                Duration.ofSeconds(10), new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30))));
        Arrivals arrivals = new Arrivals();
        try (NetworkSink sink = new NetworkSink(NetworkSinkConfig.builder().build())) {
            int port = sink.open(0);
            FutureTask<Void> broadcast = new FutureTask<>(() -> {
                source.run(List.of(sink, arrivals));
                return null;
            });
            new Thread(broadcast, "command broadcast").start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (source.packetsSent() < 25 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                long joined = System.nanoTime();
                CompletableFuture<ProcessRun> player = CompletableFuture.supplyAsync(() -> ProcessRun.run(
                        Duration.ofSeconds(60), dir, List.of(ffmpeg.toString(), "-nostdin", "-v", "error",
                                "-i", "mmsh://127.0.0.1:" + port + "/", "-t", Integer.toString(PLAY_SECONDS),
                                "-map", "0", "-f", "framemd5", "-")));
                ProcessRun played = player.get(60, TimeUnit.SECONDS);
                double wallSeconds = (System.nanoTime() - joined) / 1e9;

                assertThat(source.restarts()).as("restarts while the player played").isGreaterThanOrEqualTo(2);
                assertThat(played.exitCode()).as("player's exit code; stderr: %s", played.stderr()).isZero();
                assertThat(played.stderr()).as("the player's decoder complaints").isBlank();
                List<Long> videoTimes = played.stdout().lines().filter(l -> l.startsWith("0,"))
                        .map(l -> Long.parseLong(l.split(",")[2].trim())).toList();
                // One shift moves every stream past its own end, so a seam may leave one frame's hole in one of them.
                List<String> holes = new ArrayList<>();
                for (int i = 1; i < videoTimes.size(); i++) {
                    long step = videoTimes.get(i) - videoTimes.get(i - 1);
                    assertThat(step).as("video pts step at frame %d", i).isBetween(1L, 2L);
                    if (step != 1) {
                        holes.add(videoTimes.get(i - 1) + "->" + videoTimes.get(i));
                    }
                }
                assertThat(holes).as("one-frame holes, at most one per restart").hasSizeLessThanOrEqualTo(source.restarts());
                assertThat(videoTimes.size()).as("video frames decoded")
                        .isGreaterThanOrEqualTo(PLAY_SECONDS * 25 - 2 - holes.size());
                assertThat(videoTimes).as("video timestamps go on across the restarts").isSorted();
                assertThat(played.stdout().lines().filter(l -> l.startsWith("1,")).count()).as("audio frames")
                        .isGreaterThan(PLAY_SECONDS * 10L);

                List<Long> gaps = arrivals.largestGaps(2);
                System.out.printf("restarts %d, player's wall time %.2f s for %d s of media, largest gaps %s ms,"
                        + " video frames %d, pts holes %s%n", source.restarts(), wallSeconds, PLAY_SECONDS, gaps,
                        videoTimes.size(), holes);
                assertThat(gaps).as("the two restarts' silences, ms").allSatisfy(g -> assertThat(g).isLessThan(MAX_GAP_MILLIS));
                assertThat(wallSeconds).as("the player's wall time for %d s of media", PLAY_SECONDS)
                        .isLessThan(PLAY_SECONDS + 2.0 * MAX_GAP_MILLIS / 1000);
                arrivals.assertSendTimesGoOn();
            } finally {
                source.stop();
                broadcast.get(15, TimeUnit.SECONDS);
            }
        }
    }

    /** A real-time sink beside the network sink: when each packet was handed over, and its send time. */
    private static final class Arrivals implements WriterSink {
        private final List<long[]> packets = new ArrayList<>();

        @Override
        public void onHeader(ByteBuffer header) {
        }

        @Override
        public boolean isRealTime() {
            return true;
        }

        @Override
        public synchronized void onDataUnit(ByteBuffer dataUnit) {
            byte[] bytes = new byte[dataUnit.remaining()];
            dataUnit.get(bytes);
            try {
                packets.add(new long[] {System.nanoTime(), DataPacket.parse(bytes).sendTime()});
            } catch (org.asfcast.asf.AsfFormatException e) {
                throw new AssertionError("a packet the relay sent does not parse", e);
            }
        }

        @Override
        public void onEndWriting() {
        }

        synchronized List<Long> largestGaps(int count) {
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < packets.size(); i++) {
                gaps.add((packets.get(i)[0] - packets.get(i - 1)[0]) / 1_000_000);
            }
            gaps.sort(java.util.Comparator.reverseOrder());
            return gaps.subList(0, Math.min(count, gaps.size()));
        }

        synchronized void assertSendTimesGoOn() {
            for (int i = 1; i < packets.size(); i++) {
                assertThat(packets.get(i)[1]).as("send time of packet %d", i)
                        .isGreaterThanOrEqualTo(packets.get(i - 1)[1]).isLessThan(packets.get(i - 1)[1] + 1_000);
            }
        }
    }
}
