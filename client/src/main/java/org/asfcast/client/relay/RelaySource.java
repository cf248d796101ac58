package org.asfcast.client.relay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.LiveProfile;
import org.asfcast.client.HttpStatusException;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.PlayerProfile;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.asfcast.client.StreamException;
import org.asfcast.client.Transport;
import org.asfcast.writer.PacketDelivery;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;
import org.asfcast.writer.source.LiveRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of an edge: another server's live stream, played as a distribution server plays it
 * (MS-WMSP with {@code NSServer}, every stream; or one plain-HTTP GET of raw ASF) and relayed to
 * the edge's own players, one upstream connection for all of them.
 *
 * <p><b>When the origin goes away</b> (the connection is refused, closed, or silent for the read
 * timeout) the broadcast goes on: the sinks are not ended, so the edge's players stay connected,
 * and the origin is asked again after a jittered {@linkplain org.asfcast.writer.source.Backoff
 * back-off}. An origin that comes back with the same header continues the players' stream
 * seamlessly (send times and media object numbers go on, as after an encoder's restart); one with
 * another header hands the sinks that header (players get {@code $E}, as with any new header).
 * When the origin cannot be reached again within the grace period, the broadcast ends with a
 * {@link RelayException} naming the URL and why.
 */
public final class RelaySource implements Source {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySource.class);
    /** The plain-HTTP User-Agent: not NSPlayer/NSServer, so that the origin sends raw ASF. */
    private static final String PLAIN_USER_AGENT = "asfcast-relay/0.1";

    private final RelaySettings settings;
    private final String name;
    private final MmshClient client;
    private final DoubleSupplier random;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong bytesOfEndedConnections = new AtomicLong();
    private volatile PlaySession current;
    private volatile PacketStream stream;
    private volatile LiveRelay relay;
    private volatile Phase phase = new Phase(RelayStatus.State.CONNECTING, Instant.now());
    /** Only the relay's thread uses these three. */
    private final ReplayedStart replayed = new ReplayedStart();
    private byte[] lastStreamStart;
    private long replayedPackets;

    private record Phase(RelayStatus.State state, Instant since) {
    }

    /** How one connection to the origin ended: in words, and when it had delivered a header (-1: it never did). */
    private record Attempt(String outcome, long connectedNanos) {
    }

    /** Relays {@code settings}' upstream into the point called {@code name} in the log. */
    public RelaySource(RelaySettings settings, String name) {
        this(settings, name, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** As above, with the back-off's jitter drawn from {@code random} (0 inclusive to 1 exclusive). */
    RelaySource(RelaySettings settings, String name, DoubleSupplier random) {
        this.settings = settings;
        this.name = name;
        this.random = random;
        MmshClient c = MmshClient.create().withProfile(PlayerProfile.DISTRIBUTION)
                .withConnectTimeout(settings.connectTimeout()).withReadTimeout(settings.readTimeout())
                .withPlainUserAgent(PLAIN_USER_AGENT);
        // http:// means MS-WMSP here unless plain was asked for, as WMS's distribution servers ask.
        this.client = c.withWmspOverHttp(settings.upstream().transport() == Transport.WMSP);
    }

    /** The settings this relay runs with. */
    public RelaySettings settings() {
        return settings;
    }

    /** How many times the origin has been asked again after the first attempt. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Packets relayed so far, over every connection. */
    public long packetsSent() {
        LiveRelay live = relay;
        return live == null ? 0 : live.packetsSent();
    }

    /** What the relay is doing now. */
    public RelayStatus status() {
        Phase p = phase;
        PacketStream s = stream;
        long bytes = bytesOfEndedConnections.get() + (s == null ? 0 : s.bytesIn());
        return new RelayStatus(p.state(), p.since(), settings.upstream().describe(), reconnects.get(), bytes);
    }

    /**
     * Plays the origin and relays its packets, asking it again whenever it goes away, until
     * {@link #stop()} or until it stays away for the grace period.
     *
     * @throws RelayException when the origin could not be reached for the grace period
     * @throws IOException    when every sink has failed
     */
    @Override
    public void run(List<WriterSink> sinks) throws IOException, AsfFormatException, InterruptedException {
        PacketDelivery delivery = new PacketDelivery(sinks.stream().<WriterSink>map(UnpacedSink::new).toList(), stopped);
        LiveRelay live = new LiveRelay(delivery, stopped);
        relay = live;
        try {
            keepRelaying(live);
        } finally {
            PlaySession last = current;
            if (last != null) {
                last.close();
            }
            phase = new Phase(RelayStatus.State.ENDED, Instant.now());
            delivery.end();
        }
    }

    private void keepRelaying(LiveRelay live) throws IOException, InterruptedException {
        long graceNanos = settings.grace().toNanos();
        long due = System.nanoTime() + graceNanos;
        int failures = 0;
        while (true) {
            Attempt attempt = relayOnce(live);
            if (attempt == null || stopped.get()) {
                return;
            }
            long now = System.nanoTime();
            if (attempt.connectedNanos() >= 0) {
                due = now + graceNanos; // it was there: the players wait a whole grace for it again
                if (now - attempt.connectedNanos() >= settings.backoff().steadyRun().toNanos()) {
                    failures = 0;
                }
            }
            if (phase.state() == RelayStatus.State.CONNECTED) {
                phase = new Phase(RelayStatus.State.RECONNECTING, Instant.now());
            }
            long left = due - now;
            if (left <= 0) {
                throw new RelayException(name + ": the relay of " + settings.upstream().describe() + " ends: the origin "
                        + attempt.outcome() + ", and it could not be played again for "
                        + settings.grace().toMillis() + " ms");
            }
            failures++;
            long delay = Math.min(settings.backoff().jittered(failures, random.getAsDouble()).toNanos(), left);
            LOG.warn("{}: the origin {} {}; asking it again in {} ms (reconnect {})", name, settings.upstream().describe(),
                    attempt.outcome(), delay / 1_000_000, reconnects.get() + 1);
            if (stopSignal.await(delay, TimeUnit.NANOSECONDS)) {
                return;
            }
            reconnects.incrementAndGet();
        }
    }

    /** One connection: asks the origin and relays what it sends; says how it ended, or null when stopped. */
    private Attempt relayOnce(LiveRelay live) throws IOException, InterruptedException {
        PlaySession session;
        try {
            session = client.play(settings.upstream().uri());
        } catch (IOException | StreamException e) {
            return new Attempt(unreachable(e), -1);
        }
        current = session;
        if (stopped.get()) {
            session.close(); // stop() came before this session was current
            return null;
        }
        long connectedNanos = System.nanoTime();
        boolean first = phase.state() == RelayStatus.State.CONNECTING;
        phase = new Phase(RelayStatus.State.CONNECTED, Instant.now());
        LOG.info("{}: {} {}", name, first ? "relaying" : "playing again", settings.upstream().describe());
        PacketStream in = new PacketStream(session.headerBytes(), packetsOf(session));
        stream = in;
        try {
            if (!live.relay(AsfReader.of(in))) {
                return null;
            }
            return new Attempt(ending(session), connectedNanos);
        } catch (AsfFormatException e) {
            return new Attempt(in.failure().isPresent() ? broke(in.failure().get())
                    : "sent something that is not ASF (" + e.getMessage() + ")", connectedNanos);
        } catch (IOException e) {
            if (in.failure().isPresent()) {
                return new Attempt(broke(in.failure().get()), connectedNanos);
            }
            if (stopped.get()) {
                return null;
            }
            throw e; // every sink failed
        } finally {
            session.close();
            current = null;
            bytesOfEndedConnections.addAndGet(in.bytesIn());
            stream = null;
            if (replayedPackets > 0) {
                LOG.info("{}: left out {} packets the origin sent again after the reconnect", name, replayedPackets);
                replayedPackets = 0;
            }
            if (in.unpadded() > 0) {
                LOG.warn("{}: {} packets came without their padding and without a Padding Length to give it back",
                        name, in.unpadded());
            }
        }
    }

    /**
     * The packets of one session, without those the edge relayed already ({@link ReplayedStart}),
     * with a header that changed ({@code $C}, then a new {@code $H}) placed before the first packet under it.
     */
    private UpstreamPackets packetsOf(PlaySession session) {
        byte[] start = LiveProfile.streamStart(session.header());
        replayed.reconnected(Arrays.equals(start, lastStreamStart));
        lastStreamStart = start;
        return new UpstreamPackets() {
            private AsfHeader header = session.header();

            @Override
            public Optional<Item> next() throws IOException, StreamException {
                while (true) {
                    Optional<ReceivedPacket> p = session.nextPacket();
                    if (p.isEmpty()) {
                        return Optional.empty();
                    }
                    byte[] changed = null;
                    if (session.header() != header) {
                        header = session.header();
                        changed = session.headerBytes();
                        lastStreamStart = LiveProfile.streamStart(header);
                    }
                    long sendTime = sendTime(p.get());
                    if (changed == null && sendTime >= 0 && !replayed.keep(sendTime)) {
                        replayedPackets++;
                        continue;
                    }
                    return Optional.of(new Item(changed, p.get().bytes(), p.get().sentLength()));
                }
            }
        };
    }

    /** The packet's send time, as the origin sent it; -1 for a packet that does not parse (the relay then says why). */
    private static long sendTime(ReceivedPacket packet) {
        try {
            return packet.parse().sendTime();
        } catch (AsfFormatException e) {
            return -1;
        }
    }

    /** Why the origin could not be played, in words after "the origin". */
    static String unreachable(Exception e) {
        if (e instanceof ConnectException) {
            return "refused the connection (" + e.getMessage() + ")";
        }
        if (e instanceof UnknownHostException) {
            return "has a host name that does not resolve (" + e.getMessage() + ")";
        }
        if (e instanceof HttpStatusException h) {
            return "answered " + h.status() + (h.reason().isEmpty() ? "" : " " + h.reason())
                    + (h.bodyFirstLine().isEmpty() ? "" : " (" + h.bodyFirstLine() + ")");
        }
        if (e instanceof SocketTimeoutException) {
            return "did not answer in time (" + e.getMessage() + ")";
        }
        return "could not be played (" + e.getMessage() + ")";
    }

    /** Why a playing connection broke, in words after "the origin". */
    static String broke(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "went silent (" + e.getMessage() + ")";
        }
        Throwable cause = e.getCause() instanceof StreamException s ? s : e;
        return "broke the stream (" + cause.getMessage() + ")";
    }

    private static String ending(PlaySession session) {
        Optional<StreamEnd> end = session.endReason();
        if (end.isPresent() && end.get().kind() == StreamEnd.Kind.END_CHUNK) {
            return end.get().normal() ? "ended the stream ($E)"
                    : String.format("ended the stream ($E, reason 0x%08X)", end.get().reason());
        }
        return "closed the connection";
    }

    @Override
    public void stop() {
        stopped.set(true);
        stopSignal.countDown();
        PlaySession session = current;
        if (session != null) {
            session.close();
        }
    }

    @Override
    public String describe() {
        return "relay of " + settings.upstream().describe();
    }
}
