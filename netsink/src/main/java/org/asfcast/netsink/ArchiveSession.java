package org.asfcast.netsink;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.ArchiveFile;
import org.asfcast.netsink.wire.ChunkFramer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MS-WMSP player of a file on demand: {@code $H}, then {@code $D} for each packet from the
 * start packet to the last (LocationId = the packet's number in the file, as [MS-WMSP] §2.2.3.1.2
 * asks), then {@code $E}. The first {@code preroll + fastStart} of media go out as fast as the socket
 * takes them; after that the player is served every {@link #PACING_INTERVAL_MS} with the packets then
 * due. Where the packets come from is its {@link PacketFeed}'s matter: the file's shared mapping, or
 * rewritten copies for a player that selected some streams. Lives on its channel's event loop; what
 * could block (a page not in memory, a read) happens on the point's reader threads.
 */
final class ArchiveSession {

    private static final Logger log = LoggerFactory.getLogger(ArchiveSession.class);
    private static final byte[] END_CHUNK = ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END);
    /**
     * Once past its fast start, a player is served about this often, each time with every packet then
     * due: one write a second instead of a timer, a write and a flush per packet. A player is kept
     * {@code preroll + fastStart} ahead (8 s for FFmpeg's files), so a second's cadence never reaches
     * what it has buffered; one with less than two intervals of lead is served at its own moments.
     * The kernel's cost is per write (docs/benchmarks.md: 0.092 CPU s/Gbit at 300 ms, 0.060-0.068 at 1 s).
     */
    static final long PACING_INTERVAL_MS = 1000;
    /** The shortest wait of a player with too little lead for the grid: a few wake-ups a second, not one a packet. */
    private static final long SHORT_LEAD_WAIT_NANOS = 50_000_000L;
    /** The most packet bytes handed to the socket in one write call: the channel says stop past its high mark anyway. */
    private static final int RUN_BYTES = 64 << 10;

    private final ArchivePoint point;
    private final Channel channel;
    private final ArchiveFile file;
    private final PacketFeed feed;
    private final long id;
    private final int runPackets;
    private final long leadMillis;
    private final long idleNanos;
    private long nextToSend;
    private boolean fetching;
    private boolean closed;
    private boolean timerSet;
    private io.netty.util.concurrent.ScheduledFuture<?> idleCheck;
    private long startNanos;
    private long startSendTime;
    private long lastProgressNanos;
    private volatile long bytesSent;
    private long packetsSent; // read on the loop only (its events)
    private final long startMillis; // where in the file it started: what it asked for
    private final String userAgent;
    private final PlayerRequest request;
    private final java.net.InetSocketAddress remote;
    private final java.time.Instant connectedSince = java.time.Instant.now();
    private final long joinNanos;

    ArchiveSession(ArchivePoint point, Channel channel, ArchiveFile file, long startPacket, PacketFeed feed, long id,
                   ArchiveSettings settings, String userAgent, PlayerRequest request) {
        this.point = point;
        this.channel = channel;
        this.file = file;
        this.feed = feed;
        this.id = id;
        this.runPackets = Math.max(1, RUN_BYTES / ChunkFramer.chunkLength(file.packetSize()));
        this.leadMillis = file.preroll() + settings.fastStart().toMillis();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.nextToSend = startPacket;
        this.startMillis = file.packetCount() > 0 && startPacket < file.packetCount()
                ? Math.max(0, file.sendTime(startPacket) - file.sendTime(0)) : 0;
        this.userAgent = userAgent;
        this.request = request;
        this.remote = (java.net.InetSocketAddress) channel.remoteAddress();
        this.joinNanos = Math.max(0, System.nanoTime() - request.requestNanos());
    }

    /** A snapshot for the point's player list; safe from any thread. On demand nobody lags a live edge: lag 0. */
    ClientInfo info() {
        return new ClientInfo(id, remote.getAddress(), remote.getPort(), java.util.Optional.empty(), userAgent,
                org.asfcast.netsink.wire.ClientProtocol.MS_WMSP, connectedSince, bytesSent, 0, 0);
    }

    /** This player as a {@link ServerObserver} sees it, on the point at {@code pointPath}. */
    PlayerEvent event(String pointPath) {
        return new PlayerEvent(pointPath, true, info(), request, java.time.Duration.ofNanos(joinNanos), packetsSent,
                startMillis);
    }

    long id() {
        return id;
    }

    long bytesSent() {
        return bytesSent;
    }

    Channel channel() {
        return channel;
    }

    /** What this player needs once past its fast start: the file's average rate. */
    long bitsPerSecond() {
        return file.bitsPerSecond();
    }

    /** Sends the response head and the header, then the packets. */
    void start(byte[] responseHead) {
        startNanos = System.nanoTime();
        lastProgressNanos = startNanos;
        startSendTime = file.packetCount() > 0 ? file.sendTime(nextToSend) : 0;
        byte[] header = ChunkFramer.headerChunk(file.servedHeader());
        bytesSent += responseHead.length + header.length;
        channel.writeAndFlush(Unpooled.wrappedBuffer(responseHead, header));
        idleCheck = channel.eventLoop().scheduleAtFixedRate(this::checkIdle, idleNanos / 4, idleNanos / 4, TimeUnit.NANOSECONDS);
        pump();
    }

    /** Writes every packet that is due while the socket takes it; fetches what is not ready; ends after the last. */
    void pump() {
        if (closed || fetching) {
            return;
        }
        boolean wrote = false;
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        long count = file.packetCount();
        while (nextToSend < count && channel.isWritable()) {
            if (!due(nextToSend, elapsedMillis)) {
                waitFor(nextToSend, elapsedMillis);
                break;
            }
            int ready = feed.ready(nextToSend);
            if (ready == 0) {
                fetch();
                break;
            }
            int run = 1;
            int most = Math.min(ready, runPackets);
            while (run < most && due(nextToSend + run, elapsedMillis)) {
                run++;
            }
            bytesSent += feed.write(nextToSend, run);
            packetsSent += run;
            nextToSend += run;
            wrote = true;
        }
        if (wrote) {
            lastProgressNanos = System.nanoTime();
            channel.flush();
        }
        if (nextToSend >= count && !fetching) {
            end();
        }
    }

    private boolean due(long packet, long elapsedMillis) {
        return file.sendTime(packet) - startSendTime <= elapsedMillis + leadMillis;
    }

    private void waitFor(long packet, long elapsedMillis) {
        if (timerSet) {
            return;
        }
        long dueInNanos = (file.sendTime(packet) - startSendTime - leadMillis - elapsedMillis) * 1_000_000L;
        long now = System.nanoTime();
        // A player that is far enough ahead waits for the loop's next grid instant after its packet is
        // due, with every other such player of the loop; one with little lead (no fast start, a short
        // preroll) cannot afford up to an interval's lateness and waits for its own moment.
        long delay = leadMillis >= 2 * PACING_INTERVAL_MS ? PacingGrid.delayNanos(now, dueInNanos)
                : Math.max(dueInNanos, SHORT_LEAD_WAIT_NANOS);
        timerSet = true;
        channel.eventLoop().schedule(() -> {
            timerSet = false;
            pump();
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void fetch() {
        fetching = true;
        try {
            feed.fetch(nextToSend, this::fetched);
        } catch (RuntimeException e) { // the reader is shutting down: the point is leaving
            fetching = false;
            close(DisconnectReason.CLOSE);
        }
    }

    private void fetched(Exception failure) {
        fetching = false;
        if (closed) {
            feed.release();
        } else if (failure != null) {
            log.warn("player {} of {}: reading {} failed: {}", id, point.name(), file.path(), failure.getMessage());
            close(DisconnectReason.ERROR);
        } else {
            pump();
        }
    }

    private void checkIdle() {
        if (!closed && !channel.isWritable() && System.nanoTime() - lastProgressNanos > idleNanos) {
            log.info("player {} of {} took nothing for {} s: its slot is freed", id, point.name(), idleNanos / 1_000_000_000);
            close(DisconnectReason.SLOW);
        }
    }

    /** Ends the stream with {@code $E} (after the last packet, or when the point leaves the server). */
    void end() {
        if (leave(DisconnectReason.END_OF_STREAM)) {
            bytesSent += END_CHUNK.length;
            channel.writeAndFlush(Unpooled.wrappedBuffer(END_CHUNK)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    void close(DisconnectReason reason) {
        if (leave(reason)) {
            channel.close();
        }
    }

    private boolean leave(DisconnectReason reason) {
        if (closed) {
            return false;
        }
        closed = true;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (!fetching) {
            feed.release();
        }
        point.sessionEnded(this, reason);
        return true;
    }
}
