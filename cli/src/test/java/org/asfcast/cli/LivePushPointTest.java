package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.asfcast.cli.config.ConfigFile;
import org.asfcast.cli.config.PointConfig;
import org.asfcast.cli.config.PushSource;
import org.asfcast.netsink.PushIngest;
import org.asfcast.writer.source.PublishedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push point of {@code asfcast server}: its point takes publishers, and a reload's push settings apply in place. */
class LivePushPointTest {

    @TempDir
    Path dir;

    private PointConfig point(String push) throws Exception {
        return ConfigFile.parse("port: 1\npoints: [{path: /live, push: " + push + "}]\n", dir.resolve("asfcast.yml"))
                .points().get(0);
    }

    @Test
    void aPushPointTakesPublishersAndAReloadGivesItsIngestTheNewCredential() throws Exception {
        ServerLog log = new ServerLog(new Terminal(new PrintWriter(new StringWriter()), false));
        LiveBroadcast live = LiveBroadcast.prepare(point("{token: old-token}"), log);
        PushIngest ingest = live.point().pushIngest().orElseThrow();
        assertThat(live.source()).isInstanceOf(PublishedSource.class);
        assertThat(live.describe()).isEqualTo("ASF pushed by a publisher (nobody publishes now)");

        PointConfig next = point("{token: new-token, grace: 5s}");
        live.applySettings(next);
        assertThat(live.point().pushIngest()).containsSame(ingest); // the same ingest: a publisher streaming goes on
        assertThat(ingest.settings()).isEqualTo(((PushSource) next.source()).settings());
    }

    @Test
    void aPointThatIsNoLongerPushedTakesNoPublisher() throws Exception {
        ServerLog log = new ServerLog(new Terminal(new PrintWriter(new StringWriter()), false));
        LiveBroadcast live = LiveBroadcast.prepare(point("{token: a-token}"), log);
        assertThat(live.point().pushIngest()).isPresent();
        live.sourceFor(ConfigFile.parse("port: 1\npoints: [{path: /live, test-pattern: {}}]\n", dir.resolve("asfcast.yml"))
                .points().get(0));
        assertThat(live.point().pushIngest()).isEmpty();
    }
}
