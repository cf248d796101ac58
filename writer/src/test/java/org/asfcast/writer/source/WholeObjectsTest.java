package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.DataPacketWriter;
import org.asfcast.asf.Payload;
import org.junit.jupiter.api.Test;

class WholeObjectsTest {

    private static final int SIZE = 1200;
    private final WholeObjects gate = new WholeObjects();
    private long sendTime;

    /** One packet of pieces: {stream, object, offset, length, objectSize} each. */
    private byte[] packet(int[]... pieces) {
        DataPacketWriter w = new DataPacketWriter(SIZE);
        for (int[] p : pieces) {
            w.add(p[0], p[2] == 0, p[1], p[2], p[4], 1000 + sendTime, new byte[p[3]], 0, p[3]);
        }
        return w.finish(sendTime, 0);
    }

    private List<WholeObjects.Ready> offer(byte[] packet) throws AsfFormatException {
        sendTime += 40;
        return gate.offer(packet, DataPacket.parse(packet), sendTime);
    }

    private static List<String> streams(WholeObjects.Ready r) throws AsfFormatException {
        List<String> out = new ArrayList<>();
        for (Payload p : DataPacket.parse(r.packet()).payloads()) {
            out.add(p.streamNumber() + ":" + p.mediaObjectNumber() + (p.keyFrame() ? "k" : ""));
        }
        return out;
    }

    @Test
    void aPacketOfWholeObjectsGoesAtOnce() throws Exception {
        assertThat(offer(packet(new int[] {1, 0, 0, 300, 300}, new int[] {2, 0, 0, 200, 200}))).hasSize(1);
        assertThat(gate.end()).isEmpty();
    }

    @Test
    void aPacketWaitsForTheRestOfItsObjectsThenBothGoInOrder() throws Exception {
        byte[] first = packet(new int[] {1, 0, 0, 1000, 1800});
        byte[] second = packet(new int[] {1, 0, 1000, 800, 1800}, new int[] {2, 0, 0, 200, 200});
        assertThat(offer(first)).isEmpty();
        List<WholeObjects.Ready> out = offer(second);
        assertThat(out).extracting(WholeObjects.Ready::packet).containsExactly(first, second);
        assertThat(out.get(0).sendTime()).isLessThan(out.get(1).sendTime());
        assertThat(gate.objectsCut()).isZero();
    }

    @Test
    void anInputThatEndsMidObjectCutsThatObjectAloneOutOfWhatItHeld() throws Exception {
        // The tail of picture 0 completes it; picture 1 starts and never ends (the encoder was killed).
        assertThat(offer(packet(new int[] {1, 0, 0, 900, 1500}))).isEmpty();
        assertThat(offer(packet(new int[] {1, 0, 900, 600, 1500}, new int[] {2, 3, 0, 100, 100},
                new int[] {1, 1, 0, 300, 4000}))).hasSize(1);
        List<WholeObjects.Ready> rest = gate.end();
        assertThat(rest).hasSize(1);
        assertThat(streams(rest.get(0))).containsExactly("1:0", "2:3k");
        assertThat(rest.get(0).packet()).hasSize(SIZE);
        assertThat(gate.objectsCut()).isEqualTo(1);
        assertThat(gate.end()).isEmpty();
    }

    @Test
    void aStreamThatStartsAnotherObjectBeforeFinishingTheLastHasTheLastCut() throws Exception {
        assertThat(offer(packet(new int[] {1, 5, 0, 500, 2000}))).isEmpty(); // its rest was lost upstream
        List<WholeObjects.Ready> out = offer(packet(new int[] {1, 6, 0, 400, 400}));
        // The packet held nothing but the lost object: it is not sent at all.
        assertThat(out).hasSize(1);
        assertThat(streams(out.get(0))).containsExactly("1:6k");
        assertThat(gate.objectsCut()).isEqualTo(1);
    }

    @Test
    void theRestOfAnObjectWhoseStartWasNotSeenGoesAsItIs() throws Exception {
        assertThat(offer(packet(new int[] {1, 9, 700, 300, 1000}))).hasSize(1);
    }

    @Test
    void whatIsHeldStaysBounded() throws Exception {
        // One object that never ends: packets go anyway once the bound is passed.
        long released = 0;
        int packets = (int) (WholeObjects.MAX_HELD_BYTES / SIZE) + 50;
        int piece = SIZE - DataPacketWriter.PACKET_HEADER - DataPacketWriter.PAYLOAD_HEADER;
        for (int i = 0; i < packets; i++) {
            released += offer(packet(new int[] {1, 0, i * piece, piece, 16_000_000})).size();
        }
        assertThat(released).isGreaterThanOrEqualTo(packets - (WholeObjects.MAX_HELD_BYTES / SIZE) - 1);
    }
}
