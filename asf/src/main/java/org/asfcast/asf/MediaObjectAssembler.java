package org.asfcast.asf;

import java.util.function.Consumer;

/**
 * Turns a sequence of data packets back into media objects: fragments of an object are joined in
 * offset order (objects may span many packets); compressed payloads yield their sub-payloads.
 * A fragment that does not continue the object being assembled (a join in the middle of an
 * object, a lost packet) drops that object and is counted, as FFmpeg does.
 */
public final class MediaObjectAssembler {
    private final Partial[] partials = new Partial[128];
    private final Consumer<MediaObject> sink;
    private long dropped;

    /** An object being assembled for one stream. */
    private static final class Partial {
        long objectNumber;
        long presentationTime;
        boolean keyFrame;
        long size;
        byte[] data; // grows with the bytes received, so a lying size field cannot reserve memory
        int filled;
    }

    /**
     * First buffer for an object: its whole size up to 64 KiB (most audio and video frames of a
     * Windows Media stream, so no regrowth copy); a larger one doubles as fragments arrive (a
     * 1 MiB key frame costs four copies), so a lying size field reserves at most this much per
     * stream. At 1 MiB a stream of lying sizes made every packet allocate a megabyte.
     */
    private static final int INITIAL_BUFFER = 64 << 10;
    /**
     * ...and at most this many times its first fragment: fragments come a packet at a time, so a
     * buffer far beyond what the next packets can bring is reserved for nothing (a packet of a
     * hundred 1-byte fragments with lying sizes zeroed 6 MB). A 30 KB frame cut into 3 KB
     * fragments still gets its whole size at once.
     */
    private static final int INITIAL_FRAGMENTS = 16;

    /** An assembler handing each completed object to {@code sink}. */
    public MediaObjectAssembler(Consumer<MediaObject> sink) {
        this.sink = sink;
    }

    /** Feeds every payload of a packet. */
    public void accept(DataPacket packet) {
        for (Payload payload : packet.payloads()) {
            accept(payload);
        }
    }

    /** Feeds one payload. */
    public void accept(Payload p) {
        int stream = p.streamNumber();
        if (p.compressed() || p.objectSize() == Payload.UNKNOWN) {
            // A whole object in one payload; without a size field a payload is taken as a whole object.
            sink.accept(new MediaObject(stream, p.presentationTime(), p.keyFrame(), p.data()));
            return;
        }
        Partial partial = partials[stream];
        if (p.offset() == 0) {
            if (partial != null && partial.data != null) {
                dropped++;
            }
            if (p.dataLength() == p.objectSize()) {
                if (partial != null) {
                    partial.data = null;
                }
                sink.accept(new MediaObject(stream, p.presentationTime(), p.keyFrame(), p.data()));
                return;
            }
            if (partial == null) {
                partial = partials[stream] = new Partial();
            }
            partial.objectNumber = p.mediaObjectNumber();
            partial.presentationTime = p.presentationTime();
            partial.keyFrame = p.keyFrame();
            partial.size = p.objectSize();
            partial.data = new byte[(int) Math.min(p.objectSize(),
                    Math.min(INITIAL_BUFFER, (long) INITIAL_FRAGMENTS * p.dataLength()))];
            partial.filled = 0;
        } else if (partial == null || partial.data == null || partial.objectNumber != p.mediaObjectNumber()
                || partial.filled != p.offset() || partial.size != p.objectSize()) {
            if (partial != null && partial.data != null) {
                partial.data = null;
                dropped++;
            }
            return; // a fragment of an object whose start we never saw
        }
        int needed = partial.filled + p.dataLength();
        if (needed > partial.data.length) {
            partial.data = java.util.Arrays.copyOf(partial.data,
                    (int) Math.min(partial.size, Math.max(needed, 2L * partial.data.length)));
        }
        System.arraycopy(p.packetBytes(), p.dataOffset(), partial.data, partial.filled, p.dataLength());
        partial.filled = needed;
        if (partial.filled == partial.size) {
            byte[] data = partial.data;
            partial.data = null;
            sink.accept(new MediaObject(stream, partial.presentationTime, partial.keyFrame, data));
        }
    }

    /** Objects dropped because fragments were missing or out of order. */
    public long droppedObjects() {
        return dropped;
    }

    /** Objects still incomplete (e.g. the last one of a truncated stream). */
    public int pendingObjects() {
        int pending = 0;
        for (Partial partial : partials) {
            if (partial != null && partial.data != null) {
                pending++;
            }
        }
        return pending;
    }
}
