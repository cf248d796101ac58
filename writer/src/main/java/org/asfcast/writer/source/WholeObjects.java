package org.asfcast.writer.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.PayloadFilter;
import org.asfcast.asf.Payload;

/**
 * Lets a live input's packets go only once every media object they carry a piece of is whole, so
 * that an input cut off mid-object (an encoder killed, a pipe closed) never hands players the
 * start of a picture whose rest will not come: decoders show such a picture with errors. At the end
 * of an input, and when a stream starts a new object before finishing the last, the pieces of the
 * objects that cannot be finished are removed from the held packets ({@link PayloadFilter}: the
 * packet keeps its size, the other payloads go out unchanged; a packet left with none is dropped).
 * Giving them an undeclared stream number instead would lose VLC its place in the packet. A packet
 * waits about as long as its last object takes to arrive: for an encoder writing a picture at once,
 * until the next packet.
 *
 * <p>Not thread-safe: one relay feeds it. Pure: no I/O, no clock.
 */
final class WholeObjects {

    /** A packet and its send time, ready to go. */
    record Ready(byte[] packet, long sendTime) {
    }

    /** The most bytes held before the oldest packet goes anyway (an object bigger than any sane picture). */
    static final long MAX_HELD_BYTES = 8L << 20;

    private record Piece(int stream, long object) {
    }

    /** A packet waiting; its bytes change when a piece is cut out, and are null once nothing is left. */
    private static final class Held {
        byte[] packet;
        DataPacket parsed;
        final long sendTime;
        final List<Piece> pieces;
        final int size;

        Held(byte[] packet, DataPacket parsed, long sendTime, List<Piece> pieces) {
            this.size = packet.length;
            this.packet = packet;
            this.parsed = parsed;
            this.sendTime = sendTime;
            this.pieces = pieces;
        }
    }

    /** An object begun and not yet whole, on one stream. */
    private static final class Open {
        final long object;
        final long size;
        long received;

        Open(long object, long size) {
            this.object = object;
            this.size = size;
        }
    }

    private final Deque<Held> held = new ArrayDeque<>();
    private final Map<Integer, Open> open = new HashMap<>();
    private long heldBytes;
    private long objectsCut;

    /**
     * Takes the next packet of the input ({@code parsed} is {@code packet} parsed) and returns the
     * packets that may go now, oldest first: this one, earlier ones, or none yet.
     */
    List<Ready> offer(byte[] packet, DataPacket parsed, long sendTime) {
        List<Piece> pieces = new ArrayList<>();
        for (Payload p : parsed.payloads()) {
            if (p.compressed() || p.objectSize() == Payload.UNKNOWN) {
                continue; // whole objects, or nothing to judge by
            }
            Open current = open.get(p.streamNumber());
            if (current != null && current.object != p.mediaObjectNumber()) {
                // The stream went on to another object: the last one will never be whole.
                cut(p.streamNumber(), current.object);
                current = null;
            }
            if (current == null) {
                if (p.offset() != 0) {
                    continue; // the rest of an object whose start went before (or was cut): let it go as it is
                }
                current = new Open(p.mediaObjectNumber(), p.objectSize());
            }
            current.received += p.dataLength();
            if (current.received >= current.size) {
                open.remove(p.streamNumber());
            } else {
                open.put(p.streamNumber(), current);
            }
            pieces.add(new Piece(p.streamNumber(), p.mediaObjectNumber()));
        }
        held.addLast(new Held(packet, parsed, sendTime, pieces));
        heldBytes += packet.length;
        return release();
    }

    /**
     * The input ended (or broke): the objects still open cannot be finished. Returns every held
     * packet with their pieces cut out, oldest first, and starts afresh.
     */
    List<Ready> end() {
        for (Map.Entry<Integer, Open> e : List.copyOf(open.entrySet())) {
            cut(e.getKey(), e.getValue().object);
        }
        List<Ready> out = new ArrayList<>();
        for (Held h : held) {
            if (h.packet != null) {
                out.add(new Ready(h.packet, h.sendTime));
            }
        }
        held.clear();
        heldBytes = 0;
        return out;
    }

    /** Objects cut so far (removed because they could not be finished). */
    long objectsCut() {
        return objectsCut;
    }

    private List<Ready> release() {
        List<Ready> out = new ArrayList<>();
        while (!held.isEmpty() && (whole(held.peekFirst()) || heldBytes > MAX_HELD_BYTES)) {
            Held h = held.removeFirst();
            heldBytes -= h.size;
            if (h.packet != null) {
                out.add(new Ready(h.packet, h.sendTime));
            }
        }
        if (held.isEmpty()) {
            // What was let go under the byte bound went as it was; its objects are no longer watched.
            open.clear();
        }
        return out;
    }

    private boolean whole(Held h) {
        for (Piece piece : h.pieces) {
            Open o = open.get(piece.stream);
            if (o != null && o.object == piece.object) {
                return false;
            }
        }
        return true;
    }

    /** Removes every held piece of the object; the packets keep their other payloads. */
    private void cut(int stream, long object) {
        open.remove(stream);
        objectsCut++;
        Piece cut = new Piece(stream, object);
        for (Held h : held) {
            if (h.packet == null || !h.pieces.contains(cut)) {
                continue;
            }
            Optional<byte[]> rest = PayloadFilter.keep(h.packet, h.parsed,
                    p -> p.compressed() || p.streamNumber() != stream || p.mediaObjectNumber() != object);
            h.packet = rest.orElse(null);
            try {
                h.parsed = rest.isPresent() ? DataPacket.parse(rest.get()) : null;
            } catch (AsfFormatException e) {
                throw new IllegalStateException("a packet with a payload removed does not parse", e);
            }
        }
    }
}
