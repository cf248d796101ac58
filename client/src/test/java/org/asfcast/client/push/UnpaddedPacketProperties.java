package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.DataPacketWriter;
import org.asfcast.asf.Payload;

/** Whatever a packet holds, removing its padding keeps its payloads, and bad bytes only ever raise IllegalArgumentException. */
class UnpaddedPacketProperties {

    @Property
    void packetsOfAnySizeAndFillingKeepTheirPayloads(@ForAll @IntRange(min = 100, max = 65_535) int packetSize,
                                                     @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 400) Integer> lengths)
            throws AsfFormatException {
        DataPacketWriter writer = new DataPacketWriter(packetSize);
        int object = 0;
        for (int length : lengths) {
            if (length > writer.room()) {
                break;
            }
            byte[] data = new byte[length];
            data[length - 1] = (byte) object;
            writer.add(1 + object % 3, object == 0, object, 0, length, 1000 + object, data, 0, length);
            object++;
        }
        if (writer.isEmpty()) {
            return;
        }
        byte[] packet = writer.finish(900, 40);
        byte[] unpadded = UnpaddedPacket.of(ByteBuffer.wrap(packet));
        DataPacket before = DataPacket.parse(packet);
        DataPacket after = DataPacket.parse(unpadded);
        assertThat(after.paddingLength()).isZero();
        assertThat(unpadded.length).isEqualTo(packet.length - before.paddingLength());
        assertThat(after.payloads().stream().map(UnpaddedPacketProperties::describe).toList())
                .isEqualTo(before.payloads().stream().map(UnpaddedPacketProperties::describe).toList());
    }

    @Property
    void randomBytesOnlyEverRaiseIllegalArgument(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            byte[] out = UnpaddedPacket.of(ByteBuffer.wrap(bytes));
            assertThat(out.length).isLessThanOrEqualTo(bytes.length);
        } catch (IllegalArgumentException expected) {
            // a packet that contradicts itself
        }
    }

    private static String describe(Payload p) {
        return p.streamNumber() + "/" + p.mediaObjectNumber() + "/" + p.presentationTime() + "/"
                + java.util.Arrays.toString(p.data());
    }
}
