package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadFilterTest {

    @TempDir
    Path dir;

    @Test
    void removingPayloadsKeepsTheOthersByteForByteAndTheSize() throws Exception {
        Path file = dir.resolve("f.asf");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf")) {
            Files.copy(in, file);
        }
        int trimmed = 0;
        try (AsfReader reader = AsfReader.open(file)) {
            for (Optional<byte[]> next; (next = reader.nextPacketBytes()).isPresent(); ) {
                byte[] packet = next.get();
                DataPacket parsed = DataPacket.parse(packet);
                // Drop every payload that continues an object (offset > 0).
                Optional<byte[]> result = PayloadFilter.keep(packet, parsed, p -> p.compressed() || p.offset() == 0);
                List<Payload> expected = new ArrayList<>();
                for (Payload p : parsed.payloads()) {
                    if (p.compressed() || p.offset() == 0) {
                        expected.add(p);
                    }
                }
                if (expected.isEmpty()) {
                    assertThat(result).isEmpty();
                    continue;
                }
                assertThat(result).isPresent();
                byte[] out = result.get();
                assertThat(out).hasSameSizeAs(packet);
                if (expected.size() == parsed.payloads().size()) {
                    assertThat(out).isSameAs(packet);
                    continue;
                }
                trimmed++;
                DataPacket again = DataPacket.parse(out);
                assertThat(again.sendTime()).isEqualTo(parsed.sendTime());
                assertThat(again.duration()).isEqualTo(parsed.duration());
                assertThat(again.payloads()).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    Payload a = again.payloads().get(i);
                    Payload e = expected.get(i);
                    assertThat(a.streamNumber()).isEqualTo(e.streamNumber());
                    assertThat(a.keyFrame()).isEqualTo(e.keyFrame());
                    assertThat(a.mediaObjectNumber()).isEqualTo(e.mediaObjectNumber());
                    assertThat(a.offset()).isEqualTo(e.offset());
                    assertThat(a.objectSize()).isEqualTo(e.objectSize());
                    assertThat(a.presentationTime()).isEqualTo(e.presentationTime());
                    assertThat(a.data()).isEqualTo(e.data());
                }
            }
        }
        assertThat(trimmed).as("packets that lost a payload").isGreaterThan(3);
    }

    @Test
    void headerOffsetPointsAtTheStreamByte() throws Exception {
        byte[] bytes = getClass().getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf").readAllBytes();
        try (AsfReader reader = AsfReader.of(new java.io.ByteArrayInputStream(bytes))) {
            for (Optional<DataPacket> p; (p = reader.nextPacket()).isPresent(); ) {
                for (Payload payload : p.get().payloads()) {
                    int b = payload.packetBytes()[payload.headerOffset()] & 0xFF;
                    assertThat(b & 0x7F).isEqualTo(payload.streamNumber());
                    assertThat((b & 0x80) != 0).isEqualTo(payload.keyFrame());
                }
            }
        }
    }
}
