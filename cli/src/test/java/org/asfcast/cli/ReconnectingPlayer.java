package org.asfcast.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.asfcast.cli.Players.FfmpegPlay;
import org.asfcast.cli.hosts.Host;

/**
 * A player that starts again when its stream ends, as a set-top box or a kiosk does: FFmpeg in
 * {@code host}, run again after a short pause each time it exits (the stream's own end or a lost
 * server), at most {@code maxRuns} times.
 */
final class ReconnectingPlayer implements AutoCloseable {

    /** The pause between a run's end and the next, as a player's retry would wait. */
    private static final Duration PAUSE = Duration.ofMillis(200);

    /** One run of FFmpeg and when it started ({@link System#nanoTime()}). */
    record Run(FfmpegPlay play, long startedNanos) {
    }

    private final List<Run> runs = new ArrayList<>();
    private final Thread loop;

    /** Starts playing {@code url} from {@code host}, {@code secondsPerRun} each run. */
    ReconnectingPlayer(Path dir, Host host, String url, int secondsPerRun, int maxRuns) {
        loop = new Thread(() -> {
            try {
                for (int i = 0; i < maxRuns; i++) {
                    FfmpegPlay play = Players.ffmpeg(dir, url, secondsPerRun, host.command(List.of()));
                    synchronized (runs) {
                        runs.add(new Run(play, System.nanoTime()));
                        runs.notifyAll();
                    }
                    play.ended();
                    Thread.sleep(PAUSE.toMillis());
                }
            } catch (InterruptedException stopped) {
                // closed
            } catch (Exception e) {
                throw new IllegalStateException("FFmpeg could not be run in " + host, e);
            }
        }, "reconnecting player in " + host.role());
        loop.setDaemon(true);
        loop.start();
    }

    /** The runs so far, first first. */
    List<Run> runs() {
        synchronized (runs) {
            return new ArrayList<>(runs);
        }
    }

    /** The first run. */
    Run first(Duration timeout) throws InterruptedException {
        return startedAfter(Long.MIN_VALUE, timeout);
    }

    /** The first run that started after {@code nanos}, waiting up to {@code timeout} for it. */
    Run startedAfter(long nanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (runs) {
            while (true) {
                for (Run r : runs) {
                    if (r.startedNanos() > nanos) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the player did not start again within " + timeout + " (" + runs.size()
                            + " runs)");
                }
                runs.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** A player's return after its server went away: the run that was cut off, the next, and how long after the loss that one decoded. */
    record Comeback(Run cut, Run next, Duration after) {
    }

    /**
     * Watches, in the background, what this player does after its server went away at
     * {@code lostNanos}: empty if its run under way plays on past {@code cutWithin} (it was on
     * another server), else its comeback, once the next run decodes (an error past {@code bound}).
     */
    CompletableFuture<Optional<Comeback>> comeback(long lostNanos, Duration cutWithin, Duration bound) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Run cut = runs().get(runs().size() - 1);
                if (!cut.play().awaitExit(cutWithin)) {
                    return Optional.empty();
                }
                Run next = startedAfter(cut.startedNanos(), bound);
                next.play().awaitDecoding(bound);
                return Optional.of(new Comeback(cut, next, Duration.ofNanos(System.nanoTime() - lostNanos)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> {
            Thread t = new Thread(task, "comeback of " + loop.getName());
            t.setDaemon(true);
            t.start();
        });
    }

    /** Stops starting runs (a run under way ends by its own time limit, or with its host). */
    @Override
    public void close() throws InterruptedException {
        loop.interrupt();
        loop.join(5000);
    }
}
