package org.asfcast.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.StreamProperties;

/**
 * One simulated player of the {@link LoadGenerator}: the state of its connection and what it has
 * measured. Pure: it is fed bytes (a window of a shared buffer) and clock readings, and never does
 * I/O, so the generator's threads can run thousands of them over one direct buffer each.
 *
 * <p>It reads the HTTP response head (keeping only the status line), then either the MS-WMSP
 * framing ({@code $H}, {@code $D}, {@code $E}, any other chunk skipped by its length) or, for a
 * plain HTTP GET, raw ASF (the Header Object, the 50-byte Data Object header, then packets of the
 * header's packet size). Payload bytes are skipped by arithmetic, not touched, except the ASF
 * header (to learn the video streams and the packet size) and the first packets, which are parsed
 * until one holds the start (offset 0, key-frame bit) of a video object: the first key frame a
 * player could decode from.
 *
 * <p>An on-demand player reads the same framing, but {@code $E} is the end of its file, not a
 * cut-off: it has {@linkplain #atEnd() finished} the file. The generator may then send it on to
 * another file ({@link #nextConnection}): one player, several connections in a row, measured as
 * one (the gap clock restarts when it asks for the next file; the join times are its first file's).
 */
final class LoadClient {

    /** How many packets are parsed at most while looking for the first key-frame start. */
    static final int MAX_INSPECTED_PACKETS = 2000;
    private static final int STATUS_LINE_MAX = 96;
    private static final int MAX_HEADER_BYTES = 4 << 20;

    private enum Stage { HEAD, CHUNK_HEAD, CHUNK_BODY, PLAIN_PREFIX, PLAIN_HEADER, PLAIN_DATA_OBJECT, PLAIN_PACKET, DONE }

    final int index;
    final boolean wmsp;
    /** A player of files on demand: {@code $E} ends a file, it does not cut the player off. */
    final boolean onDemand;

    // what it measured (System.nanoTime() readings; -1 = never)
    long connectStart = -1;
    long connected = -1;
    long firstData = -1;
    long firstKey = -1;
    long lastPacket = -1;
    long ended = -1;
    long bodyBytes;
    long packets;
    long maxGapNanos;
    /** When the longest gap ended (its last packet's arrival, or the end of the run). */
    long maxGapEnd = -1;
    long parseErrors;
    int status = -1;
    /** Why it ended before the run did, or null: "refused (HTTP 503)", "closed by the server", "$E", ... */
    String failure;
    /** True when the server ended a stream it had started (EOF, reset, or a broadcast's {@code $E}, after a 200). */
    boolean cutOff;
    /** On demand: how many files it played to their {@code $E}. */
    int filesFinished;
    /** How many connections it made (more than 1 when it went on to other files). */
    int connections = 1;
    private boolean atEnd;

    private Stage stage = Stage.HEAD;
    private final byte[] statusLine = new byte[STATUS_LINE_MAX];
    private int statusFill;
    private boolean statusLineDone;
    private int endOfHeadMatch;

    private final byte[] head = new byte[24];
    private int headFill;
    private int headNeeded;
    private int chunkType;
    private int chunkLength;
    private long remaining;

    private byte[] capture;
    private int captureFill;
    private boolean capturing;

    private Set<Integer> videoStreams;
    private int packetSize;
    private boolean inspecting = true;
    private int inspected;
    private byte[] packetBuffer;

    LoadClient(int index, boolean wmsp) {
        this(index, wmsp, false);
    }

    LoadClient(int index, boolean wmsp, boolean onDemand) {
        this.index = index;
        this.wmsp = wmsp;
        this.onDemand = onDemand;
    }

    boolean done() {
        return stage == Stage.DONE;
    }

    /** On demand: its last connection ended at the file's {@code $E}. */
    boolean atEnd() {
        return atEnd;
    }

    /**
     * Starts reading a new connection of the same player at {@code now}, after it finished a file:
     * what it measured stays; the gap clock restarts now, so the time until the next file's first
     * {@code $D} counts as a gap (a long one is a stall).
     */
    void nextConnection(long now) {
        stage = Stage.HEAD;
        statusFill = 0;
        statusLineDone = false;
        endOfHeadMatch = 0;
        headFill = 0;
        headNeeded = 0;
        remaining = 0;
        capture = null;
        capturing = false;
        videoStreams = null;
        packetSize = 0;
        inspected = 0;
        packetBuffer = null;
        status = -1;
        failure = null;
        atEnd = false;
        ended = -1;
        lastPacket = now;
        connections++;
    }

    /**
     * Consumes {@code buf[from, to)} received at {@code now}. Returns false when the connection
     * should be closed (refused, {@code $E}, or bytes that are not a stream).
     */
    boolean consume(ByteBuffer buf, int from, int to, long now) {
        int at = from;
        while (at < to && stage != Stage.DONE) {
            int before = at;
            switch (stage) {
                case HEAD -> at = consumeHead(buf, at, to);
                case CHUNK_HEAD, PLAIN_PREFIX -> {
                    at = consumeHeadBytes(buf, at, to, now);
                    bodyBytes += at - before;
                }
                default -> {
                    at = consumeBody(buf, at, to, now);
                    bodyBytes += at - before;
                }
            }
        }
        return stage != Stage.DONE;
    }

    /** The connection ended at {@code now} without the generator closing it. */
    void lost(long now, String why) {
        if (stage == Stage.DONE) {
            return;
        }
        cutOff = status == 200;
        failure = why;
        stage = Stage.DONE;
        ended = now;
    }

    /** The run ended at {@code now}: close the books (the time since the last packet is a gap too). */
    void finish(long now) {
        long end = ended >= 0 ? Math.min(ended, now) : now;
        if (ended < 0) {
            ended = now;
        }
        if (lastPacket >= 0) {
            // a stream that ended before the run did keeps "gapping" until the run ends, unless it
            // was a file played to its end
            gapEnded(atEnd ? end : now);
        }
        stage = Stage.DONE;
        capture = null;
        packetBuffer = null;
    }

    /** A socket-level failure before or while connecting. */
    void failed(long now, String why) {
        failure = why;
        stage = Stage.DONE;
        ended = now;
    }

    // ---- the response head ---------------------------------------------------------------------

    private int consumeHead(ByteBuffer buf, int at, int to) {
        while (at < to) {
            byte b = buf.get(at++);
            if (!statusLineDone) {
                if (b == '\n' || b == '\r') {
                    statusLineDone = true;
                } else if (statusFill < STATUS_LINE_MAX) {
                    statusLine[statusFill++] = b;
                }
            }
            // "\r\n\r\n", tolerating bare "\n\n"
            if (b == '\n') {
                endOfHeadMatch = endOfHeadMatch == 1 || endOfHeadMatch == 3 ? endOfHeadMatch + 1
                        : endOfHeadMatch == 2 ? 4 : 2;
            } else if (b == '\r') {
                endOfHeadMatch = endOfHeadMatch == 2 ? 3 : 1;
            } else {
                endOfHeadMatch = 0;
            }
            if (endOfHeadMatch == 4) {
                headComplete();
                return at;
            }
        }
        return at;
    }

    private void headComplete() {
        String line = new String(statusLine, 0, statusFill, StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ", 3);
        try {
            status = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status != 200) {
            failure = status < 0 ? "not an HTTP response: " + line : "refused (HTTP " + status + ")";
            stage = Stage.DONE;
            return;
        }
        if (wmsp) {
            startChunk();
        } else {
            stage = Stage.PLAIN_PREFIX;
            headFill = 0;
            headNeeded = 24;
        }
    }

    // ---- MS-WMSP framing and the raw ASF prefix ------------------------------------------------

    private void startChunk() {
        stage = Stage.CHUNK_HEAD;
        headFill = 0;
        headNeeded = 4;
    }

    private int consumeHeadBytes(ByteBuffer buf, int at, int to, long now) {
        int n = Math.min(to - at, headNeeded - headFill);
        buf.get(at, head, headFill, n);
        headFill += n;
        at += n;
        if (headFill == headNeeded) {
            if (stage == Stage.PLAIN_PREFIX) {
                plainPrefixComplete(now);
            } else {
                chunkHeadComplete(now);
            }
        }
        return at;
    }

    private void chunkHeadComplete(long now) {
        if (headNeeded == 4) {
            if ((head[0] & 0x7F) != 0x24) {
                protocolError(String.format("not MS-WMSP framing: byte 0x%02X where '$' was expected", head[0] & 0xFF));
                return;
            }
            chunkType = head[1] & 0xFF;
            chunkLength = u16(head, 2);
            if (chunkType == 'E') {
                if (onDemand) {
                    atEnd = true; // the file played to its end: finished, not cut off
                    filesFinished++;
                    if (lastPacket >= 0) {
                        gapEnded(now);
                        lastPacket = now;
                    }
                } else {
                    cutOff = true;
                    failure = "$E (end of stream)";
                }
                stage = Stage.DONE;
                ended = now;
                return;
            }
            if (chunkType == 'H' || chunkType == 'D') {
                if (chunkLength < 8) {
                    protocolError("a $" + (char) chunkType + " chunk of PacketLength " + chunkLength);
                    return;
                }
                headNeeded = 12;
                return;
            }
            beginBody(chunkLength, false, now); // $C, $M, anything else: skipped by its length
            return;
        }
        int payload = chunkLength - 8;
        boolean keep = (chunkType == 'H' && videoStreams == null)
                || (chunkType == 'D' && inspecting && videoStreams != null);
        beginBody(payload, keep, now);
    }

    private void plainPrefixComplete(long now) {
        long size = u64(head, 16);
        if (size < AsfHeader.FIXED_SIZE || size > MAX_HEADER_BYTES) {
            protocolError("not ASF: a Header Object of " + size + " bytes");
            return;
        }
        stage = Stage.PLAIN_HEADER;
        capture = new byte[(int) size];
        System.arraycopy(head, 0, capture, 0, 24);
        captureFill = 24;
        capturing = true;
        remaining = size - 24;
        if (remaining == 0) {
            bodyComplete(now);
        }
    }

    private void beginBody(long length, boolean keep, long now) {
        if (stage == Stage.CHUNK_HEAD) {
            stage = Stage.CHUNK_BODY;
        }
        remaining = length;
        capturing = keep;
        captureFill = 0;
        if (keep) {
            if (chunkType == 'D' || stage == Stage.PLAIN_PACKET) {
                int size = (int) Math.max(length, packetSize);
                if (packetBuffer == null || packetBuffer.length < size) {
                    packetBuffer = new byte[size];
                }
                capture = packetBuffer;
            } else {
                capture = new byte[(int) length];
            }
        }
        if (length == 0) {
            bodyComplete(now);
        }
    }

    private int consumeBody(ByteBuffer buf, int at, int to, long now) {
        int n = (int) Math.min(to - at, remaining);
        if (capturing) {
            buf.get(at, capture, captureFill, n);
            captureFill += n;
        }
        remaining -= n;
        at += n;
        if (remaining == 0) {
            bodyComplete(now);
        }
        return at;
    }

    private void bodyComplete(long now) {
        switch (stage) {
            case CHUNK_BODY -> {
                if (chunkType == 'H' && capturing) {
                    learnHeader(capture);
                } else if (chunkType == 'D') {
                    packetReceived(now, captureFill);
                }
                capture = null;
                capturing = false;
                if (stage != Stage.DONE) {
                    startChunk();
                }
            }
            case PLAIN_HEADER -> {
                learnHeader(capture);
                capture = null;
                capturing = false;
                if (stage != Stage.DONE) {
                    stage = Stage.PLAIN_DATA_OBJECT;
                    beginBody(50, false, now);
                }
            }
            case PLAIN_DATA_OBJECT, PLAIN_PACKET -> {
                if (stage == Stage.PLAIN_PACKET) {
                    packetReceived(now, captureFill);
                }
                stage = Stage.PLAIN_PACKET;
                beginBody(packetSize, inspecting, now);
            }
            default -> {
            }
        }
    }

    private void learnHeader(byte[] bytes) {
        try {
            AsfHeader header = AsfHeader.parse(bytes);
            Set<Integer> video = new HashSet<>();
            for (StreamProperties s : header.streams()) {
                if (s.isVideo()) {
                    video.add(s.streamNumber());
                }
            }
            videoStreams = video;
            packetSize = header.packetSize();
            inspecting = firstKey < 0 && !video.isEmpty(); // the first key frame is timed once per player
        } catch (AsfFormatException | RuntimeException e) {
            parseErrors++;
            videoStreams = Set.of();
            inspecting = false;
            if (!wmsp) {
                protocolError("an unreadable ASF header: " + e.getMessage());
            }
        }
    }

    /** The gap since the last packet ended at {@code at}: keeps it if it is the longest. */
    private void gapEnded(long at) {
        if (at - lastPacket > maxGapNanos) {
            maxGapNanos = at - lastPacket;
            maxGapEnd = at;
        }
    }

    private void packetReceived(long now, int captured) {
        packets++;
        if (firstData < 0) {
            firstData = now;
        } else {
            gapEnded(now);
        }
        lastPacket = now;
        if (inspecting && capturing) {
            inspect(captured, now);
        }
    }

    private void inspect(int length, long now) {
        inspected++;
        int size = Math.max(length, packetSize);
        if (length < size) {
            Arrays.fill(packetBuffer, length, size, (byte) 0); // padding stripped on the wire: pad back, as players do
        }
        try {
            DataPacket packet = DataPacket.parse(packetBuffer, 0, size, 0);
            for (Payload p : packet.payloads()) {
                if (p.keyFrame() && p.offset() == 0 && videoStreams.contains(p.streamNumber())) {
                    firstKey = now;
                    inspecting = false;
                    packetBuffer = null;
                    return;
                }
            }
        } catch (AsfFormatException | RuntimeException e) {
            parseErrors++;
        }
        if (inspected >= MAX_INSPECTED_PACKETS) {
            inspecting = false;
            packetBuffer = null;
        }
    }

    private void protocolError(String why) {
        failure = why;
        cutOff = true;
        stage = Stage.DONE;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
