package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutePatternTest {

    @Test
    void literalPathsMatchExactly() {
        RoutePattern p = RoutePattern.of("/api/v1/status");
        assertThat(p.match("/api/v1/status")).contains(Map.of());
        assertThat(p.match("/api/v1/status/")).isEmpty();
        assertThat(p.match("/api/v1")).isEmpty();
        assertThat(p.match("/api/v1/statusx")).isEmpty();
        assertThat(RoutePattern.of("/").match("/")).contains(Map.of());
        assertThat(RoutePattern.of("/").match("/x")).isEmpty();
    }

    @Test
    void aPointPathKeepsItsSlashes() {
        RoutePattern p = RoutePattern.of("/api/v1/points/{path+}/players/{id}/kick");
        assertThat(p.match("/api/v1/points/live/players/7/kick")).contains(Map.of("path", "/live", "id", "7"));
        assertThat(p.match("/api/v1/points/radio/one/players/12/kick"))
                .contains(Map.of("path", "/radio/one", "id", "12"));
        assertThat(p.match("/api/v1/points/players/7/kick")).isEmpty();
        assertThat(p.match("/api/v1/points/live/players//kick")).isEmpty();
        assertThat(p.match("/api/v1/points/live/players/7/kick/more")).isEmpty();
    }

    @Test
    void aTrailingManyTakesTheRest() {
        RoutePattern p = RoutePattern.of("/static/{file+}");
        assertThat(p.match("/static/js/chart.js")).contains(Map.of("file", "/js/chart.js"));
        assertThat(p.match("/static")).isEmpty();
    }

    @Test
    void badPatternsAreRefused() {
        assertThatThrownBy(() -> RoutePattern.of("api")).hasMessageContaining("starts with /");
        assertThatThrownBy(() -> RoutePattern.of("/{a+}/{b+}")).hasMessageContaining("one {name+}");
    }
}
