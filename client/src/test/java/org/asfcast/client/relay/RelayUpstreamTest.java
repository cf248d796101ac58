package org.asfcast.client.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.asfcast.client.Transport;
import org.junit.jupiter.api.Test;

/** The origin's URL as a config file writes it: what is accepted, how it is asked, and a sentence for what is not. */
class RelayUpstreamTest {

    @Test
    void mmshAndHttpMeanMsWmspAndPlainMustBeAskedFor() {
        assertThat(RelayUpstream.parse("mmsh://origin:8080/live"))
                .isEqualTo(new RelayUpstream(URI.create("mmsh://origin:8080/live"), Transport.WMSP));
        assertThat(RelayUpstream.parse("http://origin/live").transport()).isEqualTo(Transport.WMSP);
        RelayUpstream plain = RelayUpstream.parse("http://origin:81/live?x=1", "plain");
        assertThat(plain).isEqualTo(new RelayUpstream(URI.create("http://origin:81/live?x=1"), Transport.PLAIN_HTTP));
        assertThat(plain.describe()).isEqualTo("http://origin:81/live?x=1 (plain HTTP)");
    }

    @Test
    void theSchemeIsReadInAnyCaseAndAMissingPathIsTheRoot() {
        assertThat(RelayUpstream.parse(" MMSH://origin:8080 ").uri()).isEqualTo(URI.create("mmsh://origin:8080/"));
        assertThat(RelayUpstream.parse("mmsh://[::1]:8080/a%20b").uri()).isEqualTo(URI.create("mmsh://[::1]:8080/a%20b"));
    }

    @Test
    void eachWrongUrlIsASentence() {
        assertThatThrownBy(() -> RelayUpstream.parse("rtsp://cam/live")).hasMessage("must be an mmsh:// or http:// URL, not a rtsp:// one");
        assertThatThrownBy(() -> RelayUpstream.parse("origin:8080/live")).hasMessageStartingWith("must be an mmsh:// or http:// URL");
        assertThatThrownBy(() -> RelayUpstream.parse("/live")).hasMessage("must be an mmsh:// or http:// URL, not \"/live\"");
        assertThatThrownBy(() -> RelayUpstream.parse("mmsh:///live")).hasMessageStartingWith("has no host name");
        assertThatThrownBy(() -> RelayUpstream.parse("mmsh://origin:99999/live")).hasMessageContaining("a port is 1 to 65535");
        assertThatThrownBy(() -> RelayUpstream.parse("mmsh://origin:/live")).hasMessage("has an empty port after the colon");
        assertThatThrownBy(() -> RelayUpstream.parse("mmsh://u:p@origin/live")).hasMessageStartingWith("has a user name");
        assertThatThrownBy(() -> RelayUpstream.parse("mmsh://origin/live#x")).hasMessageStartingWith("has a #fragment");
        assertThatThrownBy(() -> RelayUpstream.parse("mmsh://origin/li ve")).hasMessageStartingWith("is not a URL");
        assertThatThrownBy(() -> RelayUpstream.parse("mmsh://origin/live", "plain"))
                .hasMessage("asks for plain HTTP, which needs an http:// URL, not an mmsh:// one");
        assertThatThrownBy(() -> RelayUpstream.parse("http://origin/live", "rtp"))
                .hasMessage("protocol must be wmsp or plain, not \"rtp\"");
    }
}
