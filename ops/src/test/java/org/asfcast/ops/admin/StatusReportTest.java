package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    @Test
    void aLongUserAgentIsCutWithoutSplittingACharacter() {
        assertThat(StatusReport.cut("NSPlayer/12.0")).isEqualTo("NSPlayer/12.0");
        assertThat(StatusReport.cut("x".repeat(300))).hasSize(StatusReport.MAX_USER_AGENT);
        String pair = "x".repeat(StatusReport.MAX_USER_AGENT - 1) + "\uD83D\uDE00" + "tail";
        assertThat(StatusReport.cut(pair)).hasSize(StatusReport.MAX_USER_AGENT - 1).doesNotContain("\uD83D");
    }

    @Test
    void clientTextIsEscapedByTheJsonWriter() throws Exception {
        StatusReport.Client c = new StatusReport.Client(1, "127.0.0.1", "evil\"}\n<script>\u0007", "http",
                "2026-01-01T00:00:00Z", 0, 0, 0);
        StatusReport.Point p = new StatusReport.Point("/tv", "broadcast", new StatusReport.Source("running", "x"),
                List.of(), 1, 1, 0, 0, 0, 0, Map.of(), List.of(c));
        String json = new ObjectMapper().writeValueAsString(p);
        assertThat(json).contains("evil\\\"}\\n<script>\\u0007");
        assertThat(new ObjectMapper().readTree(json).get("clients").get(0).get("userAgent").asText())
                .isEqualTo("evil\"}\n<script>\u0007");
    }
}
