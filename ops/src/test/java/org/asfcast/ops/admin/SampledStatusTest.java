package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.junit.jupiter.api.Test;

/**
 * The readers that follow the clock (the status page's chart and events) are handed each sample of
 * the bit rates, one walk of the players for all of them, and nothing keeps a sample after that.
 */
class SampledStatusTest {

    private final StreamingServer server = new StreamingServer(ServerSettings.defaults());

    @Test
    void eachReaderIsHandedEachSampleAsItIsMade() {
        server.publish("/live", new BroadcastPoint("/live", PointSettings.defaults()));
        AdminApi api = new AdminApi(server, new RunningSources());
        List<AdminApi.Sample> first = new ArrayList<>();
        List<AdminApi.Sample> second = new ArrayList<>();
        api.afterEachSample(500, first::add);
        api.afterEachSample(0, second::add);

        api.sample();
        server.publish("/tv", new BroadcastPoint("/tv", PointSettings.defaults()));
        api.sample();

        assertThat(first).hasSize(2).containsExactlyElementsOf(second);
        assertThat(first.get(0).counts()).containsOnlyKeys("/live");
        assertThat(first.get(1).counts()).containsOnlyKeys("/live", "/tv");
        assertThat(first.get(1).atMillis()).isGreaterThanOrEqualTo(first.get(0).atMillis());
        assertThat(api.status(500, first.get(0)).points()).as("the status as that sample found it")
                .extracting(StatusReport.Point::path).containsExactly("/live");
        assertThat(api.sampleNow().counts()).containsOnlyKeys("/live", "/tv");
    }

    @Test
    void aFailingReaderNeitherStopsTheSampleNorTheOtherReaders() {
        AdminApi api = new AdminApi(server, new RunningSources());
        AtomicInteger after = new AtomicInteger();
        api.afterEachSample(0, sample -> {
            throw new IllegalStateException("a reader's bug");
        });
        api.afterEachSample(0, sample -> after.incrementAndGet());
        api.sample();
        api.sample();
        assertThat(after).hasValue(2);
    }
}
