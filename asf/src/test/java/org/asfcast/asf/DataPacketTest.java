package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataPacketTest {
    private static final int SIZE = 400;

    /** Every combination of packet length, sequence and padding length types, with and without EC. */
    @Test
    void parsesEveryLengthTypeCombination() throws Exception {
        final int SIZE = 200; // small enough for a BYTE padding length
        byte[] data = PacketCrafter.filled(50, 3);
        for (boolean ec : new boolean[] {false, true}) {
            for (int packetLengthType = 0; packetLengthType < 4; packetLengthType++) {
                for (int sequenceType = 0; sequenceType < 4; sequenceType++) {
                    for (int paddingType = 0; paddingType < 4; paddingType++) {
                        PacketCrafter p = new PacketCrafter();
                        if (ec) {
                            p.u8(0x82).u8(0).u8(0);
                        }
                        p.u8(packetLengthType << 5 | paddingType << 3 | sequenceType << 1).u8(0x5D);
                        int headerSize = p.size() + (packetLengthType == 3 ? 4 : packetLengthType)
                                + (sequenceType == 3 ? 4 : sequenceType) + (paddingType == 3 ? 4 : paddingType) + 6;
                        int payloadHeader = 1 + 1 + 4 + 1 + 8;
                        int used = headerSize + payloadHeader + data.length;
                        // With no padding field the payload fills the packet: make the data fill it.
                        byte[] payload = paddingType == 0 && packetLengthType == 0
                                ? PacketCrafter.filled(SIZE - headerSize - payloadHeader, 3) : data;
                        int padding = paddingType == 0 ? 0 : SIZE - used;
                        long packetLength = SIZE;
                        if (packetLengthType != 0 && paddingType == 0) {
                            packetLength = used; // explicit length shorter than the packet: the rest is padding
                        }
                        p.sized(packetLengthType, packetLength).sized(sequenceType, 9).sized(paddingType, padding)
                                .u32(1234).u16(40);
                        p.u8(0x81).u8(7).u32(0).u8(8).u32(payload.length).u32(3100).bytes(payload);
                        DataPacket packet = DataPacket.parse(p.padTo(SIZE));
                        String variant = "ec=" + ec + " len=" + packetLengthType + " seq=" + sequenceType + " pad="
                                + paddingType;
                        assertThat(packet.hasErrorCorrection()).as(variant).isEqualTo(ec);
                        assertThat(packet.sendTime()).as(variant).isEqualTo(1234);
                        assertThat(packet.duration()).as(variant).isEqualTo(40);
                        assertThat(packet.multiplePayloads()).isFalse();
                        assertThat(packet.payloads()).as(variant).hasSize(1);
                        Payload only = packet.payloads().get(0);
                        assertThat(only.data()).as(variant).isEqualTo(payload);
                        assertThat(only.streamNumber()).isEqualTo(1);
                        assertThat(only.keyFrame()).isTrue();
                        assertThat(only.mediaObjectNumber()).isEqualTo(7);
                        assertThat(only.objectSize()).isEqualTo(payload.length);
                        assertThat(only.presentationTime()).isEqualTo(3100);
                    }
                }
            }
        }
    }

    /** Multiple payloads with every payload length type and every field width. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void parsesMultiplePayloads(int payloadLengthType) throws Exception {
        for (int objType = 0; objType < 4; objType++) {
            for (int offType = 0; offType < 4; offType++) {
                PacketCrafter p = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x11)
                        .u8(0x40 | objType << 4 | offType << 2 | 1).u16(0).u32(500).u16(0)
                        .u8(payloadLengthType << 6 | 3);
                byte[][] datas = {PacketCrafter.filled(30, 1), PacketCrafter.filled(20, 2), PacketCrafter.filled(10, 3)};
                for (int i = 0; i < 3; i++) {
                    long offset = offType == 0 ? 0 : 5;
                    p.u8(i == 0 ? 0x81 : 2).sized(objType, objType == 0 ? 0 : 200 + i).sized(offType, offset)
                            .u8(8).u32(datas[i].length + offset).u32(3000 + i).sized(payloadLengthType, datas[i].length)
                            .bytes(datas[i]);
                }
                DataPacket packet = DataPacket.parse(p.padTo(SIZE));
                List<Payload> payloads = packet.payloads();
                assertThat(payloads).hasSize(3);
                for (int i = 0; i < 3; i++) {
                    assertThat(payloads.get(i).data()).isEqualTo(datas[i]);
                    assertThat(payloads.get(i).presentationTime()).isEqualTo(3000 + i);
                    assertThat(payloads.get(i).mediaObjectNumber()).isEqualTo(objType == 0 ? 0 : 200 + i);
                    assertThat(payloads.get(i).offset()).isEqualTo(offType == 0 ? 0 : 5);
                }
                assertThat(payloads.get(0).keyFrame()).isTrue();
                assertThat(payloads.get(1).streamNumber()).isEqualTo(2);
            }
        }
    }

    @Test
    void replicatedDataBeyondEightBytesIsKept() throws Exception {
        byte[] data = PacketCrafter.filled(40, 9);
        PacketCrafter p = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x11).u8(0x5D).u16(0).u32(0).u16(0).u8(0x81)
                .u8(1).u8(0).u32(0).u8(12).u32(40).u32(3000).u32(0xCAFEBABEL).u16(40).bytes(data);
        Payload payload = DataPacket.parse(p.padTo(SIZE)).payloads().get(0);
        assertThat(payload.replicatedData()).hasSize(12);
        assertThat(payload.data()).isEqualTo(data);
    }

    @Test
    void expandsCompressedPayloads() throws Exception {
        // Single payload, compressed: offset field = presentation time, replicated byte = time delta.
        // 13 header bytes + 8 payload-header bytes + 9 bytes of sub-payloads leave SIZE - 30 of padding.
        PacketCrafter p = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x10).u8(0x5D).u16(SIZE - 30).u32(100).u16(0)
                .u8(0x02).u8(10).u32(5000).u8(1).u8(25)
                .u8(3).bytes(new byte[] {1, 2, 3}).u8(2).bytes(new byte[] {4, 5}).u8(1).bytes(new byte[] {6});
        DataPacket packet = DataPacket.parse(p.padTo(SIZE));
        assertThat(packet.payloads()).hasSize(3);
        assertThat(packet.payloads()).extracting(Payload::presentationTime).containsExactly(5000L, 5025L, 5050L);
        assertThat(packet.payloads()).extracting(Payload::mediaObjectNumber).containsExactly(10L, 11L, 12L);
        assertThat(packet.payloads()).allMatch(Payload::compressed);
        assertThat(packet.payloads().get(1).data()).containsExactly(4, 5);

        MediaObjectAssembler assembler = new MediaObjectAssembler(o -> assertThat(o.size()).isBetween(1, 3));
        assembler.accept(packet);
    }

    @Test
    void compressedPayloadInsideMultiplePayloads() throws Exception {
        PacketCrafter p = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x11).u8(0x5D).u16(0).u32(0).u16(0).u8(0x82)
                .u8(0x02).u8(1).u32(4000).u8(1).u8(40).u16(6).u8(2).bytes(new byte[] {9, 9}).u8(2).bytes(new byte[] {8, 8})
                .u8(0x81).u8(3).u32(0).u8(8).u32(4).u32(4100).u16(4).bytes(new byte[] {1, 2, 3, 4});
        DataPacket packet = DataPacket.parse(p.padTo(SIZE));
        assertThat(packet.payloads()).extracting(Payload::streamNumber).containsExactly(2, 2, 1);
        assertThat(packet.payloads()).extracting(Payload::presentationTime).containsExactly(4000L, 4040L, 4100L);
    }

    @Test
    void rejectsPayloadLengthBeyondThePacket() {
        byte[] bytes = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x11).u8(0x5D).u16(0).u32(0).u16(0).u8(0x81)
                .u8(1).u8(0).u32(0).u8(8).u32(5000).u32(3000).u16(5000).padTo(SIZE);
        assertThatThrownBy(() -> DataPacket.parse(bytes, 0, SIZE, 1000))
                .isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("at byte 1014")
                .hasMessageContaining("payload length 5000 runs past the packet");
    }

    @Test
    void rejectsInvalidReplicatedDataLength() {
        byte[] bytes = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x11).u8(0x5D).u16(0).u32(0).u16(0).u8(0x81)
                .u8(1).u8(0).u32(0).u8(4).u32(5).padTo(SIZE);
        assertThatThrownBy(() -> DataPacket.parse(bytes)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("replicated data length 4 is invalid");
    }

    @Test
    void rejectsZeroPayloadCountAndOversizedPadding() {
        byte[] zeroPayloads = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x11).u8(0x5D).u16(0).u32(0).u16(0)
                .u8(0x80).padTo(SIZE);
        assertThatThrownBy(() -> DataPacket.parse(zeroPayloads)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("0 payloads");
        byte[] padding = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x11).u8(0x5D).u16(60000).u32(0).u16(0)
                .padTo(SIZE);
        assertThatThrownBy(() -> DataPacket.parse(padding)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("padding length 60000");
    }

    @Test
    void writerOutputParsesBack() throws Exception {
        DataPacketWriter writer = new DataPacketWriter(SIZE);
        byte[] a = PacketCrafter.filled(100, 1);
        byte[] b = PacketCrafter.filled(50, 2);
        writer.add(1, true, 300, 0, 100, 3500, a, 0, 100);
        writer.add(2, false, 7, 20, 200, 3400, b, 0, 50);
        byte[] bytes = writer.finish(400, 0);
        assertThat(bytes).hasSize(SIZE);
        assertThat(bytes).startsWith(0x82, 0, 0, 0x11, 0x5D);
        DataPacket packet = DataPacket.parse(bytes);
        assertThat(packet.sendTime()).isEqualTo(400);
        assertThat(packet.paddingLength()).isEqualTo(SIZE - 14 - 2 * 17 - 150);
        assertThat(packet.payloads().get(0).mediaObjectNumber()).isEqualTo(300 & 0xFF);
        assertThat(packet.payloads().get(1).offset()).isEqualTo(20);
        assertThat(packet.payloads().get(1).objectSize()).isEqualTo(200);
        assertThat(packet.payloads().get(1).data()).isEqualTo(b);
    }
}
