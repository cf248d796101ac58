package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.asfcast.asf.ArchiveFile;

/**
 * The data packets of one archive file, mapped read-only into memory once and shared by every player
 * of the file: a player's packets go from the page cache to its socket with one copy (the kernel's,
 * into the socket), as a broadcast's shared packets do, instead of a read into a buffer of its own, a
 * copy into its framing and then the socket's copy. The page cache is the only cache: nothing of the
 * file is held twice, and what is resident is the kernel's to evict.
 *
 * <p>Writing a mapped page that is not resident would wait for the disk inside the write, on an event
 * loop; so a player first asks whether a range is resident ({@link #isResident}, one {@code mincore}),
 * and when it is not has {@link #load} fault it in on a reader thread. A page evicted in between costs
 * one fault on the loop: the kernel evicts pages used moments ago last.
 *
 * <p>A file larger than a mapping can be (2 GiB) is mapped in windows of whole packets. The mapping
 * lives as long as a packet of it is queued on a socket (the slices hold it), and is unmapped when the
 * collector finds it unused: never while a write may still read it. Thread-safe; immutable.
 */
final class ArchiveMapping {

    /** The largest window; whole packets, so a packet never straddles two. */
    static final long WINDOW_BYTES = 1L << 30;

    private final int packetSize;
    private final long packetCount;
    private final long packetsPerWindow;
    private final MappedByteBuffer[] mapped;
    private final ByteBuf[] windows;

    private ArchiveMapping(int packetSize, long packetCount, long packetsPerWindow, MappedByteBuffer[] mapped) {
        this.packetSize = packetSize;
        this.packetCount = packetCount;
        this.packetsPerWindow = packetsPerWindow;
        this.mapped = mapped;
        this.windows = new ByteBuf[mapped.length];
        for (int i = 0; i < mapped.length; i++) {
            // Read-only and direct: Netty hands its address to writev as it is, no copy.
            windows[i] = Unpooled.wrappedBuffer(mapped[i]);
        }
    }

    /**
     * Maps {@code file}'s packets (blocking: call it on a reader thread). Mapping reads nothing; the
     * pages come in as players need them.
     *
     * @throws IOException when the file cannot be opened or mapped
     */
    static ArchiveMapping of(ArchiveFile file) throws IOException {
        return of(file, WINDOW_BYTES);
    }

    /** As {@link #of(ArchiveFile)}, in windows of at most {@code windowBytes} (tests use small ones). */
    static ArchiveMapping of(ArchiveFile file, long windowBytes) throws IOException {
        int size = file.packetSize();
        long count = file.packetCount();
        long perWindow = Math.max(1, windowBytes / size);
        int windowCount = (int) Math.max(1, (count + perWindow - 1) / perWindow);
        MappedByteBuffer[] mapped = new MappedByteBuffer[windowCount];
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            for (int w = 0; w < windowCount; w++) {
                long first = w * perWindow;
                long packets = Math.min(perWindow, count - first);
                mapped[w] = channel.map(FileChannel.MapMode.READ_ONLY, file.filePosition(first), Math.max(0, packets) * size);
            }
        }
        return new ArchiveMapping(size, count, perWindow, mapped);
    }

    long packetCount() {
        return packetCount;
    }

    int packetSize() {
        return packetSize;
    }

    /**
     * Packet {@code packet}'s bytes, retained for the caller (a socket write releases it); they stay
     * valid however long the write takes.
     */
    ByteBuf packet(long packet) {
        int w = (int) (packet / packetsPerWindow);
        return windows[w].retainedSlice((int) (packet % packetsPerWindow) * packetSize, packetSize);
    }

    /**
     * How many of the {@code count} packets from {@code first} can be written without waiting for the
     * disk, checked as one range inside one window (at most {@code count}; 0 if the first is not).
     * Cheap enough for an event loop: one system call, no reading.
     */
    int isResident(long first, int count) {
        int n = withinWindow(first, count);
        return slice(first, n).isLoaded() ? n : 0;
    }

    /**
     * Faults in the pages of up to {@code count} packets from {@code first} (inside one window) and
     * returns how many packets that covered. Blocking: on a reader thread.
     *
     * @throws IOException when the pages cannot be read: the file shrank on disk under the mapping
     */
    int load(long first, int count) throws IOException {
        int n = withinWindow(first, count);
        try {
            slice(first, n).load();
        } catch (InternalError e) { // what a mapped read of a truncated file raises (SIGBUS)
            throw new IOException("the file shrank on disk while it was being played", e);
        }
        return n;
    }

    private int withinWindow(long first, int count) {
        if (first < 0 || first >= packetCount || count <= 0) {
            throw new IndexOutOfBoundsException("packet " + first + " of " + packetCount);
        }
        long windowEnd = Math.min(packetCount, (first / packetsPerWindow + 1) * packetsPerWindow);
        return (int) Math.min(count, windowEnd - first);
    }

    private MappedByteBuffer slice(long first, int count) {
        int w = (int) (first / packetsPerWindow);
        return mapped[w].slice((int) (first % packetsPerWindow) * packetSize, count * packetSize);
    }
}
