package org.asfcast.client;

import static org.asfcast.client.Frames.concat;
import static org.asfcast.client.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkDecoderTest {

    @Test
    void decodesTheAppendixTemplates() throws Exception {
        byte[] stream = concat(
                hex("24 48 0B 00 00 00 00 00 00 0C 0B 00 AA BB CC"),       // $H, N = 3
                hex("24 44 0A 00 07 00 00 00 00 05 0A 00 01 02"),          // $D, P = 2, LocationId 7, AFFlags 5
                hex("24 43 04 00 00 00 00 00"),                            // $C
                hex("24 45 04 00 01 00 00 00"),                            // $E S_FALSE
                hex("24 45 04 00 00 00 00 00"));                           // $E normal end
        List<Chunk> chunks = new ChunkDecoder().decode(stream);

        assertThat(chunks).hasSize(5);
        Chunk.Header h = (Chunk.Header) chunks.get(0);
        assertThat(h.payload()).containsExactly(0xAA, 0xBB, 0xCC);
        assertThat(h.afFlags()).isEqualTo(0x0C);
        assertThat(h.locationId()).isZero();
        Chunk.Data d = (Chunk.Data) chunks.get(1);
        assertThat(d.offset()).isEqualTo(15);
        assertThat(d.locationId()).isEqualTo(7);
        assertThat(d.afFlags()).isEqualTo(5);
        assertThat(d.payload()).containsExactly(1, 2);
        assertThat(chunks.get(2)).isEqualTo(new Chunk.StreamChange(29, 0));
        assertThat(chunks.get(3)).isEqualTo(new Chunk.End(37, 1));
        assertThat(chunks.get(4)).isEqualTo(new Chunk.End(45, 0));
    }

    @Test
    void oneByteAtATimeGivesTheSameChunks() throws Exception {
        byte[] stream = concat(Frames.header(new byte[100]), Frames.data(1, 0, new byte[300]),
                Frames.data(2, 0, new byte[0]), Frames.muxerEnd(3), Frames.end(0));
        List<Chunk> whole = new ChunkDecoder().decode(stream);
        ChunkDecoder decoder = new ChunkDecoder();
        List<Chunk> split = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            split.addAll(decoder.decode(stream, i, 1));
            assertThat(decoder.position()).isEqualTo(i + 1);
        }
        decoder.finish();
        assertThat(split).hasSize(5).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(split.get(i)).usingRecursiveComparison().isEqualTo(whole.get(i));
        }
    }

    @Test
    void acceptsTheSpecsContinuationFrameByte() throws Exception {
        byte[] chunk = Frames.data(9, 0, new byte[] {42});
        chunk[0] = (byte) 0xA4;
        assertThat(new ChunkDecoder().decode(chunk)).singleElement().isInstanceOf(Chunk.Data.class);
    }

    @Test
    void acceptsTheMuxersTwelveByteEnd() throws Exception {
        List<Chunk> chunks = new ChunkDecoder().decode(concat(Frames.muxerEnd(77), Frames.data(1, 0, new byte[4])));
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).isEqualTo(new Chunk.End(0, 77));
        assertThat(chunks.get(1).offset()).isEqualTo(12);
    }

    @Test
    void framesByPacketLengthAndCountsADifferentPacketSize() throws Exception {
        ChunkDecoder decoder = new ChunkDecoder();
        byte[] odd = Frames.dataShaped(0x24, 'D', 1, 0, 8 + 3, 8 + 50, new byte[] {1, 2, 3});
        List<Chunk> chunks = decoder.decode(concat(odd, Frames.end(0)));
        assertThat(((Chunk.Data) chunks.get(0)).payload()).containsExactly(1, 2, 3);
        assertThat(chunks.get(1)).isInstanceOf(Chunk.End.class);
        assertThat(decoder.lengthMismatches()).isEqualTo(1);
    }

    @Test
    void keepsMetadataAndUnknownChunksRaw() throws Exception {
        byte[] m = Frames.dataShaped(0x24, 'M', 0, 0x0C, 8 + 5, 8 + 5, "a=1,b".getBytes());
        List<Chunk> chunks = new ChunkDecoder().decode(concat(m, hex("24 54 02 00 01 02")));
        Chunk.Other meta = (Chunk.Other) chunks.get(0);
        assertThat(meta.kind()).isEqualTo("$M");
        assertThat(meta.body()).hasSize(13);
        assertThat(chunks.get(1)).isInstanceOfSatisfying(Chunk.Other.class, t -> {
            assertThat(t.packetId()).isEqualTo('T');
            assertThat(t.body()).containsExactly(1, 2);
        });
    }

    @Test
    void refusesAFrameByteThatIsNotDollar() {
        ChunkDecoder decoder = new ChunkDecoder(200);
        assertThatThrownBy(() -> decoder.decode(hex("48 54 54 50")))
                .isInstanceOf(StreamProtocolException.class)
                .hasMessageContaining("at byte 200")
                .hasMessageContaining("0x48");
    }

    @Test
    void refusesADataChunkTooShortForItsHeader() {
        ChunkDecoder decoder = new ChunkDecoder();
        assertThatThrownBy(() -> decoder.decode(concat(Frames.end(0), hex("24 44 07 00"))))
                .isInstanceOfSatisfying(StreamProtocolException.class, e -> {
                    assertThat(e.offset()).isEqualTo(10);
                    assertThat(e.problem()).contains("PacketLength 7 of a $D chunk is below 8");
                });
    }

    @Test
    void refusesAnEndWithoutRoomForItsReason() {
        assertThatThrownBy(() -> new ChunkDecoder().decode(hex("24 45 02 00 00 00")))
                .isInstanceOf(StreamProtocolException.class)
                .hasMessageContaining("Reason");
    }

    @Test
    void staysFailedAfterAnError() {
        ChunkDecoder decoder = new ChunkDecoder();
        assertThatThrownBy(() -> decoder.decode(hex("00 00 00 00"))).isInstanceOf(StreamProtocolException.class);
        assertThatThrownBy(() -> decoder.decode(Frames.end(0))).isInstanceOf(StreamProtocolException.class)
                .hasMessageContaining("at byte 0");
    }

    @Test
    void finishReportsAChunkCutOff() throws Exception {
        ChunkDecoder decoder = new ChunkDecoder();
        byte[] chunk = Frames.data(1, 0, new byte[100]);
        assertThat(decoder.decode(chunk, 0, 50)).isEmpty();
        assertThat(decoder.atChunkBoundary()).isFalse();
        assertThatThrownBy(decoder::finish).isInstanceOf(StreamProtocolException.class)
                .hasMessageContaining("inside the $D chunk that starts at byte 0 (50 of 112 bytes)");
    }

    @Test
    void aHugeDeclaredLengthAllocatesOnlyThatLength() throws Exception {
        ChunkDecoder decoder = new ChunkDecoder();
        assertThat(decoder.decode(hex("24 44 FF FF 00 00 00 00 00 00 FF FF"))).isEmpty();
        byte[] rest = new byte[0xFFFF - 8];
        List<Chunk> chunks = decoder.decode(rest);
        assertThat(((Chunk.Data) chunks.get(0)).payload()).hasSize(0xFFFF - 8);
    }
}
