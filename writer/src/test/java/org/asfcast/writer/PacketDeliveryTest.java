package org.asfcast.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Packet delivery (file and pipe sources) sets a failed sink aside and goes on with the others. */
class PacketDeliveryTest {

    private final RecordingSink players = new RecordingSink(false);
    private final List<String> told = new ArrayList<>();

    /** A recording that fails from its {@code failAt}-th data unit on. */
    private static final class FullDisk implements WriterSink {
        final int failAt;
        final List<String> calls = new ArrayList<>();

        FullDisk(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void onHeader(ByteBuffer header) {
            calls.add("header");
        }

        @Override
        public boolean isRealTime() {
            return false;
        }

        @Override
        public void onDataUnit(ByteBuffer dataUnit) throws IOException {
            calls.add("data");
            if (calls.size() > failAt) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public void onEndWriting() {
            calls.add("end");
        }
    }

    @Test
    void aFailedSinkIsSetAsideAndTheOthersGetEveryPacketAndTheEnd() throws Exception {
        FullDisk disk = new FullDisk(3);
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
        PacketDelivery delivery = new PacketDelivery(List.of(new FullDisk(1), new FullDisk(2)), new AtomicBoolean());
        delivery.header(new byte[] {1});
        delivery.packet(new byte[] {1}, 0);
        assertThatThrownBy(() -> delivery.packet(new byte[] {2}, 0)).hasMessage("No space left on device");
    }
}
