package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {

    private final AdminRoutes routes = new AdminRoutes();

    private static AdminRequest request(String method, String path) {
        return new AdminRequest(method, path, Map.of(), Map.of(), "", new InetSocketAddress("127.0.0.1", 5000), "token");
    }

    @Test
    void theFirstMatchingRouteAnswersWithWhatItCaptured() {
        routes.add(AdminRoute.post("/p/{path+}/kick", r -> AdminResponse.sentence(200, "kick " + r.param("path"))));
        routes.add(AdminRoute.post("/p/{path+}", r -> AdminResponse.sentence(200, "other " + r.param("path"))));
        assertThat(routes.answer(request("POST", "/p/a/b/kick")).text()).isEqualTo("kick /a/b\n");
        assertThat(routes.answer(request("POST", "/p/a/b")).text()).isEqualTo("other /a/b\n");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow() {
        routes.add(AdminRoute.get("/api/v1/status", r -> AdminResponse.sentence(200, "ok")));
        AdminResponse answer = routes.answer(request("DELETE", "/api/v1/status"));
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(answer.text()).contains("/api/v1/status answers GET, HEAD, not DELETE.");
        assertThat(routes.answer(request("HEAD", "/api/v1/status")).status()).isEqualTo(200);
    }

    @Test
    void anUnknownPathIs404WithASentence() {
        AdminResponse answer = routes.answer(request("GET", "/nothing"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("The admin listener has nothing at /nothing.\n");
    }

    @Test
    void aFailingRouteIs500WithoutItsStackTrace() {
        routes.add(AdminRoute.get("/boom", r -> {
            throw new IllegalStateException("secret internals");
        }));
        AdminResponse answer = routes.answer(request("GET", "/boom"));
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.text()).doesNotContain("secret internals").contains("its log says why");
    }
}
