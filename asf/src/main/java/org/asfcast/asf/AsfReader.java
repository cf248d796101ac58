package org.asfcast.asf;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an ASF file or stream: the header, the Data Object's packets one by one, and (for a
 * seekable file) the Simple Index objects after the data, with seeking by time.
 *
 * <p>A Data Object whose size is unknown (0 or 50, or the Broadcast flag set: a live stream or a
 * recording that was never finished) is read until the input ends, or until an index or header
 * object follows the packets. A stream that follows in the same input (an encoder restarted into
 * the same pipe) is read by {@link #following()}. Format errors raise {@link AsfFormatException},
 * I/O errors {@link IOException}. Not thread-safe.
 */
public final class AsfReader implements Closeable {
    private static final int BUFFER = 1 << 18;

    private final ReadableByteChannel channel;
    private final SeekableByteChannel seekable;
    private final byte[] buffer = new byte[BUFFER];
    private final ByteBuffer window = ByteBuffer.wrap(buffer);
    private int start;
    private int end;
    private long position;
    private boolean eof;

    private final AsfHeader header;
    private final byte[] headerBytes;
    private final DataObjectHeader dataObject;
    private final int packetSize;
    private final long dataStart;
    private final long packetCount;
    private final List<SimpleIndex> indexes;
    private long packetNumber;
    private boolean packetsEnded;

    private AsfReader(ReadableByteChannel channel) throws IOException, AsfFormatException {
        this(channel, null);
    }

    /** Reads the stream at the start of {@code channel}, or where {@code previous} has stopped in it. */
    private AsfReader(ReadableByteChannel channel, AsfReader previous) throws IOException, AsfFormatException {
        this.channel = channel;
        this.seekable = previous == null && channel instanceof SeekableByteChannel s ? s : null;
        if (previous != null) {
            end = previous.end - previous.start;
            System.arraycopy(previous.buffer, previous.start, buffer, 0, end);
            position = previous.position;
            eof = previous.eof;
        }
        long headerAt = position;
        require(AsfHeader.FIXED_SIZE, headerAt, "the Header Object");
        Guid guid = Guid.read(buffer, start);
        if (!guid.equals(AsfGuids.HEADER)) {
            throw new AsfFormatException(headerAt, "not ASF: the input starts with " + AsfGuids.describe(guid)
                    + ", not the Header Object GUID");
        }
        long size = LittleEndian.u64(buffer, start + 16);
        if (size < AsfHeader.FIXED_SIZE || size > AsfHeader.MAX_SIZE) {
            throw new AsfFormatException(headerAt + 16, "Header Object size " + size + " is outside 30.."
                    + AsfHeader.MAX_SIZE);
        }
        headerBytes = readBytes((int) size, "the Header Object");
        header = AsfHeader.parse(headerBytes);
        packetSize = header.packetSize();
        require(DataObjectHeader.SIZE, position, "the Data Object header");
        dataObject = DataObjectHeader.parse(buffer, start, position);
        consume(DataObjectHeader.SIZE);
        dataStart = position;
        FileProperties fp = header.fileProperties();
        boolean unbounded = fp.isBroadcast() || dataObject.objectSize() <= DataObjectHeader.SIZE;
        if (unbounded) {
            packetCount = -1;
        } else {
            long dataSize = dataObject.objectSize() - DataObjectHeader.SIZE;
            if (seekable != null && dataStart + dataSize > seekable.size()) {
                throw new AsfFormatException(dataStart - DataObjectHeader.SIZE + 16, "Data Object size "
                        + dataObject.objectSize() + " runs past the end of the input ("
                        + (seekable.size() - dataStart + DataObjectHeader.SIZE) + " bytes left)");
            }
            packetCount = dataSize / packetSize;
        }
        indexes = seekable != null && packetCount >= 0 ? readIndexes(dataStart + packetCount * packetSize) : List.of();
    }

    /** Opens a file. */
    public static AsfReader open(Path file) throws IOException, AsfFormatException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new AsfReader(channel);
        } catch (IOException | AsfFormatException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads a (possibly endless, non-seekable) stream, e.g. a pipe from an encoder. */
    public static AsfReader of(InputStream in) throws IOException, AsfFormatException {
        return new AsfReader(Channels.newChannel(in));
    }

    /** Reads from any channel; seeking works when it is a {@link SeekableByteChannel}. */
    public static AsfReader of(ReadableByteChannel channel) throws IOException, AsfFormatException {
        return new AsfReader(channel);
    }

    /** The parsed header. */
    public AsfHeader header() {
        return header;
    }

    /** The Header Object's bytes exactly as read. */
    public byte[] headerBytes() {
        return headerBytes.clone();
    }

    /** The Data Object header. */
    public DataObjectHeader dataObject() {
        return dataObject;
    }

    /** The data packet size. */
    public int packetSize() {
        return packetSize;
    }

    /** Number of packets in a finished file; empty when unknown (live stream, unfinished file). */
    public Optional<Long> packetCount() {
        return packetCount < 0 ? Optional.empty() : Optional.of(packetCount);
    }

    /** The Simple Index objects found after the data (one per indexed video stream). */
    public List<SimpleIndex> simpleIndexes() {
        return indexes;
    }

    /** The input offset of the next byte read: where the next packet starts, while there is one. */
    public long position() {
        return position;
    }

    /** The number of the packet the next read returns. */
    public long nextPacketNumber() {
        return packetNumber;
    }

    /** The next packet's bytes (exactly the packet size), or empty at the end of the data. */
    public Optional<byte[]> nextPacketBytes() throws IOException, AsfFormatException {
        if (!bufferNextPacket()) {
            return Optional.empty();
        }
        byte[] packet = new byte[packetSize];
        System.arraycopy(buffer, start, packet, 0, packetSize);
        consume(packetSize);
        packetNumber++;
        return Optional.of(packet);
    }

    /**
     * The next packet parsed where it lies in the read buffer, or {@code null} at the end of the
     * data: no copy, but its payloads are valid only until the next read (for a caller that copies
     * them at once, as {@link MediaObjectAssembler} does).
     */
    DataPacket nextPacketInPlace() throws IOException, AsfFormatException {
        long at = position;
        if (!bufferNextPacket()) {
            return null;
        }
        int from = start;
        consume(packetSize);
        packetNumber++;
        return DataPacket.parse(buffer, from, packetSize, at);
    }

    /** Buffers the next packet at {@code buffer[start]}; false at the end of the data. */
    private boolean bufferNextPacket() throws IOException, AsfFormatException {
        if (packetsEnded || (packetCount >= 0 && packetNumber >= packetCount)) {
            return false;
        }
        long at = position;
        fill(packetSize);
        int available = end - start;
        if (packetCount < 0 && endOfUnboundedData(available)) {
            packetsEnded = true;
            return false;
        }
        if (available < packetSize) {
            throw new AsfFormatException(at, "data packet " + packetNumber + " is truncated: " + available
                    + " of " + packetSize + " bytes");
        }
        return true;
    }

    /** The next packet, parsed, or empty at the end of the data. */
    public Optional<DataPacket> nextPacket() throws IOException, AsfFormatException {
        long at = position;
        Optional<byte[]> bytes = nextPacketBytes();
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(DataPacket.parse(bytes.get(), 0, packetSize, at));
    }

    /**
     * In a stream of unknown length the packets end at the end of the input, at an index or header
     * object, or at the 12-byte {@code $E} chunk FFmpeg appends to its non-seekable output.
     */
    private boolean endOfUnboundedData(int available) {
        if (available == 0) {
            return true;
        }
        if (available >= Guid.SIZE) {
            Guid next = Guid.read(buffer, start);
            if (next.equals(AsfGuids.SIMPLE_INDEX) || next.equals(AsfGuids.INDEX) || next.equals(AsfGuids.HEADER)) {
                return true;
            }
        }
        // FFmpeg's $E chunk ends the packets at the end of the input, or before a restarted encoder's header.
        return isEndChunk(available) && (available < packetSize || startsHeader(start + endChunkSize()));
    }

    /**
     * The reader of the ASF stream that follows this one's packets in the same input (an encoder
     * restarted into the same pipe, files joined with {@code cat}), or empty when the input ends
     * with them. Index objects and FFmpeg's {@code $E} chunk between the two are skipped; offsets
     * in the new reader's errors still count from the start of the input.
     *
     * @throws IllegalStateException when packets are left to read
     * @throws AsfFormatException    when something else follows the packets
     */
    public Optional<AsfReader> following() throws IOException, AsfFormatException {
        if (!packetsEnded && !(packetCount >= 0 && packetNumber >= packetCount)) {
            throw new IllegalStateException("packet " + packetNumber + " is still to be read");
        }
        long dataEnd = dataStart + dataObject.objectSize() - DataObjectHeader.SIZE;
        if (packetCount >= 0 && dataEnd > position) {
            skip(dataEnd - position, "the Data Object"); // bytes after the last whole packet
        }
        while (true) {
            fill(Guid.SIZE + 8);
            int available = end - start;
            if (available == 0) {
                return Optional.empty();
            }
            if (isEndChunk(available)) {
                skip(available >= 4 ? endChunkSize() : available, "FFmpeg's end chunk");
                continue;
            }
            if (available < Guid.SIZE + 8) {
                throw new AsfFormatException(position, "the input ends " + available + " bytes after the data,"
                        + " inside an object header");
            }
            Guid guid = Guid.read(buffer, start);
            if (guid.equals(AsfGuids.HEADER)) {
                packetsEnded = true;
                return Optional.of(new AsfReader(channel, this));
            }
            long size = LittleEndian.u64(buffer, start + Guid.SIZE);
            // Bounded as headers are, so a corrupt size cannot swallow the rest of a live input.
            if (AsfGuids.nameOf(guid).isEmpty() || size < Guid.SIZE + 8 || size > AsfHeader.MAX_SIZE) {
                throw new AsfFormatException(position, "after the data comes " + AsfGuids.describe(guid)
                        + " of size " + size + ", not an index or a new Header Object");
            }
            skip(size, AsfGuids.describe(guid));
        }
    }

    /** FFmpeg's {@code $E} chunk (an MMS-over-HTTP end marker it writes into non-seekable output). */
    private boolean isEndChunk(int available) {
        return available >= 2 && buffer[start] == '$' && buffer[start + 1] == 'E';
    }

    private int endChunkSize() {
        return 4 + LittleEndian.u16(buffer, start + 2);
    }

    private boolean startsHeader(int at) {
        return at + Guid.SIZE <= end && Guid.read(buffer, at).equals(AsfGuids.HEADER);
    }

    /** Reads past {@code count} bytes. */
    private void skip(long count, String what) throws IOException, AsfFormatException {
        long at = position;
        for (long left = count; left > 0; ) {
            fill((int) Math.min(left, BUFFER));
            if (end == start) {
                throw new AsfFormatException(at, "the input ends inside " + what + " (" + (count - left) + " of "
                        + count + " bytes)");
            }
            int step = (int) Math.min(left, end - start);
            consume(step);
            left -= step;
        }
    }

    /**
     * Positions the reader at the packet to play media time {@code millis} (presentation time minus
     * preroll) from: the key frame the first Simple Index points to, or without an index the last
     * packet whose send time is not after {@code millis}.
     *
     * @return the packet number reading continues at
     * @throws IllegalStateException when the input is not a finished, seekable file
     */
    public long seek(long millis) throws IOException, AsfFormatException {
        if (seekable == null || packetCount < 0) {
            throw new IllegalStateException("only a finished file can be seeked; this input is a stream");
        }
        long target;
        if (!indexes.isEmpty() && !indexes.get(0).entries().isEmpty()) {
            target = Math.min(indexes.get(0).entryAt(millis + header.preroll()).packetNumber(),
                    Math.max(0, packetCount - 1));
        } else {
            long low = 0;
            long high = packetCount - 1;
            while (low < high) {
                long mid = (low + high + 1) >>> 1;
                if (sendTimeOf(mid) <= millis) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            target = Math.max(0, low);
        }
        moveTo(dataStart + target * packetSize);
        packetNumber = target;
        packetsEnded = false;
        return target;
    }

    private long sendTimeOf(long packet) throws IOException, AsfFormatException {
        moveTo(dataStart + packet * packetSize);
        fill(packetSize);
        return DataPacket.parse(buffer, start, Math.min(packetSize, end - start), position).sendTime();
    }

    private List<SimpleIndex> readIndexes(long from) throws IOException, AsfFormatException {
        List<SimpleIndex> result = new ArrayList<>();
        long total = seekable.size();
        long at = from;
        while (at + 24 <= total) {
            moveTo(at);
            fill(24);
            Guid guid = Guid.read(buffer, start);
            long size = LittleEndian.u64(buffer, start + 16);
            if (AsfGuids.nameOf(guid).isEmpty()) {
                break; // trailing bytes that are not an ASF object (e.g. FFmpeg's stray $E chunk)
            }
            if (size < 24 || size > total - at) {
                throw new AsfFormatException(at, AsfGuids.describe(guid) + " after the data has size " + size
                        + " (24.." + (total - at) + " possible)");
            }
            if (guid.equals(AsfGuids.SIMPLE_INDEX)) {
                if (size > AsfHeader.MAX_SIZE) {
                    throw new AsfFormatException(at, "Simple Index of " + size + " bytes is too large");
                }
                consume(24);
                byte[] body = readBytes((int) size - 24, "the Simple Index");
                result.add(SimpleIndex.read(new ByteReader(body, 0, body.length, at + 24)));
            }
            at += size;
        }
        moveTo(dataStart);
        return List.copyOf(result);
    }

    private void moveTo(long newPosition) throws IOException {
        seekable.position(newPosition);
        position = newPosition;
        start = end = 0;
        eof = false;
    }

    private void consume(int count) {
        start += count;
        position += count;
    }

    /** Reads until {@code count} bytes are buffered or the input ends. */
    private void fill(int count) throws IOException {
        if (end - start >= count || eof) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < count) {
            window.limit(buffer.length).position(end);
            int read = channel.read(window);
            if (read < 0) {
                eof = true;
                return;
            }
            end += read;
        }
    }

    private void require(int count, long at, String what) throws IOException, AsfFormatException {
        fill(count);
        if (end - start < count) {
            throw new AsfFormatException(at, "the input ends inside " + what + " (" + (end - start) + " of "
                    + count + " bytes)");
        }
    }

    /** Reads {@code count} bytes of any size, through the buffer or around it. */
    private byte[] readBytes(int count, String what) throws IOException, AsfFormatException {
        long at = position;
        byte[] result = new byte[count];
        int have = Math.min(count, end - start);
        System.arraycopy(buffer, start, result, 0, have);
        consume(have);
        ByteBuffer rest = ByteBuffer.wrap(result, have, count - have);
        while (rest.hasRemaining()) {
            if (channel.read(rest) < 0) {
                throw new AsfFormatException(at, "the input ends inside " + what + " (" + rest.position()
                        + " of " + count + " bytes)");
            }
        }
        position += count - have;
        return result;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
