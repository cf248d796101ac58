package org.asfcast.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Plays live ASF over HTTP the way Windows Media players do. For MS-WMSP ({@code mmsh://}, or
 * {@code http://} when asked) it makes a Describe and then a Play, each on its own connection,
 * with the exact requests of VLC or FFmpeg ({@link PlayerProfile}). For plain HTTP it makes one
 * GET with a non-NSPlayer User-Agent and reads raw ASF.
 *
 * <p>Immutable and thread-safe; {@code with…} methods return a changed copy. All I/O is blocking,
 * bounded by the connect timeout and, per read, the read timeout.
 */
public final class MmshClient {
    /** Default time to establish the TCP connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default longest silence from the server before a read fails. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The User-Agent of plain-HTTP requests: anything but NSPlayer, so servers send raw ASF. */
    public static final String DEFAULT_PLAIN_USER_AGENT = "asfcast-client/0.1";
    /** The port of {@code mmsh://} and {@code http://} URIs without one. */
    public static final int DEFAULT_PORT = 80;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final PlayerProfile profile;
    private final boolean wmspOverHttp;
    private final String plainUserAgent;
    private final String clientGuid;

    private MmshClient(Duration connectTimeout, Duration readTimeout, PlayerProfile profile, boolean wmspOverHttp,
                       String plainUserAgent, String clientGuid) {
        this.connectTimeout = requirePositive(connectTimeout, "connect timeout");
        this.readTimeout = requirePositive(readTimeout, "read timeout");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.wmspOverHttp = wmspOverHttp;
        this.plainUserAgent = Objects.requireNonNull(plainUserAgent, "plainUserAgent");
        this.clientGuid = clientGuid;
    }

    /** A client with the default timeouts that sends VLC's requests. */
    public static MmshClient create() {
        return new MmshClient(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, PlayerProfile.VLC, false,
                DEFAULT_PLAIN_USER_AGENT, PlayerProfile.VLC.newClientGuid());
    }

    /** A copy with another connect timeout (positive). */
    public MmshClient withConnectTimeout(Duration timeout) {
        return new MmshClient(timeout, readTimeout, profile, wmspOverHttp, plainUserAgent, clientGuid);
    }

    /** A copy with another read timeout (positive): the longest the server may stay silent. */
    public MmshClient withReadTimeout(Duration timeout) {
        return new MmshClient(connectTimeout, timeout, profile, wmspOverHttp, plainUserAgent, clientGuid);
    }

    /** A copy that sends another player's MS-WMSP requests (and client GUID). */
    public MmshClient withProfile(PlayerProfile newProfile) {
        return new MmshClient(connectTimeout, readTimeout, newProfile, wmspOverHttp, plainUserAgent,
                newProfile.newClientGuid());
    }

    /** A copy that speaks MS-WMSP to {@code http://} URIs too (they mean plain HTTP by default). */
    public MmshClient withWmspOverHttp(boolean wmsp) {
        return new MmshClient(connectTimeout, readTimeout, profile, wmsp, plainUserAgent, clientGuid);
    }

    /** A copy whose plain-HTTP requests carry this User-Agent (it must not start with NSPlayer/NSServer). */
    public MmshClient withPlainUserAgent(String userAgent) {
        String lower = userAgent.toLowerCase(Locale.ROOT);
        if (lower.startsWith("nsplayer") || lower.startsWith("nsserver")) {
            throw new IllegalArgumentException("a plain-HTTP User-Agent must not start with NSPlayer or NSServer: "
                    + "servers would answer with MS-WMSP framing");
        }
        return new MmshClient(connectTimeout, readTimeout, profile, wmspOverHttp, userAgent, clientGuid);
    }

    /** The connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The read timeout. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Whose MS-WMSP requests are sent. */
    public PlayerProfile profile() {
        return profile;
    }

    /** The {@code xClientGUID} this client sends. */
    public String clientGuid() {
        return clientGuid;
    }

    /** How this client would reach {@code uri}. */
    public Transport transportFor(URI uri) {
        return Transport.of(uri, wmspOverHttp);
    }

    /**
     * Asks for the stream's description: an MS-WMSP Describe (the response's single {@code $H},
     * then the connection closes), or in plain HTTP the start of a GET up to the Data Object header.
     *
     * @throws HttpStatusException     when the server answers other than 200
     * @throws StreamProtocolException when the response is not a valid stream start
     * @throws StreamStalledException  when the server stays silent longer than the read timeout
     */
    public StreamDescription describe(URI uri) throws IOException, StreamException {
        Transport transport = transportFor(uri);
        if (transport == Transport.PLAIN_HTTP) {
            try (PlainHttpPlaySession session = PlainHttpPlaySession.start(connect(uri, plainRequest(uri)))) {
                return new StreamDescription(uri, transport, session.response(), session.headerBytes(), session.header());
            }
        }
        try (HttpConnection connection = connect(uri, profile.describe(uri, port(uri), clientGuid))) {
            ResponseHead head = connection.readHead();
            ChunkReader chunks = new ChunkReader(connection.input(), head.size());
            Chunk chunk;
            do {
                chunk = chunks.next(); // a Cougar 9 server's $M may come first; players would fail, we skip it
            } while (chunk instanceof Chunk.Other);
            if (!(chunk instanceof Chunk.Header first)) {
                throw new StreamProtocolException(chunk == null ? connection.position() : chunk.offset(),
                        "the Describe response has no $H chunk; it " + (chunk == null ? "ended" : "has " + chunk.kind())
                                + " where the header belongs");
            }
            ChunkReader.Header header = chunks.readHeader(first);
            return new StreamDescription(uri, transport, head, header.bytes(), header.header());
        }
    }

    /**
     * Starts playing: in MS-WMSP a Describe and then a Play for every stream of the header; in
     * plain HTTP one GET. The returned session has read the header already.
     *
     * @throws HttpStatusException     when the server answers other than 200
     * @throws StreamProtocolException when the response is not a valid stream start
     * @throws StreamStalledException  when the server stays silent longer than the read timeout
     */
    public PlaySession play(URI uri) throws IOException, StreamException {
        if (transportFor(uri) == Transport.PLAIN_HTTP) {
            return PlainHttpPlaySession.start(connect(uri, plainRequest(uri)));
        }
        return play(describe(uri));
    }

    /**
     * Plays a stream described before, as players do after their Describe: a Play request for
     * its streams, live-style when the Describe said broadcast or said nothing (VLC's rule).
     */
    public PlaySession play(StreamDescription description) throws IOException, StreamException {
        URI uri = description.uri();
        if (description.transport() == Transport.PLAIN_HTTP) {
            return PlainHttpPlaySession.start(connect(uri, plainRequest(uri)));
        }
        boolean broadcast = description.features().isEmpty() || description.broadcast();
        byte[] request = profile.play(uri, port(uri), clientGuid, description.header(), broadcast);
        return WmspPlaySession.start(connect(uri, request), description);
    }

    /** The plain-HTTP GET: HTTP/1.0 so no server may answer with chunked coding. */
    byte[] plainRequest(URI uri) {
        return ("GET " + PlayerProfile.target(uri) + " HTTP/1.0\r\n"
                + "Host: " + uri.getHost() + ":" + port(uri) + "\r\n"
                + "Accept: */*\r\n"
                + "User-Agent: " + plainUserAgent + "\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private HttpConnection connect(URI uri, byte[] request) throws IOException {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        return HttpConnection.open(uri, port(uri), connectTimeout, readTimeout, request);
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    }

    private static Duration requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
        return duration;
    }

    @Override
    public String toString() {
        return "MmshClient[" + profile + ", connect " + connectTimeout.toMillis() + " ms, read "
                + readTimeout.toMillis() + " ms" + (wmspOverHttp ? ", WMSP over http://" : "") + "]";
    }
}
