package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A relay's source in the status JSON: a {@code relay} object beside state and description, absent for other sources. */
class RelayStatusJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRelaysSourceCarriesItsOriginsState() throws Exception {
        RelayState relay = new RelayState("reconnecting", "2026-12-03T11:00:00Z", "mmsh://origin:8080/live", 3, 123_456);
        JsonNode source = json.readTree(json.writeValueAsString(new StatusReport.Source("running", "relay of x", relay)));
        assertThat(source.path("state").asText()).isEqualTo("running");
        assertThat(source.path("description").asText()).isEqualTo("relay of x");
        JsonNode r = source.path("relay");
        assertThat(r.path("state").asText()).isEqualTo("reconnecting");
        assertThat(r.path("since").asText()).isEqualTo("2026-12-03T11:00:00Z");
        assertThat(r.path("upstream").asText()).isEqualTo("mmsh://origin:8080/live");
        assertThat(r.path("reconnects").asLong()).isEqualTo(3);
        assertThat(r.path("bytesIn").asLong()).isEqualTo(123_456);
    }

    @Test
    void anotherSourceHasNoRelayField() throws Exception {
        JsonNode source = json.readTree(json.writeValueAsString(new StatusReport.Source("running", "test pattern")));
        assertThat(source.has("relay")).isFalse();
        assertThat(source.size()).as("the fields of schema 1 as before").isEqualTo(2);
        assertThat(new SourceState(SourceState.State.RUNNING, "x", 0).relay()).isEmpty();
    }
}
