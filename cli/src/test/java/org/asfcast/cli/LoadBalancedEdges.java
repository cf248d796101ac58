package org.asfcast.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.cli.Players.FfmpegPlay;
import org.asfcast.cli.Players.Media;
import org.asfcast.cli.hosts.Host;
import org.asfcast.cli.hosts.LoadBalancer;
import org.asfcast.cli.hosts.LoadBalancer.Balance;
import org.asfcast.cli.hosts.Network;
import org.asfcast.cli.hosts.StatusApi;

/**
 * Two asfcast servers, the edges (hosts "edge1" and "edge2"), each with the same point, behind
 * HAProxy (host "lb") on port {@value #PORT}: what players of a large broadcast connect to.
 */
final class LoadBalancedEdges implements AutoCloseable {

    /** The load balancer's port, the one address players know. */
    static final int PORT = 80;
    /** The path of the point every test plays. */
    static final String PATH = "/live";
    /** A point of the test pattern, small: each edge's own broadcast when nothing is relayed. */
    static final String TEST_PATTERN = "{path: " + PATH + ", test-pattern: {size: 160x120, fps: 25}}";

    final Host edge1;
    final Host edge2;
    final AsfcastProcess server1;
    final AsfcastProcess server2;
    final LoadBalancer balancer;

    private LoadBalancedEdges(Host edge1, Host edge2, AsfcastProcess server1, AsfcastProcess server2,
                              LoadBalancer balancer) {
        this.edge1 = edge1;
        this.edge2 = edge2;
        this.server1 = server1;
        this.server2 = server2;
        this.balancer = balancer;
    }

    /**
     * Starts both edges with {@code point} (a YAML flow mapping for {@value #PATH}), waits until
     * each serves it (up to {@code serving}: a relay waits for its origin), then HAProxy in front.
     */
    static LoadBalancedEdges start(Network network, Path dir, Balance balance, String point, Duration serving)
            throws Exception {
        Host e1 = network.host("edge1");
        Host e2 = network.host("edge2");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            AsfcastProcess s1 = HostedAsfcast.server(e1, HostedAsfcast.config(dir, e1, point));
            started.add(s1);
            AsfcastProcess s2 = HostedAsfcast.server(e2, HostedAsfcast.config(dir, e2, point));
            started.add(s2);
            for (Host e : List.of(e1, e2)) {
                PlainHttp.awaitServing("http://" + e.address() + ":" + HostedAsfcast.PORT + PATH, serving);
            }
            LoadBalancer lb = LoadBalancer.start(network.host("lb"), PORT, balance, PATH + ".asx",
                    List.of(e1.address() + ":" + HostedAsfcast.PORT, e2.address() + ":" + HostedAsfcast.PORT), dir);
            return new LoadBalancedEdges(e1, e2, s1, s2, lb);
        } catch (Exception | Error e) {
            for (AutoCloseable c : started) {
                c.close();
            }
            throw e;
        }
    }

    /** An edge's point: the origin's {@value #PATH}, relayed. */
    static String relayOf(Host origin) {
        return "{path: " + PATH + ", relay: \"" + HostedAsfcast.mmsh(origin, PATH) + "\"}";
    }

    /** The URL players open: the point through the load balancer. */
    String url() {
        return "mmsh://" + balancer.endpoint() + PATH;
    }

    StatusApi status1() {
        return HostedAsfcast.status(edge1);
    }

    StatusApi status2() {
        return HostedAsfcast.status(edge2);
    }

    /** Starts {@code count} FFmpeg players of {@code url}, spread over the hosts {@code from} in turn. */
    static List<FfmpegPlay> ffmpegs(Path dir, List<Host> from, int count, String url, int seconds) {
        List<FfmpegPlay> plays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plays.add(Players.ffmpeg(dir, url, seconds, from.get(i % from.size()).command(List.of())));
        }
        return plays;
    }

    /** Waits until each player decodes, within {@code timeout} each. */
    static void awaitDecoding(List<FfmpegPlay> plays, Duration timeout) throws Exception {
        for (FfmpegPlay p : plays) {
            p.awaitDecoding(timeout);
        }
    }

    /** Checks that each player decoded {@code media} to its end, with no error. */
    static void check(List<FfmpegPlay> plays, Media media) throws Exception {
        for (FfmpegPlay p : plays) {
            p.check(media);
        }
    }

    /** As {@link #check}, for players that played through a silence of the source (keep-alives allowed). */
    static void checkThroughSilence(List<FfmpegPlay> plays, Media media) throws Exception {
        for (FfmpegPlay p : plays) {
            p.checkThroughSilence(media);
        }
    }

    @Override
    public void close() throws Exception {
        balancer.close();
        server1.close();
        server2.close();
    }
}
