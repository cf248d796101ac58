package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;

/** What a seamless join of live inputs looks like in the packets a sink got. */
final class Continuity {

    private Continuity() {
    }

    /** Send times never go back; each stream's media objects are numbered on and its times go up, across the join. */
    static void assertContinuous(List<byte[]> packets) throws Exception {
        long lastSend = -1;
        Map<Integer, Long> lastObject = new HashMap<>();
        Map<Integer, Long> lastTime = new HashMap<>();
        for (byte[] bytes : packets) {
            DataPacket packet = DataPacket.parse(bytes);
            assertThat(packet.sendTime()).as("send time").isGreaterThanOrEqualTo(lastSend).isLessThan(lastSend + 1_000);
            lastSend = packet.sendTime();
            for (Payload p : packet.payloads()) {
                Long object = lastObject.get(p.streamNumber());
                if (object != null && p.mediaObjectNumber() != object) {
                    assertThat(p.mediaObjectNumber()).as("object number after %d, stream %d", object, p.streamNumber())
                            .isEqualTo((object + 1) & 0xFF);
                    Long time = lastTime.get(p.streamNumber());
                    assertThat(p.presentationTime()).as("presentation time, stream %d", p.streamNumber())
                            .isGreaterThan(time).isLessThan(time + 1_000);
                }
                lastObject.put(p.streamNumber(), p.mediaObjectNumber());
                lastTime.put(p.streamNumber(), p.presentationTime());
            }
        }
    }
}
