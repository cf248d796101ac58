package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The readers that follow the clock (the status page's chart and events) read the counts the bit
 * rate sample walked the players for, once per sample, instead of walking them again each.
 */
class SampledStatusTest {

    private final StreamingServer server = new StreamingServer(ServerSettings.defaults());

    @AfterEach
    void close() {
        if (server.isOpen()) {
            server.close();
        }
    }

    @Test
    void eachSampleIsReadOnceAsItIsMadeAndUntilTheNext() {
        server.publish("/live", new BroadcastPoint("/live", PointSettings.defaults()));
        AdminApi api = new AdminApi(server, new RunningSources());
        AtomicInteger reads = new AtomicInteger();
        Object[] seen = new Object[1];
        api.afterEachSample(() -> {
            reads.incrementAndGet();
            seen[0] = api.lastSample();
        });
        assertThat(api.sampledCounts()).as("before the first sample: the counts now").containsOnlyKeys("/live");

        api.sample();
        assertThat(reads).hasValue(1);
        assertThat(api.lastSample()).isSameAs(seen[0]).isSameAs(api.lastSample());
        assertThat(api.sampledCounts()).isSameAs(api.lastSample().counts());
        assertThat(api.sampledStatus(500).points()).extracting(StatusReport.Point::path).containsExactly("/live");

        server.publish("/tv", new BroadcastPoint("/tv", PointSettings.defaults()));
        assertThat(api.sampledCounts()).as("until the next sample").containsOnlyKeys("/live");
        assertThat(api.status(500).points()).as("a request walks the players now").hasSize(2);
        api.sample();
        assertThat(reads).hasValue(2);
        assertThat(api.lastSample()).isSameAs(seen[0]);
        assertThat(api.sampledCounts()).containsOnlyKeys("/live", "/tv");
    }

    @Test
    void aFailingReaderNeitherStopsTheSampleNorTheOtherReaders() {
        AdminApi api = new AdminApi(server, new RunningSources());
        AtomicInteger after = new AtomicInteger();
        api.afterEachSample(() -> {
            throw new IllegalStateException("a reader's bug");
        });
        api.afterEachSample(after::incrementAndGet);
        api.sample();
        api.sample();
        assertThat(after).hasValue(2);
    }
}
