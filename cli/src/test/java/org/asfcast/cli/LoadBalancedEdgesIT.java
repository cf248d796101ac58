package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.cli.Players.FfmpegPlay;
import org.asfcast.cli.Players.Media;
import org.asfcast.cli.ReconnectingPlayer.Comeback;
import org.asfcast.cli.hosts.Host;
import org.asfcast.cli.hosts.LoadBalancer.Balance;
import org.asfcast.cli.hosts.Network;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Across hosts (network namespaces, {@link Network}): two asfcast servers, each broadcasting the
 * test pattern, behind HAProxy, and FFmpeg players on two other hosts that know only the load
 * balancer's address. The players spread over both servers and play; when one server is killed,
 * its players, which start again when their stream ends, play again from the other within a bound.
 */
@Tag("interop")
class LoadBalancedEdgesIT {

    /** How many players play at once. */
    private static final int PLAYERS = 4;
    /** The longest a player cut off by a killed server may take to play again from the other. */
    private static final Duration RECONNECT_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void playersThroughTheLoadBalancerSpreadOverBothEdgesAndPlay() throws Exception {
        try (Network net = Network.create("edge1", "edge2", "lb", "players1", "players2");
             LoadBalancedEdges edges = LoadBalancedEdges.start(net, dir, Balance.LEASTCONN, LoadBalancedEdges.TEST_PATTERN,
                     Duration.ofSeconds(30))) {
            List<Host> from = List.of(net.host("players1"), net.host("players2"));
            List<FfmpegPlay> plays = LoadBalancedEdges.ffmpegs(dir, from, PLAYERS, edges.url(), 8);
            LoadBalancedEdges.awaitDecoding(plays, Duration.ofSeconds(60));
            int on1 = edges.status1().players(LoadBalancedEdges.PATH);
            int on2 = edges.status2().players(LoadBalancedEdges.PATH);
            System.out.printf("LoadBalancedEdgesIT: %d players on edge1, %d on edge2%n", on1, on2);
            assertThat(on1).as("players on edge1").isPositive();
            assertThat(on2).as("players on edge2").isPositive();
            assertThat(on1 + on2).as("players on both edges").isEqualTo(PLAYERS);
            LoadBalancedEdges.check(plays, Media.AUDIO_VIDEO);
        }
    }

    @Test
    void playersOfAKilledEdgeReconnectThroughTheLoadBalancerToTheOtherEdgeAndPlay() throws Exception {
        int seconds = 12;
        try (Network net = Network.create("edge1", "edge2", "lb", "players1", "players2");
             LoadBalancedEdges edges = LoadBalancedEdges.start(net, dir, Balance.LEASTCONN, LoadBalancedEdges.TEST_PATTERN,
                     Duration.ofSeconds(30))) {
            List<Host> from = List.of(net.host("players1"), net.host("players2"));
            List<ReconnectingPlayer> players = new ArrayList<>();
            try {
                for (int i = 0; i < PLAYERS; i++) {
                    players.add(new ReconnectingPlayer(dir, from.get(i % from.size()), edges.url(), seconds, 3));
                }
                for (ReconnectingPlayer p : players) {
                    p.first(Duration.ofSeconds(5)).play().awaitDecoding(Duration.ofSeconds(60));
                }
                int onKilled = edges.status1().players(LoadBalancedEdges.PATH);
                assertThat(onKilled).as("players on edge1 before it is killed").isPositive();
                assertThat(edges.status2().players(LoadBalancedEdges.PATH)).as("players on edge2").isPositive();

                long killed = System.nanoTime();
                edges.server1.process.destroyForcibly(); // SIGKILL: no goodbye to its players
                List<CompletableFuture<Optional<Comeback>>> watched = new ArrayList<>();
                for (ReconnectingPlayer p : players) {
                    watched.add(p.comeback(killed, Duration.ofSeconds(3), RECONNECT_BOUND));
                }
                List<Comeback> comebacks = new ArrayList<>();
                for (CompletableFuture<Optional<Comeback>> w : watched) {
                    w.get(RECONNECT_BOUND.toSeconds() + 20, TimeUnit.SECONDS).ifPresent(comebacks::add);
                }
                assertThat(comebacks).as("players cut off by the kill").hasSize(onKilled);
                Duration slowest = comebacks.stream().map(Comeback::after).max(Duration::compareTo).orElseThrow();
                System.out.printf("LoadBalancedEdgesIT: %d players cut off, all playing again %d ms after the kill%n",
                        comebacks.size(), slowest.toMillis());
                assertThat(slowest).as("from the kill to the last cut-off player's first picture").isLessThan(RECONNECT_BOUND);
                assertThat(edges.status2().players(LoadBalancedEdges.PATH)).as("players on edge2 after the kill")
                        .isEqualTo(PLAYERS);
                List<FfmpegPlay> again = new ArrayList<>();
                List<FfmpegPlay> kept = new ArrayList<>();
                for (ReconnectingPlayer p : players) {
                    kept.add(p.first(Duration.ZERO).play());
                }
                for (Comeback c : comebacks) {
                    ProcessRun ended = c.cut().play().ended();
                    assertThat(Players.complaints(ended.stderr())).as("decoder complaints of a cut-off player").isEmpty();
                    kept.remove(c.cut().play());
                    again.add(c.next().play());
                }
                LoadBalancedEdges.check(again, Media.AUDIO_VIDEO);
                LoadBalancedEdges.check(kept, Media.AUDIO_VIDEO);
                assertThat(edges.balancer.log()).as("HAProxy's log").contains("is DOWN");
            } finally {
                for (ReconnectingPlayer p : players) {
                    p.close();
                }
            }
        }
    }
}
