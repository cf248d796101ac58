package org.asfcast.netsink;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link NetworkSink} that the SDK does not have, or fixes: where to listen, the
 * path players open, how much of the broadcast to keep for joining clients, what to do with slow
 * clients, and the limits that protect the server. Immutable; made with {@link #builder()}.
 */
public final class NetworkSinkConfig {

    private final Optional<InetAddress> bindAddress;
    private final Optional<String> advertisedHost;
    private final String path;
    private final int maximumClients;
    private final Duration ringWindow;
    private final long ringMaxBytes;
    private final SlowClientPolicy slowClientPolicy;
    private final Duration requestTimeout;
    private final int maxRequestHeadBytes;
    private final Duration stallTimeout;
    private final boolean resolveNames;
    private final int eventLoopThreads;
    private final int retryAfterSeconds;
    private final boolean fastStart;
    private final int socketSendBuffer;
    private final Duration deliveryInterval;
    private final Duration joinBurst;

    private NetworkSinkConfig(Builder b) {
        this.joinBurst = b.joinBurst;
        this.deliveryInterval = b.deliveryInterval;
        this.fastStart = b.fastStart;
        this.socketSendBuffer = b.socketSendBuffer;
        this.bindAddress = b.bindAddress;
        this.advertisedHost = b.advertisedHost;
        this.path = b.path;
        this.maximumClients = b.maximumClients;
        this.ringWindow = b.ringWindow;
        this.ringMaxBytes = b.ringMaxBytes;
        this.slowClientPolicy = b.slowClientPolicy;
        this.requestTimeout = b.requestTimeout;
        this.maxRequestHeadBytes = b.maxRequestHeadBytes;
        this.stallTimeout = b.stallTimeout;
        this.resolveNames = b.resolveNames;
        this.eventLoopThreads = b.eventLoopThreads;
        this.retryAfterSeconds = b.retryAfterSeconds;
    }

    /** The defaults: every interface, path "/", 5 clients (as the SDK), 5 s ring, skip slow clients. */
    public static NetworkSinkConfig defaults() {
        return builder().build();
    }

    /** The settings of the sink's broadcast point; a request before the first header gets 503 at once, as in the SDK. */
    public PointSettings pointSettings() {
        return new PointSettings(maximumClients, ringWindow, ringMaxBytes, slowClientPolicy, stallTimeout, resolveNames,
                retryAfterSeconds, fastStart, deliveryInterval, joinBurst, Duration.ZERO);
    }

    /** The settings of the sink's server (no server-wide limits: the sink has one point). */
    public ServerSettings serverSettings() {
        return new ServerSettings(bindAddress, advertisedHost, requestTimeout, maxRequestHeadBytes, eventLoopThreads,
                socketSendBuffer, ServerLimits.NONE);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address to listen on; empty means every interface, IPv4 and IPv6. */
    public Optional<InetAddress> bindAddress() {
        return bindAddress;
    }

    /** The host name put in {@link NetworkSink#hostUrl()}; empty means the bind address or this machine's name. */
    public Optional<String> advertisedHost() {
        return advertisedHost;
    }

    /** The path players open, starting with '/'. Other paths get 404. */
    public String path() {
        return path;
    }

    /** The initial maximum number of clients. */
    public int maximumClients() {
        return maximumClients;
    }

    /**
     * How much of the broadcast, by send time, the ring keeps for joining and lagging clients, at
     * least (default 5 s): it also keeps what a joiner starts with (from the key frame at least the
     * preroll plus {@link #joinBurst()} back), within {@link #ringMaxBytes()}.
     */
    public Duration ringWindow() {
        return ringWindow;
    }

    /** An upper bound on the ring's bytes, whatever the window. */
    public long ringMaxBytes() {
        return ringMaxBytes;
    }

    /** What happens to a client that falls off the ring. */
    public SlowClientPolicy slowClientPolicy() {
        return slowClientPolicy;
    }

    /** How long a client may take to send its request head before the connection is closed. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The largest request head accepted; larger gets 431. */
    public int maxRequestHeadBytes() {
        return maxRequestHeadBytes;
    }

    /**
     * How far behind the broadcast, in broadcast time, a client may fall before it is dropped as
     * slow (default 10 s): the send time of the newest packet produced less that of the newest
     * packet the client took. It does not depend on kernel buffer sizes (on epoll the kernel holds
     * at most {@code TCP_NOTSENT_LOWAT} unsent per client; see docs/architecture.md).
     */
    public Duration stallTimeout() {
        return stallTimeout;
    }

    /** Whether client addresses are resolved to DNS names in the background. */
    public boolean resolveNames() {
        return resolveNames;
    }

    /** Network threads; 0 means one per core. */
    public int eventLoopThreads() {
        return eventLoopThreads;
    }

    /** The Retry-After value sent with 503 before the broadcast starts or after it ends. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Whether a joining client gets the ring from the newest key frame at socket speed (true, the
     * default), or waits for the next key frame to arrive live (what VLC's server does, minus the
     * mid-GOP start).
     */
    public boolean fastStart() {
        return fastStart;
    }

    /**
     * The kernel send buffer per client socket in bytes; 0 (the default) leaves it to the system's
     * autotuning. Smaller buffers find slow clients sooner; what waits in them is not counted as
     * "behind" by the ring.
     */
    public int socketSendBuffer() {
        return socketSendBuffer;
    }

    /**
     * How long new packets may wait before the event loops hand them to the clients (default
     * 300 ms; zero: at once). Each client then gets several packets in one write: the kernel's
     * work per delivered byte is mostly per write, so with thousands of clients the server's CPU
     * per delivered Gbit falls with the interval (measured at 5,000 clients of 1 Mbit/s: 50 ms
     * 0.124 CPU s/Gbit, 100 ms 0.085, 200 ms 0.069-0.072, 300 ms 0.054, 400 ms 0.046;
     * docs/benchmarks.md). Players absorb the delay: a joiner's first burst (seconds of the
     * broadcast, {@link #joinBurst()}) goes out at once and keeps it that far ahead. With fast
     * start off and a small preroll, a shorter interval suits better.
     */
    public Duration deliveryInterval() {
        return deliveryInterval;
    }

    /**
     * How much of the broadcast a joining client gets at once beyond the header's preroll, at
     * least, when the ring holds it (default 1.5 s): it starts at the newest key frame at least the
     * preroll plus this old. A player reads a preroll ahead before it plays anything (VLC's ASF
     * demuxer holds each frame until it has packets sent a preroll later), and then buffers some
     * more (VLC: its 1 s network caching); a burst short of that leaves it waiting for live data
     * (VLC's first sound of a 3.1 s-preroll radio stream took 1.3-1.6 s with 3 s in all;
     * docs/interop-notes.md). A join just after a key frame would also leave FFmpeg waiting.
     */
    public Duration joinBurst() {
        return joinBurst;
    }

    /** Builds a {@link NetworkSinkConfig}; every setter checks its value at once. */
    public static final class Builder {
        private Optional<InetAddress> bindAddress = Optional.empty();
        private Optional<String> advertisedHost = Optional.empty();
        private String path = "/";
        private int maximumClients = NetworkSink.DEFAULT_MAXIMUM_CLIENTS;
        private Duration ringWindow = Duration.ofSeconds(5);
        private long ringMaxBytes = 64L << 20;
        private SlowClientPolicy slowClientPolicy = SlowClientPolicy.SKIP;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxRequestHeadBytes = 16 * 1024;
        private Duration stallTimeout = Duration.ofSeconds(10);
        private boolean resolveNames = true;
        private int eventLoopThreads;
        private int retryAfterSeconds = 5;
        private boolean fastStart = true;
        private int socketSendBuffer;
        private Duration deliveryInterval = Duration.ofMillis(300);
        private Duration joinBurst = Duration.ofMillis(1500);

        private Builder() {
        }

        /** The least a joiner gets at once beyond the preroll (0 to 60 s); see {@link NetworkSinkConfig#joinBurst()}. */
        public Builder joinBurst(Duration burst) {
            if (burst == null || burst.isNegative() || burst.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("the join burst must be 0 to 60 s: " + burst);
            }
            this.joinBurst = burst;
            return this;
        }

        /** The longest wait of a packet before delivery (0 to 1 s); see {@link NetworkSinkConfig#deliveryInterval()}. */
        public Builder deliveryInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("the delivery interval must be 0 to 1 s: " + interval);
            }
            this.deliveryInterval = interval;
            return this;
        }

        /** Kernel send buffer per client in bytes, 0 for the system default (at least 4 KiB otherwise). */
        public Builder socketSendBuffer(int bytes) {
            if (bytes != 0 && bytes < 4096) {
                throw new IllegalArgumentException("a send buffer must be 0 (system default) or at least 4096 bytes: " + bytes);
            }
            this.socketSendBuffer = bytes;
            return this;
        }

        /** Fast start on (default) or off; see {@link NetworkSinkConfig#fastStart()}. */
        public Builder fastStart(boolean on) {
            this.fastStart = on;
            return this;
        }

        /** Listen on this address only (null: every interface). */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Optional.ofNullable(address);
            return this;
        }

        /** The host name to put in the URL players are told to open. */
        public Builder advertisedHost(String host) {
            this.advertisedHost = Optional.ofNullable(host).filter(h -> !h.isBlank());
            return this;
        }

        /** The path players open; must start with '/'. */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#')) {
                throw new IllegalArgumentException("the path must start with '/' and hold no spaces, '?' or '#': " + path);
            }
            this.path = path;
            return this;
        }

        /** The initial client limit; not negative. */
        public Builder maximumClients(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("the maximum number of clients cannot be negative: " + n);
            }
            this.maximumClients = n;
            return this;
        }

        /** The ring's window by send time (at least 100 ms). */
        public Builder ringWindow(Duration window) {
            if (window.toMillis() < 100) {
                throw new IllegalArgumentException("the ring window must be at least 100 ms: " + window);
            }
            this.ringWindow = window;
            return this;
        }

        /** The ring's byte bound (at least 1 MiB). */
        public Builder ringMaxBytes(long bytes) {
            if (bytes < (1 << 20)) {
                throw new IllegalArgumentException("the ring must be allowed at least 1 MiB: " + bytes);
            }
            this.ringMaxBytes = bytes;
            return this;
        }

        /** What to do with clients that fall off the ring. */
        public Builder slowClientPolicy(SlowClientPolicy policy) {
            this.slowClientPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How long a request head may take to arrive. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        /** The largest request head (at least 1 KiB). */
        public Builder maxRequestHeadBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("request heads must be allowed at least 1 KiB: " + bytes);
            }
            this.maxRequestHeadBytes = bytes;
            return this;
        }

        /** How far behind the broadcast, in broadcast time, a client may fall before it is dropped (default 10 s). */
        public Builder stallTimeout(Duration timeout) {
            this.stallTimeout = positive(timeout, "stall timeout");
            return this;
        }

        /** Whether to look up client DNS names in the background (default true). */
        public Builder resolveNames(boolean resolve) {
            this.resolveNames = resolve;
            return this;
        }

        /** Network threads; 0 for one per core. */
        public Builder eventLoopThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("thread count cannot be negative: " + threads);
            }
            this.eventLoopThreads = threads;
            return this;
        }

        /** Retry-After seconds for 503 before and after a broadcast (at least 1). */
        public Builder retryAfterSeconds(int seconds) {
            if (seconds < 1) {
                throw new IllegalArgumentException("Retry-After must be at least 1 second: " + seconds);
            }
            this.retryAfterSeconds = seconds;
            return this;
        }

        /** The configuration. */
        public NetworkSinkConfig build() {
            return new NetworkSinkConfig(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the " + what + " must be positive: " + d);
            }
            return d;
        }
    }
}
