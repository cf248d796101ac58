package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.asfcast.client.HttpStatusException;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.writer.source.TestPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test pattern behind an {@link OnDemandSource} on a server: nothing runs before the first
 * player; the first player (FFmpeg, then VLC, then MPlayer, each starting the point anew) is held
 * until the header exists and plays; after the idle-stop time without players the source stops.
 * A source that ends or cannot start is reported, and the next player starts it again.
 */
class OnDemandSourceTest {

    private static final Duration IDLE_STOP = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<TestPattern> made = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> starts = new CopyOnWriteArrayList<>();
    private StreamingServer server;
    private OnDemandSource source;
    private Thread running;

    @AfterEach
    void tearDown() throws Exception {
        if (source != null) {
            source.stop();
            running.join(10_000);
        }
        if (server != null && server.isOpen()) {
            server.close();
        }
    }

    private BroadcastPoint serve() throws Exception {
        return serve(PointSettings.ON_DEMAND_START_WAIT, () -> {
            TestPattern p = TestPattern.builder().size(160, 120).framesPerSecond(25).preroll(1000).build(); // as the config
            made.add(p);
            return p;
        });
    }

    private BroadcastPoint serve(Duration startWait, OnDemandSource.Factory factory) throws Exception {
        server = new StreamingServer(ServerSettings.defaults());
        PointSettings settings = NetworkSinkConfig.builder().resolveNames(false).build().pointSettings()
                .withStartWait(startWait);
        BroadcastPoint point = new BroadcastPoint("/od", settings);
        server.publish("/od", point);
        source = new OnDemandSource(point, factory, IDLE_STOP, notices::add);
        running = new Thread(() -> {
            try {
                source.run(List.of(point));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "on-demand-test");
        running.start();
        server.open(0);
        return point;
    }

    private String url(String scheme) {
        return scheme + "://127.0.0.1:" + server.port() + "/od";
    }

    @Test
    @Tag("interop")
    void eachFirstPlayerIsHeldUntilTheSourceStartsAndPlaysAndTheSourceStopsWhenIdle() throws Exception {
        BroadcastPoint point = serve();
        Thread.sleep(1000);
        assertThat(point.isLive()).as("no player: nothing runs").isFalse();
        assertThat(made).hasSize(1); // made ahead, to report a bad source before serving
        assertThat(made.get(0).statistics().sampleCount()).isZero();
        assertThat(notices).isEmpty();

        Thread watch = watchStarts(point);
        long asked = System.nanoTime();
        long firstFrameMs = firstFfmpegFrame();
        assertThat(notices).hasSize(1).allMatch(n -> n.startsWith("a player is waiting: started test pattern"));
        awaitIdleStop(1);

        // Started anew by the next first player: VLC over mmsh, then MPlayer.
        long vlcAsked = System.nanoTime();
        vlcPlays();
        assertThat(made).hasSize(2);
        awaitIdleStop(2);
        long mplayerAsked = System.nanoTime();
        mplayerPlays();
        assertThat(made).hasSize(3);
        awaitIdleStop(3);
        watch.interrupt();
        watch.join();
        assertThat(starts).hasSize(3);
        System.out.printf("FFmpeg: header %d ms after it started, first frame at %d ms; VLC: header at %d ms; "
                        + "MPlayer: header at %d ms%n", (starts.get(0) - asked) / 1_000_000, firstFrameMs,
                (starts.get(1) - vlcAsked) / 1_000_000, (starts.get(2) - mplayerAsked) / 1_000_000);
    }

    @Test
    void aSourceThatEndsOrCannotStartIsReportedAndTheNextPlayerTriesAgain() throws Exception {
        AtomicInteger makes = new AtomicInteger();
        BroadcastPoint point = serve(Duration.ofMillis(1500), () -> {
            if (makes.incrementAndGet() == 1) {
                return TestPattern.builder().size(160, 120).duration(Duration.ofSeconds(1)).build();
            }
            throw new IOException("radio.wma is gone");
        });
        MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(10));
        try (PlaySession p = client.play(URI.create(url("mmsh")))) {
            while (p.nextPacket().isPresent()) {
                // the second of pattern, then the end of the stream
            }
        }
        awaitTrue(() -> notices.size() == 2, Duration.ofSeconds(5), "the end reported");
        assertThat(notices.get(1)).isEqualTo("the source ended; the next player starts it again");

        // The next player is held while a start is tried; it fails, and the player is told at the wait's end.
        long asked = System.nanoTime();
        assertThatThrownBy(() -> client.play(URI.create(url("mmsh")))).isInstanceOfSatisfying(HttpStatusException.class,
                e -> assertThat(e.getMessage()).contains("503").contains("did not start within 1.5 s"));
        assertThat((System.nanoTime() - asked) / 1_000_000).isBetween(1400L, 8000L);
        assertThat(notices.subList(2, notices.size())).isNotEmpty()
                .allMatch(n -> n.equals("a player is waiting, but the source cannot start: radio.wma is gone"));
        // Tried again while the player waited, but not in a spin: at most one start a second.
        assertThat(makes.get()).isBetween(2, 4);
        assertThat(point.waitingRequests()).isZero();

        source.stop();
        running.join(5000);
        assertThat(running.isAlive()).isFalse();
        assertThat(point.isLive()).isFalse();
    }

    @Test
    void aNewIdleStopTimeAppliesToTheRunningSource() throws Exception {
        BroadcastPoint point = serve(PointSettings.ON_DEMAND_START_WAIT,
                () -> TestPattern.builder().size(160, 120).build());
        source.idleStop(Duration.ofMillis(500)); // as a reload would, before or while it runs
        try (PlaySession p = MmshClient.create().withReadTimeout(Duration.ofSeconds(10)).play(URI.create(url("mmsh")))) {
            assertThat(p.nextPacket()).isPresent();
        }
        long left = System.nanoTime();
        awaitTrue(() -> notices.size() == 2, Duration.ofSeconds(5), "the idle stop");
        long stoppedMs = (System.nanoTime() - left) / 1_000_000;
        assertThat(notices.get(1)).startsWith("no player for 0.5 s: stopped test pattern");
        assertThat(stoppedMs).as("ms to the idle stop, not the 2 s given at construction").isLessThan(1900);
        assertThat(point.isLive()).isFalse();
    }

    /** Records when the point goes live (its source's header arrives), each time. */
    private Thread watchStarts(BroadcastPoint point) {
        Thread watch = new Thread(() -> {
            boolean live = false;
            try {
                while (true) {
                    boolean now = point.isLive();
                    if (now && !live) {
                        starts.add(System.nanoTime());
                    }
                    live = now;
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "live-watch");
        watch.start();
        return watch;
    }

    /** FFmpeg as the first player: decodes frames; returns the time from its start to its first frame. */
    private long firstFfmpegFrame() throws Exception {
        long started = System.nanoTime();
        Process ffmpeg = new ProcessBuilder(Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", url("mmsh"),
                "-t", "3", "-map", "0:v", "-f", "framemd5", "-")
                .redirectError(dir.resolve("ffmpeg.err").toFile()).start();
        long firstFrame = -1;
        int frames = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(ffmpeg.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    if (firstFrame < 0) {
                        firstFrame = (System.nanoTime() - started) / 1_000_000;
                    }
                    frames++;
                }
            }
        } finally {
            if (!ffmpeg.waitFor(30, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
            }
        }
        String err = Files.readString(dir.resolve("ffmpeg.err"));
        assertThat(ffmpeg.exitValue()).as("FFmpeg exit; stderr %s", err).isZero();
        assertThat(err).as("FFmpeg's errors").isBlank();
        assertThat(frames).as("FFmpeg video frames in 3 s").isGreaterThan(60);
        // The source starts in well under a second; 5 s bounds it on a loaded machine (the wait is 15 s).
        assertThat(firstFrame).as("ms to FFmpeg's first frame").isBetween(0L, 5000L);
        return firstFrame;
    }

    private void vlcPlays() throws Exception {
        Path scenes = Files.createDirectories(dir.resolve("vlc"));
        Unprivileged.share(dir);
        ProcessRun v = ProcessRun.run(Duration.ofSeconds(40), dir, Unprivileged.command(List.of(Tools.cvlc().toString(),
                "-vv", "-I", "dummy", "--play-and-exit", "--run-time=3", "--aout=dummy", "--vout=dummy",
                "--video-filter=scene", "--scene-format=png", "--scene-ratio=1", "--scene-prefix=f",
                "--scene-path=" + scenes, url("mmsh"))));
        assertThat(v.stdout() + v.stderr()).as("VLC's decoders").contains("using video decoder module");
        try (var shown = Files.list(scenes)) {
            assertThat(shown.count()).as("frames VLC showed").isGreaterThan(20);
        }
    }

    private void mplayerPlays() throws Exception {
        Path sums = dir.resolve("mplayer.md5");
        ProcessRun m = ProcessRun.run(Duration.ofSeconds(40), dir, List.of(Tools.mplayer().toString(), "-really-quiet",
                "-nolirc", "-noconsolecontrols", "-vo", "md5sum:outfile=" + sums, "-ao", "null", "-frames", "50",
                url("mmsh")));
        assertThat(m.exitCode()).as("MPlayer exit; stderr %s", m.stderr()).isZero();
        assertThat(Files.readAllLines(sums)).as("MPlayer frames").hasSize(50);
    }

    /** The source stops within the idle-stop time (and a margin) after the last player left. */
    private void awaitIdleStop(int starts) throws Exception {
        long left = System.nanoTime();
        awaitTrue(() -> notices.size() == 2 * starts, IDLE_STOP.plusSeconds(5), "the idle stop after start " + starts);
        long stoppedMs = (System.nanoTime() - left) / 1_000_000;
        // Not before the idle time: measured from the player's exit, a little after it closed its connection.
        assertThat(stoppedMs).as("ms from the player's exit to the idle stop").isGreaterThan(IDLE_STOP.toMillis() - 500);
        assertThat(notices.get(2 * starts - 1)).startsWith("no player for 2 s: stopped test pattern");
        BroadcastPoint point = (BroadcastPoint) server.points().get("/od");
        assertThat(point.isLive()).isFalse();
        assertThat(point.clientCount()).isZero();
        System.out.printf("start %d: stopped %d ms after the player left%n", starts, stoppedMs);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
