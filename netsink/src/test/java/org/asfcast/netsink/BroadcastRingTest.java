package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastRingTest {

    private static ByteBuf packet(int size) {
        return Unpooled.directBuffer(size).writeZero(size);
    }

    @Test
    void keepsTheWindowBySendTimeAndReleasesWhatLeaves() {
        BroadcastRing ring = new BroadcastRing(1000, 64L << 20);
        List<ByteBuf> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ByteBuf b = packet(100);
            all.add(b);
            assertThat(ring.append(b, i * 10L, i % 50 == 0)).isEqualTo(i);
        }
        // 1000 ms at 10 ms per packet: the last 101 packets stay.
        assertThat(ring.next()).isEqualTo(1000);
        assertThat(ring.first()).isEqualTo(899);
        assertThat(all.get(898).refCnt()).isZero();
        assertThat(all.get(899).refCnt()).isEqualTo(1);
        assertThat(ring.retained(898)).isNull();
        assertThat(ring.retained(1000)).isNull();
        ByteBuf dup = ring.retained(950);
        assertThat(all.get(950).refCnt()).isEqualTo(2);
        dup.release();
        assertThat(ring.joinPoint(true)).isEqualTo(950);
        assertThat(ring.joinPoint(false)).isEqualTo(999);
        // At least 300 ms of burst: key starts every 500 ms (900, 950) -> 950 is 490 ms old.
        assertThat(ring.joinPoint(true, 300)).isEqualTo(950);
        assertThat(ring.joinPoint(true, 600)).isEqualTo(900);
        assertThat(ring.joinPoint(true, 5000)).as("not that much held: the oldest key start").isEqualTo(900);
        assertThat(ring.joinPoint(false, 200)).isEqualTo(979);
        assertThat(ring.isKeyStart(950)).isTrue();
        assertThat(ring.isKeyStart(951)).isFalse();
        ring.clear();
        assertThat(all).allMatch(b -> b.refCnt() == 0);
        assertThat(ring.first()).isEqualTo(ring.next()).isEqualTo(1000);
        assertThat(ring.joinPoint(true)).isEqualTo(-1);
    }

    @Test
    void byteBoundWinsOverTheWindowButTheNewestStays() {
        BroadcastRing ring = new BroadcastRing(60_000, 1000);
        for (int i = 0; i < 20; i++) {
            ring.append(packet(300), i, false);
        }
        assertThat(ring.bytes()).isLessThanOrEqualTo(1000);
        assertThat(ring.next() - ring.first()).isEqualTo(3);
        ring.append(packet(5000), 21, true);
        assertThat(ring.next() - ring.first()).isEqualTo(1);
        assertThat(ring.joinPoint(true)).isEqualTo(20);
        ring.clear();
    }
}
