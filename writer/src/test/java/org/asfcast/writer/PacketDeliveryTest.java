package org.asfcast.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Packet delivery (file and pipe sources): a failed sink is set aside and the others go on; pacing
 * holds when a source stalls, jitters or restarts.
 */
class PacketDeliveryTest {

    private static final byte[] PACKET = new byte[64];

    private final RecordingSink players = new RecordingSink(false);
    private final List<String> told = new ArrayList<>();

    @Test
    void aFailedSinkIsSetAsideAndTheOthersGetEveryPacketAndTheEnd() throws Exception {
        FailingSink disk = new FailingSink("No space left on device", 3);
        PacketDelivery delivery = new PacketDelivery(List.of(disk, players), new AtomicBoolean(),
                (sink, failure) -> told.add(failure.getMessage()));
        delivery.header(new byte[] {1, 2, 3});
        for (int i = 0; i < 10; i++) {
            assertThat(delivery.packet(new byte[] {(byte) i}, i * 100L)).isTrue();
        }
        delivery.end();
        assertThat(told).containsExactly("No space left on device");
        assertThat(disk.calls).containsExactly("header", "data", "data", "data"); // nothing after its failure
        assertThat(players.of("data")).hasSize(10);
        assertThat(players.of("end")).hasSize(1);
    }

    @Test
    void whenEverySinkHasFailedDeliveryFails() throws Exception {
        PacketDelivery delivery = new PacketDelivery(List.of(new FailingSink("No space left on device", 1), new FailingSink("No space left on device", 2)), new AtomicBoolean());
        delivery.header(new byte[] {1});
        delivery.packet(new byte[] {1}, 0);
        assertThatThrownBy(() -> delivery.packet(new byte[] {2}, 0)).hasMessage("No space left on device");
    }

    @Test
    void aBacklogAfterAStallIsPacedAgainNotBurst() throws Exception {
        RecordingSink sink = new RecordingSink(true);
        PacketDelivery delivery = new PacketDelivery(List.of(sink), new AtomicBoolean());
        for (long t = 0; t <= 1_000; t += 100) {
            delivery.packet(PACKET, t);
        }
        Thread.sleep(3_000); // the source stalls, then hands over 4 s of backlog at once
        for (long t = 1_100; t <= 5_000; t += 100) {
            delivery.packet(PACKET, t);
        }
        List<RecordingSink.Call> backlog = sink.of("data").subList(11, 51);
        long spreadMillis = (backlog.get(39).nanos() - backlog.get(0).nanos()) / 1_000_000;
        // 4 s of packets, the first 3 s late: up to the 2 s allowance goes out at once, the rest in real time.
        assertThat(spreadMillis).as("wall time over which the backlog went out").isBetween(1_500L, 2_600L);
    }

    @Test
    void aLittleLatenessIsCaughtUpAtOnce() throws Exception {
        RecordingSink sink = new RecordingSink(true);
        PacketDelivery delivery = new PacketDelivery(List.of(sink), new AtomicBoolean());
        for (long t = 0; t <= 500; t += 100) {
            delivery.packet(PACKET, t);
        }
        Thread.sleep(900); // jitter: the next packets arrive 800 ms late, together
        for (long t = 600; t <= 2_000; t += 100) {
            delivery.packet(PACKET, t);
        }
        List<RecordingSink.Call> data = sink.of("data");
        long start = data.get(0).nanos();
        // The clock did not slip: packet 2,000 ms goes out 2 s after packet 0, as it would have without the delay.
        assertThat((data.get(data.size() - 1).nanos() - start) / 1_000_000).isBetween(1_950L, 2_300L);
        assertThat((data.get(7).nanos() - data.get(6).nanos()) / 1_000_000).as("the late ones go out together").isLessThan(50L);
    }

    @Test
    void aNewHeaderStartsTheClockAgain() throws Exception {
        RecordingSink sink = new RecordingSink(true);
        PacketDelivery delivery = new PacketDelivery(List.of(sink), new AtomicBoolean());
        delivery.header(new byte[30]);
        for (long t = 0; t <= 3_000; t += 500) {
            delivery.packet(PACKET, t);
        }
        delivery.header(new byte[31]); // a different encoder: its send times start again at 0
        long before = System.nanoTime();
        for (long t = 0; t <= 1_000; t += 100) {
            delivery.packet(PACKET, t);
        }
        // Paced from the new header on: neither burst (the old clock said late) nor held back.
        assertThat((System.nanoTime() - before) / 1_000_000).isBetween(950L, 1_300L);
    }
}
