package org.asfcast.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.cli.Players.FfmpegPlay;
import org.asfcast.cli.Players.Media;
import org.asfcast.cli.hosts.Host;
import org.asfcast.cli.hosts.LoadBalancer.Balance;
import org.asfcast.cli.hosts.Network;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Across hosts with a bad link: {@code tc netem} adds 100 ms of delay and drops 1% of the packets
 * each way on one host's link. Players that pull from a server over it, and edges that relay an
 * origin over it, play without a decoder error (TCP repairs the losses; the server's buffering
 * and the players' preroll absorb the delay).
 */
@Tag("interop")
class ShapedLinkIT {

    /** What the shaped link does to every packet, each way. */
    static final String BAD_LINK = "delay 100ms loss 1%";

    @TempDir
    Path dir;

    @Test
    void playersPullingOverALinkWithDelayAndLossPlayWithoutADecoderError() throws Exception {
        try (Network net = Network.create("server", "players")) {
            Host server = net.host("server");
            server.shape(BAD_LINK);
            try (AsfcastProcess s = HostedAsfcast.server(server,
                    HostedAsfcast.config(dir, server, LoadBalancedEdges.TEST_PATTERN))) {
                PlainHttp.awaitServing("http://" + server.address() + ":" + HostedAsfcast.PORT + LoadBalancedEdges.PATH,
                        Duration.ofSeconds(30));
                List<FfmpegPlay> plays = LoadBalancedEdges.ffmpegs(dir, List.of(net.host("players")), 3,
                        HostedAsfcast.mmsh(server, LoadBalancedEdges.PATH), 10);
                LoadBalancedEdges.check(plays, Media.AUDIO_VIDEO);
            }
        }
    }

    @Test
    void edgesRelayingAnOriginOverALinkWithDelayAndLossServeTheirPlayersWithoutADecoderError() throws Exception {
        Features.require(Features.RELAY);
        try (Network net = Network.create("origin", "edge1", "edge2", "lb", "players")) {
            Host origin = net.host("origin");
            origin.shape(BAD_LINK); // between the origin and everyone else: here, the edges
            try (AsfcastProcess o = HostedAsfcast.server(origin,
                    HostedAsfcast.config(dir, origin, LoadBalancedEdges.TEST_PATTERN));
                 LoadBalancedEdges edges = LoadBalancedEdges.start(net, dir, Balance.LEASTCONN,
                         LoadBalancedEdges.relayOf(origin), Duration.ofSeconds(60))) {
                List<FfmpegPlay> plays = LoadBalancedEdges.ffmpegs(dir, List.of(net.host("players")), 4, edges.url(), 10);
                LoadBalancedEdges.check(plays, Media.AUDIO_VIDEO);
            }
        }
    }
}
