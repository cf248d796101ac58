package org.asfcast.netsink;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ClientRequest;

/**
 * One file {@link ArchiveHttp} sends over plain HTTP (whole or a range), as the server's observers
 * see it: an on-demand player of its point, whose bytes are the head and what the socket took of
 * the file so far.
 */
final class ArchiveDownload {

    private final String pointPath;
    private final ClientInfo started;
    private final PlayerRequest asked;
    private final long joinNanos;
    private final int headLength;
    private final LongSupplier transferred;

    /**
     * @param id          the player's id on its point
     * @param headLength  the response head's length
     * @param transferred the file bytes written so far (the region's or the chunked file's progress)
     */
    ArchiveDownload(String pointPath, long id, ClientRequest request, long requestNanos, InetSocketAddress remote,
                    int headLength, LongSupplier transferred) {
        this.pointPath = pointPath;
        this.started = new ClientInfo(id, remote.getAddress(), remote.getPort(), Optional.empty(), request.userAgent(),
                ClientProtocol.PLAIN_HTTP, Instant.now(), headLength, 0, 0);
        this.asked = PlayerRequest.of(request, id, requestNanos);
        this.joinNanos = Math.max(0, System.nanoTime() - requestNanos);
        this.headLength = headLength;
        this.transferred = transferred;
    }

    /** The download as it is now. */
    PlayerEvent event() {
        ClientInfo s = started;
        ClientInfo now = new ClientInfo(s.id(), s.address(), s.port(), s.dnsName(), s.userAgent(), s.protocol(),
                s.connectedSince(), headLength + transferred.getAsLong(), 0, 0);
        return new PlayerEvent(pointPath, true, now, asked, Duration.ofNanos(joinNanos), 0, 0);
    }
}
