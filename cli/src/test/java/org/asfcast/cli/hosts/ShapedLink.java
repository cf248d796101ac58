package org.asfcast.cli.hosts;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's link made bad ({@link Host#shape}): where others connect to reach one of the host's
 * ports over it. With netem the host's own address (the kernel delays every packet); without, a
 * {@link DelayLine} in the test's namespace for each port, on the way to the host.
 */
public final class ShapedLink implements AutoCloseable {

    private final Host host;
    private final String lineAddress; // null with netem
    private final Duration delay;
    private final String how;
    private final List<DelayLine> lines = new ArrayList<>();

    private ShapedLink(Host host, String lineAddress, Duration delay, String how) {
        this.host = host;
        this.lineAddress = lineAddress;
        this.delay = delay;
        this.how = how;
    }

    static ShapedLink netem(Host host, String how) {
        return new ShapedLink(host, null, Duration.ZERO, how);
    }

    static ShapedLink delayLines(Host host, String lineAddress, Duration delay, String how) {
        return new ShapedLink(host, lineAddress, delay, how);
    }

    /** {@code address:port} at which the other hosts reach {@code port} of this host over the bad link. */
    public synchronized String endpoint(int port) throws IOException {
        if (lineAddress == null) {
            return host.address() + ":" + port;
        }
        DelayLine line = DelayLine.open(lineAddress, host.address(), port, delay);
        lines.add(line);
        return lineAddress + ":" + line.port();
    }

    /** What makes the link bad, for the test's messages. */
    public String how() {
        return how;
    }

    @Override
    public synchronized void close() {
        lines.forEach(DelayLine::close);
        lines.clear();
    }

    @Override
    public String toString() {
        return host.role() + "'s link: " + how;
    }
}
