package org.asfcast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.asfcast.netsink.wire.ChunkFramer;
import org.junit.jupiter.api.Test;

/**
 * What {@code $E} means to a player: the end of its file on demand (finished, its gap clock stopped),
 * a cut-off for a broadcast player (the gap runs on to the end of the run: a stall).
 */
class LoadClientEndOfFileTest {

    private static final long MS = 1_000_000L;
    private static final byte[] OK = "HTTP/1.0 200 OK\r\nServer: Cougar/4.1.0.3923\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Feeds {@code bytes} to {@code c} at {@code millis}; returns whether the connection stays open. */
    private static boolean feed(LoadClient c, byte[] bytes, long millis) {
        return c.consume(ByteBuffer.wrap(bytes), 0, bytes.length, millis * MS);
    }

    private static byte[] packet(long number) {
        return ChunkFramer.dataChunk(new byte[100], number);
    }

    /** A file's start: the head, a header (not ASF: no key frames looked for) and two packets 100 ms apart. */
    private static void playTwoPackets(LoadClient c, long fromMillis) {
        assertThat(feed(c, concat(OK, ChunkFramer.headerChunk(new byte[64]), packet(0)), fromMillis)).isTrue();
        assertThat(feed(c, packet(1), fromMillis + 100)).isTrue();
    }

    private static PlayerTally tally(LoadClient c) {
        return PlayerTally.of(List.of(c), 0, 2000, 1);
    }

    @Test
    void onDemandTheEndOfTheFileIsFinishedNotAStallEvenIfTheRunGoesOnLong() {
        LoadClient c = new LoadClient(0, true, true);
        c.connectStart = 0;
        playTwoPackets(c, 10);
        assertThat(feed(c, ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END), 400)).isFalse();
        assertThat(c.atEnd()).isTrue();
        c.finish(60_000 * MS); // the run ends a minute later: no data all that time, but the file had ended
        PlayerTally t = tally(c);
        assertThat(t.stalled).isZero();
        assertThat(t.cutOff).isZero();
        assertThat(t.filesFinished).isEqualTo(1);
        assertThat(t.playersFinished).isEqualTo(1);
        assertThat(c.maxGapNanos).isEqualTo(290 * MS); // the last packet (110 ms) to $E (400 ms)
    }

    @Test
    void forABroadcastPlayerTheEndIsACutOffAndAStall() {
        LoadClient c = new LoadClient(0, true, false);
        c.connectStart = 0;
        playTwoPackets(c, 10);
        assertThat(feed(c, ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END), 400)).isFalse();
        c.finish(60_000 * MS);
        PlayerTally t = tally(c);
        assertThat(t.cutOff).isEqualTo(1);
        assertThat(t.stalled).isEqualTo(1);
        assertThat(t.filesFinished).isZero();
    }

    @Test
    void onToTheNextFileTheWaitForItsFirstPacketIsAGap() {
        LoadClient c = new LoadClient(0, true, true);
        c.connectStart = 0;
        playTwoPackets(c, 10);
        feed(c, ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END), 200);
        c.nextConnection(1_000 * MS);
        playTwoPackets(c, 3_500); // the next file's first packet 2.5 s after it was asked for
        c.finish(3_700 * MS);
        PlayerTally t = tally(c);
        assertThat(c.maxGapNanos).isEqualTo(2_500 * MS);
        assertThat(t.stalled).isEqualTo(1);
        assertThat(t.reconnections).isEqualTo(1);
        assertThat(c.packets).isEqualTo(4);
    }

    @Test
    void aNextFileThatIsRefusedLeavesThePlayerStalledUntilTheRunEnds() {
        LoadClient c = new LoadClient(0, true, true);
        c.connectStart = 0;
        playTwoPackets(c, 10);
        feed(c, ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END), 200);
        c.nextConnection(300 * MS);
        assertThat(feed(c, "HTTP/1.0 503 Service Unavailable\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 310)).isFalse();
        c.finish(10_000 * MS);
        PlayerTally t = tally(c);
        assertThat(t.refused).isEqualTo(1);
        assertThat(t.stalled).isEqualTo(1);
        assertThat(c.maxGapNanos).isEqualTo(9_700 * MS);
    }

    @Test
    void aPlayerStillPlayingWhenTheRunEndsIsMeasuredToTheEnd() {
        LoadClient c = new LoadClient(0, true, true);
        c.connectStart = 0;
        playTwoPackets(c, 10);
        c.finish(1_110 * MS);
        assertThat(c.maxGapNanos).isEqualTo(1_000 * MS);
        assertThat(tally(c).stalled).isZero();
        assertThat(tally(c).filesFinished).isZero();
    }
}
