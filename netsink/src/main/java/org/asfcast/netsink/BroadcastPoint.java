package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.netsink.wire.ChunkFramer;
import org.asfcast.writer.WriterSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live broadcast on a server: a writer hands it the ASF header and data packets
 * ({@link WriterSink}); it keeps the last seconds in a ring, framed once, and streams them to its
 * players, with the join burst, the slow-player rules, its player limit, its access list and its
 * events. It knows packets, players and time; the {@link StreamingServer} owns the port and hands
 * it the requests routed to its path. Thread-safe.
 *
 * <p>A point lives on its own until a server {@linkplain StreamingServer#publish publishes} it:
 * the writer may start before, and requests find it once it is published. {@link NetworkSink} is a
 * server with one point.
 */
public final class BroadcastPoint extends PublishingPoint implements WriterSink {

    private static final Logger log = LoggerFactory.getLogger(BroadcastPoint.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How often an event loop tops up the writer's spare slab (a slab lasts ~0.45 s at 1 Mbit/s). */
    private static final long SPARE_PERIOD_MS = 50;
    /**
     * How long a broadcast may send nothing before its players get a keep-alive packet, and how
     * often they get one while the silence lasts: well under the ~20 s after which MPlayer leaves a
     * stream that sends nothing.
     */
    static final long KEEP_ALIVE_MS = 2000;
    /** How often a loop asks whether a keep-alive packet is due. */
    private static final long KEEP_ALIVE_CHECK_MS = 500;

    private final String name;
    private volatile PointSettings settings;
    private final AddressAccessList accessList = new AddressAccessList();
    private final EventDispatcher events = new EventDispatcher();
    private final BroadcastRing ring;
    private final FrameSlab frames = new FrameSlab(PooledByteBufAllocator.DEFAULT);
    private final ByteBuffer chunkHeader = ByteBuffer.allocate(ChunkFramer.CHUNK_HEADER_LENGTH); // writer thread only
    private final SilenceClock silence = new SilenceClock(TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MS));
    /** Held while a packet takes its sequence number and joins the ring (the writer's, or a keep-alive). */
    private final Object appending = new Object();
    private long lastSendTime; // under appending
    private final Map<Long, ClientSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong laggardsDropped = new AtomicLong();
    private final AtomicLong laggardsDisplaced = new AtomicLong();
    private final WaitingRequests waiting = new WaitingRequests();

    private final Object lifecycle = new Object();
    private volatile int maximumClients;
    private volatile BroadcastHeader header;
    private volatile boolean ended;
    private volatile boolean withdrawn; // left a running server for good: what the writer still sends goes nowhere
    private volatile Map<EventLoop, LoopClients> loops = Map.of();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>(); // under lifecycle
    private long generation;
    private volatile PushIngest pushIngest; // publishers push its stream (a push: source)

    /** A point called {@code name} (its path, in logs) with these settings. */
    public BroadcastPoint(String name, PointSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maximumClients = settings.maximumClients();
        this.ring = new BroadcastRing(settings.ringWindow().toMillis(), settings.ringMaxBytes());
    }

    /** The name given when it was made (its path). */
    @Override
    public String name() {
        return name;
    }

    /** The settings now in force. */
    public PointSettings settings() {
        return settings;
    }

    /**
     * Applies new settings without dropping anyone: the player limit, the slow-player rules, the
     * join burst and the kept window apply from the next request or pass; players over a lowered
     * limit stay. The delivery interval is fixed when the point is made and is not changed here.
     */
    public void apply(PointSettings next) {
        Objects.requireNonNull(next, "settings");
        settings = next;
        maximumClients = next.maximumClients();
        ring.resize(next.ringWindow().toMillis(), next.ringMaxBytes());
        keepJoinable(header);
    }

    /** The ring keeps what a joiner of this header starts with, whatever its window. */
    private void keepJoinable(BroadcastHeader h) {
        if (h != null) {
            ring.keepJoinable(!h.videoStreams().isEmpty(), h.joinMillis(settings.joinBurst()));
        }
    }

    /** The player limit. */
    public int maximumClients() {
        return maximumClients;
    }

    /**
     * Sets the player limit; players already connected stay.
     *
     * @throws InvalidRequestException when {@code n} is negative
     */
    public void setMaximumClients(int n) {
        if (n < 0) {
            throw new InvalidRequestException("the maximum number of clients cannot be negative (" + n + ")");
        }
        maximumClients = n;
        settings = settings.withMaximumClients(n);
    }

    @Override
    public List<ClientInfo> clients(int listed, PlayerCounter counter) {
        List<ClientSession> all = new ArrayList<>(listed > 0 ? sessions.size() : 0);
        for (ClientSession s : sessions.values()) {
            s.countInto(counter);
            if (listed > 0) {
                all.add(s);
            }
        }
        return PlayerWalk.firstListed(all, listed, ClientSession::id, ClientSession::info);
    }

    /** How many players are streaming. */
    @Override
    public int clientCount() {
        return sessions.size();
    }

    /** How many players were dropped as slow because their lag passed the stall timeout. */
    public long laggardsDropped() {
        return laggardsDropped.get();
    }

    /** How many players gave their slot to a new one at a full point ({@link DisconnectReason#DISPLACED}). */
    public long laggardsDisplaced() {
        return laggardsDisplaced.get();
    }

    /** Adds a listener for player events. */
    public void addListener(SinkListener listener) {
        events.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(SinkListener listener) {
        events.remove(listener);
    }

    /** The address access list (include and exclude entries); changes apply to new connections. */
    public AddressAccessList accessList() {
        return accessList;
    }

    /**
     * Sets who is told that a player wants this point while it has no broadcast (with a
     * {@link PointSettings#startWait()}, such a request is held): once per period without a
     * broadcast, at the first request held, so a source can be started. It runs on a network
     * thread and must return at once (hand the start to another thread).
     */
    public void onDemand(Runnable listener) {
        waiting.onDemand(Objects.requireNonNull(listener, "listener"));
    }

    /** How many requests are held, waiting for the broadcast to start. */
    public int waitingRequests() {
        return waiting.count();
    }

    /**
     * Ends the broadcast if nobody streams or waits, as {@link #onEndWriting()} would; a request
     * that comes from now on waits for the next header (with a start wait). Returns whether it
     * ended: false when a player streams, holds a slot or waits. For a source that stops when idle,
     * so that a player arriving as it stops waits for the next start instead of getting {@code $E}.
     */
    public boolean endIfIdle() {
        synchronized (lifecycle) {
            if (ended || header == null) {
                return reserved.get() == 0 && waiting.count() == 0;
            }
            // Ended first, then counted: a request counts itself first, then looks (ConnectionHandler).
            ended = true;
            if (reserved.get() > 0 || waiting.count() > 0) {
                ended = false;
                return false;
            }
            frames.release();
            waiting.ended();
            return true;
        }
    }

    /** Whether the broadcast has a header and has not ended: players can join. */
    public boolean isLive() {
        return header != null && !ended;
    }

    @Override
    public boolean kick(long id) {
        ClientSession session = sessions.get(id);
        if (session == null) {
            return false;
        }
        session.kick();
        return true;
    }

    /**
     * The streams of the broadcast's header now (number, type, bit rate); empty before the first
     * header and after the broadcast ended.
     */
    public List<StreamDescription> streams() {
        BroadcastHeader h = currentHeader();
        return h == null ? List.of() : h.descriptions();
    }

    /** Drops every player at once; new players can join right after. */
    @Override
    public void disconnect() {
        synchronized (lifecycle) {
            dropAll(DisconnectReason.DISCONNECT);
        }
    }

    // ---- WriterSink ----------------------------------------------------------------------------

    /**
     * Takes the header. The first one starts the broadcast. A later one with the same bytes (in
     * the live profile) changes nothing; a different one replaces the broadcast: new players get
     * it, and connected players' streams end cleanly ({@code $E}), since their packets would no
     * longer match the header they were given.
     *
     * @throws IllegalArgumentException when the bytes are not a valid ASF header
     */
    @Override
    public void onHeader(ByteBuffer headerBytes) {
        synchronized (lifecycle) {
            BroadcastHeader candidate = BroadcastHeader.of(headerBytes, generation + 1);
            BroadcastHeader current = header;
            boolean wasEnded = ended;
            ended = false;
            if (current != null && current.sameBytes(candidate) && !wasEnded) {
                return;
            }
            synchronized (appending) {
                generation++;
                ring.clear();
                frames.release();
                header = candidate;
                keepJoinable(candidate);
                silence.reset();
            }
            // Sessions notice the new generation and end themselves on their loops.
            wakeAll();
            waiting.started();
        }
    }

    /** A broadcast point delivers in real time: the writer paces packets by their send time. */
    @Override
    public boolean isRealTime() {
        return true;
    }

    /**
     * Frames the packet once, appends it to the ring and wakes each event loop (one task per loop,
     * whatever the number of players). Never waits on a player.
     *
     * @throws IllegalStateException    before the first header
     * @throws IllegalArgumentException when the packet is not a valid ASF data packet of the header's size
     */
    @Override
    public void onDataUnit(ByteBuffer dataUnit) {
        BroadcastHeader h = header;
        if (h == null) {
            throw new IllegalStateException("onDataUnit before onHeader: the sink has no header yet");
        }
        int length = dataUnit.remaining();
        if (length != h.packetSize()) {
            throw new IllegalArgumentException("a data unit of " + length + " bytes, but the header's packets are "
                    + h.packetSize() + " bytes");
        }
        byte[] bytes;
        int offset;
        if (dataUnit.hasArray()) {
            bytes = dataUnit.array();
            offset = dataUnit.arrayOffset() + dataUnit.position();
        } else {
            bytes = new byte[length];
            dataUnit.duplicate().get(bytes);
            offset = 0;
        }
        DataPacket packet;
        try {
            packet = DataPacket.parse(bytes, offset, length, 0);
        } catch (AsfFormatException e) {
            throw new IllegalArgumentException("the data unit is not a valid ASF data packet: " + e.getMessage(), e);
        }
        boolean keyStart = false;
        for (Payload p : packet.payloads()) {
            if (p.keyFrame() && p.offset() == 0 && h.videoStreams().contains(p.streamNumber())) {
                keyStart = true;
                break;
            }
        }
        if (withdrawn) {
            return;
        }
        ByteBuf framed = frames.allocate(ChunkFramer.CHUNK_HEADER_LENGTH + length);
        synchronized (appending) {
            if (withdrawn) {
                framed.release();
                return;
            }
            long seq = ring.next();
            ChunkFramer.writeDataHeader(chunkHeader.clear(), length, seq & 0xFFFF_FFFFL);
            framed.writeBytes(chunkHeader.array(), 0, ChunkFramer.CHUNK_HEADER_LENGTH);
            framed.writeBytes(bytes, offset, length);
            ring.append(framed, packet.sendTime(), keyStart);
            lastSendTime = packet.sendTime();
            silence.packet(System.nanoTime());
        }
        wakeAll();
    }

    /** Writing ended: every player gets what the ring still holds for it, then {@code $E}, then close. */
    @Override
    public void onEndWriting() {
        synchronized (lifecycle) {
            ended = true;
            frames.release();
            waiting.ended();
            for (LoopClients lc : loops.values()) {
                lc.forEach(ClientSession::endAfterDrain);
            }
        }
    }

    // ---- on a server ---------------------------------------------------------------------------

    /**
     * Joins a server's event loops: each gets its copy of the ring and its players, and one loop
     * keeps the writer's slabs ready and the keep-alive clock going.
     *
     * @throws IllegalStateException when the point is on a server already
     */
    @Override
    void attach(List<EventLoop> eventLoops) {
        synchronized (lifecycle) {
            if (!loops.isEmpty()) {
                throw new IllegalStateException("the point " + name + " is already on a server");
            }
            if (withdrawn) {
                throw new IllegalStateException("the point " + name + " was withdrawn; make a new one");
            }
            Map<EventLoop, LoopClients> byLoop = new IdentityHashMap<>();
            long interval = settings.deliveryInterval().toNanos();
            for (EventLoop loop : eventLoops) {
                byLoop.put(loop, new LoopClients(loop, interval, ring, () -> observer));
            }
            EventLoop first = eventLoops.get(0);
            // The writer's next slab is kept ready, so that onDataUnit never waits for the pool.
            timers.add(first.scheduleAtFixedRate(frames::prepareSpare, SPARE_PERIOD_MS, SPARE_PERIOD_MS,
                    TimeUnit.MILLISECONDS));
            timers.add(first.scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE_CHECK_MS, KEEP_ALIVE_CHECK_MS,
                    TimeUnit.MILLISECONDS));
            loops = byLoop;
        }
    }

    /**
     * Leaves the server: every player is dropped with {@code reason}, the timers stop and each
     * loop lets go of its copy of the ring (on the loop, or here once {@code loopsStopped}). A
     * point that leaves a running server is withdrawn for good: its buffers go now, and what its
     * writer still sends is dropped. One whose server closed may join it again when it reopens.
     */
    @Override
    void detach(DisconnectReason reason, boolean loopsStopped) {
        synchronized (lifecycle) {
            if (!loopsStopped) {
                dropAll(reason);
                waiting.turnAway(Admission.ENDED);
            }
            timers.forEach(t -> t.cancel(false));
            timers.clear();
            Map<EventLoop, LoopClients> left = loops;
            loops = Map.of();
            for (LoopClients lc : left.values()) {
                if (loopsStopped) {
                    lc.stop();
                } else {
                    lc.loop().submit(lc::stop).awaitUninterruptibly(5, TimeUnit.SECONDS);
                }
            }
            synchronized (appending) {
                withdrawn = !loopsStopped;
                // Nobody is left to take a packet: the ring's and the writer's buffers go now.
                ring.clear();
                frames.release();
            }
            events.drain();
        }
    }

    /** Drops the players of a server whose loops are about to stop; {@link #detach} follows. */
    @Override
    void dropForClose(DisconnectReason reason) {
        synchronized (lifecycle) {
            dropAll(reason);
            waiting.turnAway(Admission.ENDED);
        }
    }

    // ---- package-private, for the connection handler and sessions --------------------------------

    BroadcastRing ring() {
        return ring;
    }

    BroadcastHeader currentHeader() {
        return ended ? null : header;
    }

    long headerGeneration() {
        BroadcastHeader h = header;
        return h == null ? 0 : h.generation();
    }

    boolean ended() {
        return ended;
    }

    @Override
    void endStreams() {
        onEndWriting();
    }

    @Override
    long outgoingBitsPerSecond() {
        BroadcastHeader h = currentHeader();
        return h == null ? 0 : h.bitsPerSecond() * (long) streamingClients();
    }

    @Override
    int streamingClients() {
        return reserved.get();
    }

    LoopClients loopClients(EventLoop loop) {
        return loops.get(loop);
    }

    long newClientId() {
        return RANDOM.nextInt() & 0xFFFF_FFFFL;
    }

    long newSessionId() {
        return sessionIds.incrementAndGet();
    }

    WaitingRequests waiting() {
        return waiting;
    }

    /** Gives back a slot taken by {@link #reserveSlot()} that no session took over. */
    void returnSlot() {
        reserved.decrementAndGet();
    }

    /** Takes one of the {@link #maximumClients()} slots, or returns false when none is free. */
    boolean reserveSlot() {
        while (true) {
            int n = reserved.get();
            if (n >= maximumClients) {
                return false;
            }
            if (reserved.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void sessionStarted(ClientSession session) {
        sessions.put(session.id(), session);
        ClientInfo info = session.info();
        log.info("client {} connected to {} from {} ({}, {})", info.id(), name, session.remote(), info.protocol(),
                ClientText.printable(info.userAgent()));
        events.connected(info);
        ServerObserver o = observer;
        if (o.watching()) {
            o.playerStarted(session.event(name, info));
        }
        if (settings.resolveNames()) {
            events.resolve(session.id(), session.remote().getAddress(), session::dnsName, session::info);
        }
    }

    void sessionEnded(ClientSession session, DisconnectReason reason) {
        if (sessions.remove(session.id()) != null) {
            if (session.releaseSlot()) {
                reserved.decrementAndGet(); // else a newcomer holds it now
            }
            ClientInfo info = session.info();
            log.info("client {} left {} ({}): {} bytes, {} packets skipped", info.id(), name, reason, info.bytesSent(),
                    info.packetsSkipped());
            events.disconnected(info, reason);
            ServerObserver o = observer;
            if (o.watching()) {
                o.playerEnded(session.event(name, info), reason);
            }
        }
    }

    /** A session is about to be dropped for lagging: count it and say why, once. */
    void laggardDropped(ClientSession session, long lagMillis, long taken, long written) {
        laggardsDropped.incrementAndGet();
        log.info("client {} from {} dropped as slow: {} ms of the broadcast behind (over the {} ms allowed); "
                        + "it took {} of the {} bytes written to it", session.id(), session.remote(), lagMillis,
                settings.stallTimeout().toMillis(), taken, written);
    }

    /** Whether some player is at least {@link NetworkSink#DISPLACE_AFTER} behind (asked only when the point is full). */
    boolean hasLaggard() {
        long after = NetworkSink.DISPLACE_AFTER.toMillis();
        for (ClientSession s : sessions.values()) {
            if (s.lagMillis() >= after) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives a new player from {@code newcomer} the slot of the player furthest behind, if one is at
     * least {@link NetworkSink#DISPLACE_AFTER} behind: that player is closed on its loop with
     * {@link DisconnectReason#DISPLACED}. Returns whether the newcomer has a slot.
     */
    boolean displaceLaggard(InetSocketAddress newcomer) {
        long after = NetworkSink.DISPLACE_AFTER.toMillis();
        while (true) {
            ClientSession worst = null;
            for (ClientSession s : sessions.values()) {
                if (s.lagMillis() >= after && s.holdsSlot() && (worst == null || s.lagMillis() > worst.lagMillis())) {
                    worst = s;
                }
            }
            if (worst == null) {
                return false;
            }
            long lag = worst.lagMillis();
            if (worst.giveSlot()) {
                laggardsDisplaced.incrementAndGet();
                log.info("client {} from {} ({} ms of the broadcast behind) gives its slot on {} to a new player from {}: "
                        + "the point is full ({} clients)", worst.id(), worst.remote(), lag, name, newcomer, maximumClients);
                worst.evict();
                return true;
            }
            // It left or went to another newcomer meanwhile: it no longer holds a slot, look again.
        }
    }

    /**
     * On a timer: while a live broadcast sends nothing (its source stalled), appends a
     * {@link KeepAlivePacket} to the ring every {@link #KEEP_ALIVE_MS}, so players that leave a
     * silent stream stay connected, and a player joining meanwhile gets them after its burst.
     * Only here, not in the writer: a file sink records no filler.
     */
    private void keepAlive() {
        if (sessions.isEmpty() || ended) {
            return;
        }
        synchronized (appending) {
            BroadcastHeader h = header;
            if (h == null || ended || !silence.fillDue(System.nanoTime())) {
                return;
            }
            byte[] packet = KeepAlivePacket.of(h.packetSize(), lastSendTime, h.streams());
            ByteBuf framed = PooledByteBufAllocator.DEFAULT.directBuffer(ChunkFramer.CHUNK_HEADER_LENGTH + packet.length);
            framed.writeBytes(ChunkFramer.dataChunk(packet, ring.next() & 0xFFFF_FFFFL));
            ring.append(framed, lastSendTime, false);
        }
        wakeAll();
    }

    private void wakeAll() {
        for (LoopClients lc : loops.values()) {
            lc.wake();
        }
    }

    /** Closes every session with {@code reason}; waits until done. */
    private void dropAll(DisconnectReason reason) {
        List<Future<?>> done = new ArrayList<>();
        for (LoopClients lc : loops.values()) {
            done.add(lc.loop().submit(() -> {
                for (ClientSession s : lc.snapshot()) {
                    s.close(reason);
                }
            }));
        }
        for (Future<?> f : done) {
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        events.drain();
    }

    /**
     * Makes this a point that publishers push their stream to ({@code ingest}, read by the point's
     * source), or, with null, one that takes no publisher: a PUT to it is 405 again.
     */
    public void takePushes(PushIngest ingest) {
        pushIngest = ingest;
    }

    /** Where publishers' streams go, when this point takes them. */
    public java.util.Optional<PushIngest> pushIngest() {
        return java.util.Optional.ofNullable(pushIngest);
    }

    @Override
    public String toString() {
        return "broadcast point " + name;
    }
}
