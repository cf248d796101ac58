package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.cli.Players.FfmpegPlay;
import org.asfcast.cli.Players.Media;
import org.asfcast.cli.hosts.Host;
import org.asfcast.cli.hosts.LoadBalancer.Balance;
import org.asfcast.cli.hosts.Network;
import org.asfcast.cli.hosts.ShapedLink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Across hosts with a bad link: 100 ms of delay and 1% of the packets lost each way on one host's
 * link ({@code tc netem}, or on a kernel without it iptables' random drop and a delay line:
 * {@link Host#shape}). Players that pull from a server over it, and edges that relay an
 * origin over it, play without a decoder error (TCP repairs the losses; the server's buffering
 * and the players' preroll absorb the delay).
 */
@Tag("interop")
class ShapedLinkIT {

    /** The shaped link's delay, each way. */
    static final Duration DELAY = Duration.ofMillis(100);
    /** The share of the packets it loses, each way, in percent. */
    static final int LOSS_PERCENT = 1;

    @TempDir
    Path dir;

    @Test
    void playersPullingOverALinkWithDelayAndLossPlayWithoutADecoderError() throws Exception {
        try (Network net = Network.create("server", "players")) {
            Host server = net.host("server");
            try (ShapedLink link = server.shape(DELAY, LOSS_PERCENT);
                 AsfcastProcess s = HostedAsfcast.server(server,
                    HostedAsfcast.config(dir, server, LoadBalancedEdges.TEST_PATTERN))) {
                PlainHttp.awaitServing("http://" + server.address() + ":" + HostedAsfcast.PORT + LoadBalancedEdges.PATH,
                        Duration.ofSeconds(30));
                String endpoint = link.endpoint(HostedAsfcast.PORT);
                assertThat(roundTrip(endpoint)).as("a request and its answer over " + link)
                        .isGreaterThanOrEqualTo(DELAY.multipliedBy(2));
                List<FfmpegPlay> plays = LoadBalancedEdges.ffmpegs(dir, List.of(net.host("players")), 3,
                        "mmsh://" + endpoint + LoadBalancedEdges.PATH, 10);
                LoadBalancedEdges.check(plays, Media.AUDIO_VIDEO);
            }
        }
    }

    /** How long a GET of the point's metafile takes over {@code endpoint}, from the request to the answer's end. */
    private static Duration roundTrip(String endpoint) throws Exception {
        String[] hostPort = endpoint.split(":");
        try (java.net.Socket socket = new java.net.Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            socket.getOutputStream().write(("GET " + LoadBalancedEdges.PATH + ".asx HTTP/1.0\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    @Test
    void edgesRelayingAnOriginOverALinkWithDelayAndLossServeTheirPlayersWithoutADecoderError() throws Exception {
        Features.require(Features.RELAY);
        try (Network net = Network.create("origin", "edge1", "edge2", "lb", "players")) {
            Host origin = net.host("origin");
            // Between the origin and everyone else: here, the edges.
            try (ShapedLink link = origin.shape(DELAY, LOSS_PERCENT);
                 AsfcastProcess o = HostedAsfcast.server(origin,
                    HostedAsfcast.config(dir, origin, LoadBalancedEdges.TEST_PATTERN));
                 LoadBalancedEdges edges = LoadBalancedEdges.start(net, dir, Balance.LEASTCONN,
                         "{path: " + LoadBalancedEdges.PATH + ", relay: \"mmsh://" + link.endpoint(HostedAsfcast.PORT)
                                 + LoadBalancedEdges.PATH + "\"}", Duration.ofSeconds(60))) {
                List<FfmpegPlay> plays = LoadBalancedEdges.ffmpegs(dir, List.of(net.host("players")), 4, edges.url(), 10);
                LoadBalancedEdges.check(plays, Media.AUDIO_VIDEO);
            }
        }
    }
}
