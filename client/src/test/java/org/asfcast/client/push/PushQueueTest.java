package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asfcast.client.push.PushQueue.Data;
import org.asfcast.client.push.PushQueue.End;
import org.asfcast.client.push.PushQueue.Header;
import org.asfcast.client.push.PushQueue.Item;
import org.junit.jupiter.api.Test;

/** The queue between the writer and the sending thread: bounded, oldest packets dropped, headers kept where needed. */
class PushQueueTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static Data data(int tag, int size) {
        byte[] frame = new byte[size];
        frame[0] = (byte) tag;
        return new Data(frame, System.nanoTime());
    }

    private static List<String> drain(PushQueue queue) throws InterruptedException {
        List<String> out = new ArrayList<>();
        Item item;
        while ((item = queue.take(0)) != null) {
            out.add(item instanceof Header h ? "H" + h.asfHeader()[0] : item instanceof Data d ? "D" + d.frame()[0] : "E");
        }
        return out;
    }

    @Test
    void whenFullTheOldestPacketsGoAndAreCounted() throws Exception {
        PushQueue queue = new PushQueue(3000, HOUR);
        queue.offer(new Header(new byte[] {1}));
        for (int i = 1; i <= 5; i++) {
            queue.offer(data(i, 1000));
        }
        assertThat(queue.dropped()).isEqualTo(3);
        assertThat(queue.bytes()).isLessThanOrEqualTo(3000);
        assertThat(drain(queue)).containsExactly("H1", "D4", "D5");
    }

    @Test
    void aHeaderWhosePacketsWereAllDroppedGivesWayToTheNext() throws Exception {
        PushQueue queue = new PushQueue(2500, HOUR);
        queue.offer(new Header(new byte[] {1}));
        queue.offer(data(1, 1000));
        queue.offer(new Header(new byte[] {2}));
        queue.offer(data(2, 1000));
        queue.offer(data(3, 1000));
        assertThat(drain(queue)).containsExactly("H2", "D2", "D3");
    }

    @Test
    void aHeaderWithNoPacketYetIsReplacedByANewerOne() throws Exception {
        PushQueue queue = new PushQueue(1 << 20, HOUR);
        queue.offer(data(1, 10));
        queue.offer(new Header(new byte[] {1}));
        queue.offer(new Header(new byte[] {2}));
        queue.offer(data(2, 10));
        assertThat(drain(queue)).containsExactly("D1", "H2", "D2");
    }

    @Test
    void packetsOlderThanTheBacklogAreDroppedWhenTaken() throws Exception {
        PushQueue queue = new PushQueue(1 << 20, TimeUnit.MILLISECONDS.toNanos(50));
        queue.offer(new Data(new byte[] {1}, System.nanoTime() - TimeUnit.SECONDS.toNanos(1)));
        queue.offer(data(2, 10));
        assertThat(drain(queue)).containsExactly("D2");
        assertThat(queue.dropped()).isEqualTo(1);
    }

    @Test
    void nothingIsAddedAfterTheEndAndTakeWaitsNoLongerThanAsked() throws Exception {
        PushQueue queue = new PushQueue(1 << 20, HOUR);
        assertThat(queue.offer(new End())).isTrue();
        assertThat(queue.offer(data(1, 10))).isFalse();
        assertThat(drain(queue)).containsExactly("E");
        long start = System.nanoTime();
        assertThat(queue.take(TimeUnit.MILLISECONDS.toNanos(30))).isNull();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
    }
}
