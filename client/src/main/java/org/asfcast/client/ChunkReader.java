package org.asfcast.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.LittleEndian;

/**
 * Reads chunks off an MS-WMSP response body one at a time, through a {@link ChunkDecoder}, and
 * puts a header delivered in one or more {@code $H} chunks back together.
 */
final class ChunkReader {
    private static final int READ_SIZE = 16 * 1024;

    private final InputStream in;
    private final ChunkDecoder decoder;
    private final byte[] buffer = new byte[READ_SIZE];
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final long bodyStart;
    private boolean ended;
    private long bodyBytes;
    private long headerChunks;
    private long streamChanges;
    private long otherChunks;

    ChunkReader(InputStream in, long bodyStart) {
        this.in = in;
        this.bodyStart = bodyStart;
        this.decoder = new ChunkDecoder(bodyStart);
    }

    /** The next chunk, or null when the server closed the connection at a chunk boundary. */
    Chunk next() throws IOException, StreamProtocolException {
        while (pending.isEmpty()) {
            if (ended) {
                return null;
            }
            int n = in.read(buffer);
            if (n < 0) {
                ended = true;
                decoder.finish();
                return null;
            }
            bodyBytes += n;
            for (Chunk chunk : decoder.decode(buffer, 0, n)) {
                count(chunk);
                pending.add(chunk);
            }
        }
        return pending.poll();
    }

    /** Returns a chunk read too far, so that {@link #next()} yields it again. */
    void pushBack(Chunk chunk) {
        pending.addFirst(chunk);
    }

    /**
     * Collects the header that starts with {@code first}: further consecutive {@code $H} chunks
     * until the Header Object and the Data Object header are complete (VLC and MPlayer join
     * fragments the same way), then parses it.
     */
    Header readHeader(Chunk.Header first) throws IOException, StreamProtocolException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(first.payload().length);
        long payloadStart = first.offset() + ChunkDecoder.FRAMING_HEADER_SIZE + ChunkDecoder.DATA_HEADER_SIZE;
        long needed = -1;
        Chunk.Header chunk = first;
        while (true) {
            bytes.writeBytes(chunk.payload());
            if (needed < 0 && bytes.size() >= 24) {
                byte[] start = bytes.toByteArray();
                long size = LittleEndian.u64(start, 16);
                if (size < AsfHeader.FIXED_SIZE || size > AsfHeader.MAX_SIZE) {
                    throw new StreamProtocolException(payloadStart + 16, "the $H chunk announces a Header Object of "
                            + size + " bytes (" + AsfHeader.FIXED_SIZE + ".." + AsfHeader.MAX_SIZE + " possible)");
                }
                needed = size + DataObjectHeader.SIZE;
            }
            if (needed >= 0 && bytes.size() >= needed) {
                break;
            }
            Chunk next = next();
            if (!(next instanceof Chunk.Header h)) {
                if (next != null) {
                    pushBack(next);
                }
                break;
            }
            chunk = h;
        }
        byte[] all = bytes.toByteArray();
        try {
            AsfHeader header = AsfHeader.parse(all);
            long size = LittleEndian.u64(all, 16);
            if (all.length >= size + DataObjectHeader.SIZE) {
                DataObjectHeader.parse(all, (int) size, size);
            }
            return new Header(all, header);
        } catch (AsfFormatException e) {
            // offsets inside the header count from its first byte; exact when it came in one $H
            throw new StreamProtocolException(payloadStart + e.offset(), "the ASF header in the $H chunk is invalid: " + e.problem(), e);
        }
    }

    /** Bytes of the body read so far. */
    long bodyBytes() {
        return bodyBytes;
    }

    /** Offset of the body in the response. */
    long bodyStart() {
        return bodyStart;
    }

    long headerChunks() {
        return headerChunks;
    }

    long streamChanges() {
        return streamChanges;
    }

    long otherChunks() {
        return otherChunks;
    }

    long lengthMismatches() {
        return decoder.lengthMismatches();
    }

    private void count(Chunk chunk) {
        if (chunk instanceof Chunk.Header) {
            headerChunks++;
        } else if (chunk instanceof Chunk.StreamChange) {
            streamChanges++;
        } else if (chunk instanceof Chunk.Other) {
            otherChunks++;
        }
    }


    /**
     * A header as received and parsed.
     *
     * @param bytes  Header Object, normally followed by the Data Object header
     * @param header the parsed header
     */
    record Header(byte[] bytes, AsfHeader header) {
    }
}
