package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The router and the other pure parts of the server: paths, metafile authorities, connection rates. */
class RouterTest {

    private static Router<String> router() {
        Map<String, String> points = new LinkedHashMap<>();
        points.put("/radio", "radio");
        points.put("/tv/", "tv");
        points.put("/", "root");
        points.put("/a/b", "deep");
        return Router.of(points);
    }

    @Test
    void aPathReachesItsPointIgnoringOneTrailingSlash() {
        Router<String> r = router();
        assertThat(r.route("/radio")).isEqualTo(new Router.Stream<>("/radio", "radio"));
        assertThat(r.route("/radio/")).isEqualTo(new Router.Stream<>("/radio", "radio"));
        assertThat(r.route("/tv")).isEqualTo(new Router.Stream<>("/tv", "tv"));
        assertThat(r.route("/")).isEqualTo(new Router.Stream<>("/", "root"));
        assertThat(r.route("/a/b")).isEqualTo(new Router.Stream<>("/a/b", "deep"));
        assertThat(r.route("/radiox")).isEqualTo(new Router.NoPoint<>());
        assertThat(r.route("/radio//")).isEqualTo(new Router.NoPoint<>());
        assertThat(r.route("/a")).isEqualTo(new Router.NoPoint<>());
        assertThat(r.points().keySet()).containsExactly("/radio", "/tv", "/", "/a/b");
    }

    @Test
    void aFolderPointGetsEveryPathBelowItTheDeepestFolderWinning() {
        Router<String> r = router().withFolder("/archive", "archive").withFolder("/archive/old", "old")
                .with("/archive/live", "live");
        assertThat(r.route("/archive")).isEqualTo(new Router.InFolder<>("/archive", "archive", ""));
        assertThat(r.route("/archive/")).isEqualTo(new Router.InFolder<>("/archive", "archive", ""));
        assertThat(r.route("/archive/a.wmv")).isEqualTo(new Router.InFolder<>("/archive", "archive", "a.wmv"));
        assertThat(r.route("/archive/sub/a.wmv")).isEqualTo(new Router.InFolder<>("/archive", "archive", "sub/a.wmv"));
        assertThat(r.route("/archive/sub/")).isEqualTo(new Router.InFolder<>("/archive", "archive", "sub/"));
        assertThat(r.route("/archive/a.wmv.asx")).isEqualTo(new Router.InFolder<>("/archive", "archive", "a.wmv.asx"));
        // The traversal is handed on as it came: the folder point resolves it against its root (and refuses it).
        assertThat(r.route("/archive/../x")).isEqualTo(new Router.InFolder<>("/archive", "archive", "../x"));
        assertThat(r.route("/archive/old/b.wmv")).isEqualTo(new Router.InFolder<>("/archive/old", "old", "b.wmv"));
        assertThat(r.route("/archive/live")).isEqualTo(new Router.Stream<>("/archive/live", "live"));
        assertThat(r.route("/archivex/a.wmv")).isEqualTo(new Router.NoPoint<>());
        assertThat(r.route("/archive.asx")).isEqualTo(new Router.NoPoint<>()); // a folder has no metafile of its own
        assertThat(r.isFolder("/archive/")).isTrue();
        assertThat(r.isFolder("/radio")).isFalse();
        assertThat(r.without("/archive").route("/archive/a.wmv")).isEqualTo(new Router.NoPoint<>());
        assertThat(r.with("/archive", "live again").route("/archive/a.wmv")).isEqualTo(new Router.NoPoint<>());
    }

    @Test
    void aFolderPointAtTheRootGetsWhatNoOtherPointHas() {
        Router<String> r = Router.<String>empty().with("/radio", "radio").withFolder("/", "files");
        assertThat(r.route("/radio")).isEqualTo(new Router.Stream<>("/radio", "radio"));
        assertThat(r.route("/radio.asx")).isEqualTo(new Router.Metafile<>("/radio", "radio"));
        assertThat(r.route("/")).isEqualTo(new Router.InFolder<>("/", "files", ""));
        assertThat(r.route("/a.wmv")).isEqualTo(new Router.InFolder<>("/", "files", "a.wmv"));
        assertThat(r.route("/radio/a.wmv")).isEqualTo(new Router.InFolder<>("/", "files", "radio/a.wmv"));
    }

    @Test
    void pathDotAsxIsThePointsMetafile() {
        Router<String> r = router();
        assertThat(r.route("/radio.asx")).isEqualTo(new Router.Metafile<>("/radio", "radio"));
        assertThat(r.route("/tv.asx")).isEqualTo(new Router.Metafile<>("/tv", "tv"));
        assertThat(r.route("/.asx")).isEqualTo(new Router.Metafile<>("/", "root"));
        assertThat(r.route("/a/b.asx")).isEqualTo(new Router.Metafile<>("/a/b", "deep"));
        assertThat(r.route("/other.asx")).isEqualTo(new Router.NoPoint<>());
    }

    @Test
    void changesMakeANewRouterAndLeaveTheOldOneAsItWas() {
        Router<String> r = router();
        Router<String> changed = r.without("/radio/").with("/new", "new");
        assertThat(changed.route("/radio")).isEqualTo(new Router.NoPoint<>());
        assertThat(changed.point("/new")).contains("new");
        assertThat(r.point("/radio")).contains("radio");
        assertThat(r.point("/new")).isEmpty();
    }

    @Test
    void aBadPathOrTwoPointsOnOnePathAreRefusedWithASentence() {
        for (String bad : new String[] {"radio", "", "/a//b", "/a/../b", "/./a", "/x.asx", "/a\u0007b"}) {
            assertThatThrownBy(() -> Router.checkPath(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a point's path");
        }
        assertThatThrownBy(() -> Router.of(Map.of("/a", "1", "/a/", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two points have the path /a");
    }

    @Test
    void theMetafileNamesTheHostAskedForOnlyWhenItIsAHost() throws Exception {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080);
        InetSocketAddress local6 = new InetSocketAddress(InetAddress.getByName("::1"), 8080);
        assertThat(Authority.forMetafile(Optional.of("radio.example.org"), Optional.empty(), local))
                .isEqualTo("radio.example.org");
        assertThat(Authority.forMetafile(Optional.of("[2001:db8::1]:81"), Optional.empty(), local))
                .isEqualTo("[2001:db8::1]:81");
        assertThat(Authority.forMetafile(Optional.of("x\"/><a"), Optional.of("cast.example"), local))
                .isEqualTo("cast.example:8080");
        assertThat(Authority.forMetafile(Optional.empty(), Optional.empty(), local)).isEqualTo("127.0.0.1:8080");
        assertThat(Authority.forMetafile(Optional.empty(), Optional.empty(), local6)).isEqualTo("[0:0:0:0:0:0:0:1]:8080");
    }

    @Test
    void theConnectionRateCountsPerAddressPerSecondAndForgetsTheOldest() throws Exception {
        ConnectionRate rate = new ConnectionRate();
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        long t = 5_000_000_000L;
        assertThat(rate.admit(a, 2, t)).isTrue();
        assertThat(rate.admit(a, 2, t + 1)).isTrue();
        assertThat(rate.admit(a, 2, t + 2)).isFalse();
        assertThat(rate.admit(b, 2, t + 3)).isTrue();
        assertThat(rate.admit(a, 2, t + 1_000_000_000L)).isTrue();
        for (int i = 0; i < ConnectionRate.ADDRESSES + 10; i++) {
            rate.admit(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), 1, t);
        }
        assertThat(rate.size()).isEqualTo(ConnectionRate.ADDRESSES);
    }
}
