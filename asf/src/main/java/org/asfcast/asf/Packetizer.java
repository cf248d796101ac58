package org.asfcast.asf;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns media objects of several streams into fixed-size data packets in the live profile
 * ({@link DataPacketWriter}): several payloads per packet, objects split across packets where
 * they do not fit, a media object number per stream, and a send time that is never above any of
 * the packet's presentation times minus the preroll and never decreases.
 *
 * <p>Objects should arrive in presentation order across streams (as an encoder or an interleaver
 * gives them). An object older than the last emitted packet's send time allows is still sent, in a
 * packet whose send time is held at the previous one, and counted by {@link #lateObjects()}.
 *
 * <p>Latency: a packet is emitted when full, and also as soon as its oldest byte is
 * {@code maxHoldMillis} older than the newest object added, or when {@link #flushOlderThan} says
 * so; so no byte waits in a half-full packet longer than that bound.
 *
 * <p>Not thread-safe: one writer thread drives it.
 */
public final class Packetizer {
    private final DataPacketWriter writer;
    private final long preroll;
    private final long maxHoldMillis;
    private final int minFragment;
    private final Set<Integer> wholeObjectStreams;
    private final Consumer<byte[]> sink;
    private final int[] objectNumbers = new int[128];
    private long lastSendTime;
    private long packets;
    private long lateObjects;

    private Packetizer(Builder b, Consumer<byte[]> sink) {
        this.writer = new DataPacketWriter(b.packetSize, b.reuseArray);
        this.preroll = b.preroll;
        this.maxHoldMillis = b.maxHoldMillis;
        this.minFragment = b.minFragment;
        this.wholeObjectStreams = Set.copyOf(b.wholeObjectStreams);
        this.sink = sink;
    }

    /** Settings for a packetizer. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings: packet size, preroll, latency bound, fragment policy. */
    public static final class Builder {
        private int packetSize = 3200;
        private long preroll = 3000;
        private long maxHoldMillis = 100;
        private int minFragment = 16;
        private Set<Integer> wholeObjectStreams = Set.of();
        private boolean reuseArray;

        /** Packet size in bytes (default 3200, FFmpeg's). */
        public Builder packetSize(int bytes) {
            if (bytes < DataPacketWriter.MIN_PACKET_SIZE || bytes > DataPacketWriter.MAX_PACKET_SIZE) {
                throw new IllegalArgumentException("packet size " + bytes + " is outside "
                        + DataPacketWriter.MIN_PACKET_SIZE + ".." + DataPacketWriter.MAX_PACKET_SIZE);
            }
            this.packetSize = bytes;
            return this;
        }

        /** Preroll in ms, as in the header's File Properties (default 3000). */
        public Builder preroll(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("preroll " + millis + " is negative");
            }
            this.preroll = millis;
            return this;
        }

        /** Longest a byte may wait in a half-full packet, in ms of media time (default 100). */
        public Builder maxHoldMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("hold time " + millis + " is negative");
            }
            this.maxHoldMillis = millis;
            return this;
        }

        /** A packet is closed rather than given a fragment smaller than this (default 16 bytes). */
        public Builder minFragment(int bytes) {
            this.minFragment = Math.max(1, bytes);
            return this;
        }

        /**
         * Streams whose objects are never split when they fit in one packet (audio, as FFmpeg's
         * and VLC's muxers do, for Windows Media Player).
         */
        public Builder wholeObjectStreams(Set<Integer> streams) {
            this.wholeObjectStreams = Set.copyOf(streams);
            return this;
        }

        /**
         * Hands the sink the same array for every packet, to be copied before {@code accept}
         * returns (as {@link AsfFileWriter#writePacket} does): no allocation per packet.
         */
        public Builder reusePacketArray(boolean reuse) {
            this.reuseArray = reuse;
            return this;
        }

        /** A packetizer handing each finished packet to {@code sink}. */
        public Packetizer build(Consumer<byte[]> sink) {
            return new Packetizer(this, sink);
        }
    }

    /** Packetizes one media object; empty objects are ignored (ASF cannot carry them). */
    public void add(MediaObject object) {
        if (object.presentationTime() < preroll || object.presentationTime() > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("presentation time " + object.presentationTime()
                    + " ms is outside preroll.." + 0xFFFFFFFFL);
        }
        if (object.data().length >= DataPacket.MAX_OBJECT_SIZE) {
            throw new IllegalArgumentException("media object of " + object.size() + " bytes is too large");
        }
        byte[] data = object.data();
        if (data.length == 0) {
            return;
        }
        if (object.presentationTime() - preroll < lastSendTime) {
            lateObjects++;
        }
        if (!writer.isEmpty() && object.presentationTime() - writer.minPresentationTime() > maxHoldMillis) {
            flush();
        }
        int stream = object.streamNumber();
        int number = objectNumbers[stream];
        objectNumbers[stream] = (number + 1) & 0xFF;
        if (wholeObjectStreams.contains(stream) && data.length <= writer.emptyRoom() && data.length > writer.room()) {
            flush();
        }
        int offset = 0;
        while (offset < data.length) {
            int left = data.length - offset;
            if (writer.room() < Math.min(minFragment, left)) {
                flush();
            }
            int take = Math.min(writer.room(), left);
            writer.add(stream, object.keyFrame(), number, offset, data.length, object.presentationTime(), data,
                    offset, take);
            offset += take;
        }
    }

    /** Emits the packet being built if its oldest byte's presentation time is before {@code time - maxHold}. */
    public void flushOlderThan(long presentationTime) {
        if (!writer.isEmpty() && presentationTime - writer.minPresentationTime() > maxHoldMillis) {
            flush();
        }
    }

    /** Emits the packet being built, padded, if it holds anything. */
    public void flush() {
        if (writer.isEmpty()) {
            return;
        }
        long sendTime = Math.max(lastSendTime, writer.minPresentationTime() - preroll);
        lastSendTime = sendTime;
        packets++;
        sink.accept(writer.finish(sendTime, 0));
    }

    /** Packets emitted so far. */
    public long packets() {
        return packets;
    }

    /** Objects that arrived older than the last packet's send time allowed. */
    public long lateObjects() {
        return lateObjects;
    }
}
