package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.WrittenFiles;
import org.junit.jupiter.api.Test;

/** Chunk bytes checked against the appendix templates of the research notes. */
class ChunkFramerTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static byte[] hex(String text) {
        return HEX.parseHex(text);
    }

    private static byte[] prefix(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    @Test
    void headerChunkAroundARealAsfHeader() {
        byte[] asfHeader = LiveProfile.streamStart(WrittenFiles.mjpegPcmHeader(320, 240, 8000, 3200, 3000));
        int n = asfHeader.length;
        byte[] chunk = ChunkFramer.headerChunk(asfHeader);

        assertThat(chunk).hasSize(12 + n);
        int length = n + 8;
        byte lo = (byte) length;
        byte hi = (byte) (length >>> 8);
        // 24 48 [N+8 lo hi] 00 00 00 00 00 0C [N+8 lo hi] <N bytes>
        assertThat(prefix(chunk, 12)).containsExactly(0x24, 0x48, lo, hi, 0, 0, 0, 0, 0, 0x0C, lo, hi);
        assertThat(Arrays.copyOfRange(chunk, 12, chunk.length)).isEqualTo(asfHeader);
        // The payload starts with the ASF Header Object GUID and ends with the 50-byte Data Object header.
        assertThat(Arrays.copyOfRange(chunk, 12, 28)).isEqualTo(hex("30 26 b2 75 8e 66 cf 11 a6 d9 00 aa 00 62 ce 6c"));
        assertThat(Arrays.copyOfRange(chunk, chunk.length - 50, chunk.length - 34))
                .isEqualTo(hex("36 26 b2 75 8e 66 cf 11 a6 d9 00 aa 00 62 ce 6c"));
        assertThat(ChunkFramer.chunkLength(n)).isEqualTo(chunk.length);
    }

    @Test
    void headerChunkHeaderBytes() {
        byte[] chunk = ChunkFramer.headerChunk(new byte[0x1234 - 8]);
        assertThat(prefix(chunk, 12)).isEqualTo(hex("24 48 34 12 00 00 00 00 00 0c 34 12"));
    }

    @Test
    void dataChunkHeaderBytes() {
        ByteBuffer dst = ByteBuffer.allocate(12);
        ChunkFramer.writeDataHeader(dst, 3200, 0x01020304L);

        // 24 44 [P+8 lo hi] [LocationId u32] 00 [AFFlags] [P+8 lo hi]; 3208 = 0x0C88
        assertThat(dst.array()).isEqualTo(hex("24 44 88 0c 04 03 02 01 00 04 88 0c"));
        assertThat(dst.position()).isEqualTo(12);
    }

    @Test
    void firstDataChunkOfABroadcast() {
        byte[] packet = new byte[4096];
        packet[0] = (byte) 0x82;
        byte[] chunk = ChunkFramer.dataChunk(packet, 0);
        assertThat(prefix(chunk, 12)).isEqualTo(hex("24 44 08 10 00 00 00 00 00 00 08 10"));
        assertThat(chunk).hasSize(12 + 4096);
        assertThat(chunk[12]).isEqualTo((byte) 0x82);
    }

    @Test
    void locationWrapsAtTwoToTheThirtyTwo() {
        byte[] chunk = ChunkFramer.dataChunk(new byte[100], (1L << 32) + 0x1FF);
        assertThat(prefix(chunk, 12)).isEqualTo(hex("24 44 6c 00 ff 01 00 00 00 ff 6c 00"));
    }

    @Test
    void writesLittleEndianIntoAnyBufferAtItsPosition() {
        ByteBuffer dst = ByteBuffer.allocateDirect(32).order(ByteOrder.BIG_ENDIAN);
        dst.position(3);
        ChunkFramer.writeDataHeader(dst, 0x0102, 7);

        assertThat(dst.position()).isEqualTo(15);
        assertThat(dst.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        byte[] written = new byte[12];
        dst.get(3, written);
        assertThat(written).isEqualTo(hex("24 44 0a 01 07 00 00 00 00 07 0a 01"));
    }

    @Test
    void endChunks() {
        assertThat(ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END)).isEqualTo(hex("24 45 04 00 00 00 00 00"));
        assertThat(ChunkFramer.endChunk(1)).isEqualTo(hex("24 45 04 00 01 00 00 00"));
        assertThat(ChunkFramer.endChunk(0x000D2F09)).isEqualTo(hex("24 45 04 00 09 2f 0d 00"));
        assertThat(ChunkFramer.endChunk(0x8004_0005)).isEqualTo(hex("24 45 04 00 05 00 04 80"));
    }

    @Test
    void theLargestPayloadFillsTheLengthFields() {
        ByteBuffer dst = ByteBuffer.allocate(12);
        ChunkFramer.writeDataHeader(dst, 65_527, 0);
        assertThat(dst.array()).isEqualTo(hex("24 44 ff ff 00 00 00 00 00 00 ff ff"));
        assertThat(ChunkFramer.MAX_PAYLOAD_LENGTH).isEqualTo(65_527);
    }

    @Test
    void payloadsThatDoNotFitAreRefused() {
        ByteBuffer dst = ByteBuffer.allocate(12);
        assertThatThrownBy(() -> ChunkFramer.writeDataHeader(dst, 65_528, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65528");
        assertThatThrownBy(() -> ChunkFramer.writeDataHeader(dst, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkFramer.writeDataHeader(dst, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkFramer.writeDataHeader(dst, 100, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkFramer.headerChunk(new byte[65_528])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkFramer.headerChunk(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(dst.position()).isZero();
    }

    @Test
    void aShortBufferIsLeftUntouched() {
        ByteBuffer dst = ByteBuffer.allocate(11);
        assertThatThrownBy(() -> ChunkFramer.writeDataHeader(dst, 100, 0)).isInstanceOf(BufferOverflowException.class);
        assertThatThrownBy(() -> ChunkFramer.writeHeaderChunkHeader(dst, 100)).isInstanceOf(BufferOverflowException.class);
        assertThat(dst.position()).isZero();
        assertThat(dst.array()).containsOnly(0);
    }

    @Property
    void dataChunkHeadersFollowTheTemplate(@ForAll @IntRange(min = 1, max = 65_527) int length,
                                           @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long location) {
        ByteBuffer dst = ByteBuffer.allocate(12);
        ChunkFramer.writeDataHeader(dst, length, location);
        byte[] b = dst.array();
        assertThat(b[0]).isEqualTo((byte) 0x24);
        assertThat(b[1]).isEqualTo((byte) 'D');
        int packetLength = (b[2] & 0xFF) | (b[3] & 0xFF) << 8;
        int packetSize = (b[10] & 0xFF) | (b[11] & 0xFF) << 8;
        assertThat(packetLength).isEqualTo(length + 8).isEqualTo(packetSize);
        long locationId = ByteBuffer.wrap(b, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
        assertThat(locationId).isEqualTo(location & 0xFFFF_FFFFL);
        assertThat(b[8]).isZero();
        assertThat(b[9]).isEqualTo((byte) location);
    }
}
