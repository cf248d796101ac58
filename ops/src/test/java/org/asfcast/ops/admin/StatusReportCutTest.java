package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status page's events list at most so many players a point, and still count them all. */
class StatusReportCutTest {

    private static StatusReport.Point point(String path, int players) {
        List<StatusReport.Client> clients = new ArrayList<>();
        for (int i = 1; i <= players; i++) {
            clients.add(new StatusReport.Client(i, "127.0.0.1", "NSPlayer/9.0", "mmsh", "2026-12-03T08:00:00Z", 1000, 0, 0));
        }
        return new StatusReport.Point(path, "broadcast", new StatusReport.Source("running", "a test"), List.of(), players,
                players, 1000L * players, 0, 0, 0, Map.of(), clients);
    }

    @Test
    void eachPointListsAtMostTheFirstPlayersAndCountsEveryOne() {
        StatusReport report = new StatusReport(StatusReport.SCHEMA,
                new StatusReport.Server("test", "2026-12-03T08:00:00Z", 1, 1203, 0, 0, 0, 0),
                List.of(point("/big", 1200), point("/small", 3)));
        StatusReport cut = report.withClientsCut(500);
        assertThat(cut.points().get(0).clients()).hasSize(500)
                .extracting(StatusReport.Client::id).startsWith(1L, 2L).endsWith(500L);
        assertThat(cut.points().get(0).players()).isEqualTo(1200);
        assertThat(cut.points().get(1)).isSameAs(report.points().get(1));
        assertThat(cut.server()).isEqualTo(report.server());
        assertThat(report.points().get(0).clients()).as("the whole status is left whole").hasSize(1200);
    }
}
