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

        // An event loop's copy: one more reference to each packet held, the same answers.
        PacketWindow view = new PacketWindow();
        ring.copyNewInto(view);
        assertThat(view.first()).isEqualTo(899);
        assertThat(view.next()).isEqualTo(1000);
        assertThat(all.get(950).refCnt()).isEqualTo(2);
        assertThat(view.get(898)).isNull();
        assertThat(view.get(1000)).isNull();
        assertThat(view.get(950)).isSameAs(all.get(950));
        assertThat(view.joinPoint(true)).isEqualTo(950);
        assertThat(view.joinPoint(false)).isEqualTo(999);
        // At least 300 ms of burst: key starts every 500 ms (900, 950) -> 950 is 490 ms old.
        assertThat(view.joinPoint(true, 300)).isEqualTo(950);
        assertThat(view.joinPoint(true, 600)).isEqualTo(900);
        assertThat(view.joinPoint(true, 5000)).as("not that much held: the oldest key start").isEqualTo(900);
        assertThat(view.joinPoint(false, 200)).isEqualTo(979);
        assertThat(view.isKeyStart(950)).isTrue();
        assertThat(view.isKeyStart(951)).isFalse();

        // Ten more packets: the copy takes the new ones and lets go of the ten the ring dropped.
        for (int i = 1000; i < 1010; i++) {
            ByteBuf b = packet(100);
            all.add(b);
            ring.append(b, i * 10L, false);
        }
        ring.copyNewInto(view);
        assertThat(view.first()).isEqualTo(ring.first()).isEqualTo(909);
        assertThat(view.next()).isEqualTo(1010);
        assertThat(all.get(908).refCnt()).isZero();
        assertThat(all.get(909).refCnt()).isEqualTo(2);
        assertThat(all.get(1009).refCnt()).isEqualTo(2);

        ring.clear();
        assertThat(all.get(1009).refCnt()).as("the copy still holds it").isEqualTo(1);
        ring.copyNewInto(view);
        assertThat(all).allMatch(b -> b.refCnt() == 0);
        assertThat(ring.first()).isEqualTo(ring.next()).isEqualTo(1010);
        assertThat(view.first()).isEqualTo(view.next()).isEqualTo(1010);
        assertThat(view.joinPoint(true)).isEqualTo(-1);
        assertThat(view.joinPoint(false)).isEqualTo(1010);
    }

    @Test
    void keepsWhatAJoinerStartsWithBeyondTheWindow() {
        // 1000 ms window, a packet every 10 ms, key starts every 500 ms; a joiner needs 1200 ms.
        BroadcastRing video = new BroadcastRing(1000, 64L << 20);
        video.keepJoinable(true, 1200);
        BroadcastRing audio = new BroadcastRing(1000, 64L << 20);
        audio.keepJoinable(false, 1200);
        BroadcastRing noKeyFrame = new BroadcastRing(1000, 64L << 20);
        noKeyFrame.keepJoinable(true, 1200);
        for (int i = 0; i < 1000; i++) {
            video.append(packet(10), i * 10L, i % 50 == 0);
            audio.append(packet(10), i * 10L, false);
            noKeyFrame.append(packet(10), i * 10L, false);
        }
        assertThat(video.first()).as("the newest key start at least 1200 ms old (1490 ms)").isEqualTo(850);
        assertThat(audio.first()).as("the newest packet at least 1200 ms old").isEqualTo(879);
        assertThat(noKeyFrame.first()).as("no key frame to keep: the window alone").isEqualTo(899);
        PacketWindow view = new PacketWindow();
        video.copyNewInto(view);
        assertThat(view.joinPoint(true, 1200)).isEqualTo(850);
        video.keepJoinable(true, 0);
        video.append(packet(10), 10_000, false);
        assertThat(video.first()).as("needing less again: back to the window").isEqualTo(900);
        view.clear();
        video.clear();
        audio.clear();
        noKeyFrame.clear();
    }

    @Test
    void aCopyThatMissedPacketsStartsAtTheRingsOldest() {
        BroadcastRing ring = new BroadcastRing(100, 64L << 20);
        PacketWindow view = new PacketWindow();
        ByteBuf first = packet(10);
        ring.append(first, 0, true);
        ring.copyNewInto(view);
        assertThat(first.refCnt()).isEqualTo(2);
        for (int i = 1; i < 600; i++) {
            ring.append(packet(10), i, i % 100 == 0);
        }
        ring.copyNewInto(view);
        assertThat(first.refCnt()).isZero();
        assertThat(view.first()).isEqualTo(ring.first()).isEqualTo(499);
        assertThat(view.next()).isEqualTo(600);
        assertThat(view.joinPoint(true)).isEqualTo(500);
        ring.clear();
        view.clear();
    }

    @Test
    void bothGrowPastTheirFirstSlots() {
        BroadcastRing ring = new BroadcastRing(60_000, 64L << 20);
        PacketWindow view = new PacketWindow();
        for (int i = 0; i < 1000; i++) {
            ring.append(packet(10), i, i % 300 == 0);
            if (i % 7 == 0) {
                ring.copyNewInto(view);
            }
        }
        ring.copyNewInto(view);
        assertThat(view.next() - view.first()).isEqualTo(1000);
        assertThat(view.bytes()).isEqualTo(ring.bytes()).isEqualTo(10_000);
        assertThat(view.joinPoint(true)).isEqualTo(900);
        assertThat(view.joinPoint(true, 500)).isEqualTo(300);
        ring.clear();
        view.clear();
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
        assertThat(ring.first()).isEqualTo(20);
        ring.clear();
    }
}
