package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.PushIngest;
import org.asfcast.netsink.PushSettings;
import org.junit.jupiter.api.Test;

/** The status of a push point says who publishes; other points' say nothing new. */
class PushStatusTest {

    @Test
    void aPushPointWithNobodyPublishingSaysSoAndOtherPointsHaveNoPublisher() throws Exception {
        BroadcastPoint plain = new BroadcastPoint("/tv", PointSettings.defaults());
        assertThat(StatusReport.publisher(plain)).isNull();
        BroadcastPoint live = new BroadcastPoint("/live", PointSettings.defaults());
        live.takePushes(new PushIngest("/live", PushSettings.ofToken("secret-token")));
        assertThat(StatusReport.publisher(live)).isEqualTo(new StatusReport.Publisher(false, null, null, null, null));

        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(new StatusReport.Source("running", "x"))).isEqualTo(
                "{\"state\":\"running\",\"description\":\"x\"}");
        String pushed = json.writeValueAsString(new StatusReport.Source("running", "ASF pushed by 10.0.0.5:5000 by PUT", null,
                new StatusReport.Publisher(true, "10.0.0.5", 5000, "2026-12-03T11:00:00Z", "PUT")));
        assertThat(json.readTree(pushed).get("publisher").get("connected").asBoolean()).isTrue();
        assertThat(json.readTree(pushed).get("publisher").get("address").asText()).isEqualTo("10.0.0.5");
        assertThat(json.readTree(pushed).get("publisher").get("since").asText()).isEqualTo("2026-12-03T11:00:00Z");
        assertThat(pushed).doesNotContain("secret-token");
    }
}
