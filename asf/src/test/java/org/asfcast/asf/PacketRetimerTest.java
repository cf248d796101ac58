package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacketRetimerTest {

    @Test
    void shiftsSendAndPresentationTimesAndObjectNumbersOfARealFile() throws Exception {
        byte[] file = getClass().getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf").readAllBytes();
        int packets = 0;
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(file))) {
            for (Optional<byte[]> next; (next = reader.nextPacketBytes()).isPresent(); packets++) {
                byte[] original = next.get();
                byte[] moved = original.clone();
                DataPacket before = DataPacket.parse(original);
                PacketRetimer.shift(moved, DataPacket.parse(moved), 123_456, stream -> stream * 100);
                DataPacket after = DataPacket.parse(moved);
                assertThat(after.sendTime()).isEqualTo(before.sendTime() + 123_456);
                assertThat(after.payloads()).hasSameSizeAs(before.payloads());
                for (int i = 0; i < before.payloads().size(); i++) {
                    Payload a = after.payloads().get(i);
                    Payload b = before.payloads().get(i);
                    assertThat(a.presentationTime()).isEqualTo(b.presentationTime() + 123_456);
                    assertThat(a.mediaObjectNumber()).isEqualTo((b.mediaObjectNumber() + b.streamNumber() * 100L) & 0xFF);
                    assertThat(a.offset()).isEqualTo(b.offset());
                    assertThat(a.data()).isEqualTo(b.data());
                }
            }
        }
        assertThat(packets).isGreaterThan(10);
    }

    @Test
    void shiftsCompressedPayloadsOnce() throws Exception {
        byte[] bytes = new PacketCrafter().u8(0x82).u8(0).u8(0).u8(0x11).u8(0x5D).u16(0).u32(0).u16(0).u8(0x82)
                .u8(0x02).u8(1).u32(4000).u8(1).u8(40).u16(6).u8(2).bytes(new byte[] {9, 9}).u8(2).bytes(new byte[] {8, 8})
                .u8(0x81).u8(3).u32(0).u8(8).u32(4).u32(4100).u16(4).bytes(new byte[] {1, 2, 3, 4}).padTo(200);
        PacketRetimer.shift(bytes, DataPacket.parse(bytes), 1000, stream -> 0);
        DataPacket moved = DataPacket.parse(bytes);
        assertThat(moved.sendTime()).isEqualTo(1000);
        assertThat(moved.payloads()).extracting(Payload::presentationTime).containsExactly(5000L, 5040L, 5100L);
    }
}
