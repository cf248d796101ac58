package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.asfcast.netsink.Admission.Refuse;
import org.asfcast.netsink.Admission.Serve;
import org.asfcast.netsink.Admission.ServerLoad;
import org.asfcast.netsink.Admission.State;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.HeadParseResult;
import org.asfcast.netsink.wire.RequestHeadParser;
import org.asfcast.netsink.wire.RequestKind;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final State OPEN = new State(true, true, false, 0, 5);

    private static ClientRequest request(String text) {
        HeadParseResult r = new RequestHeadParser().feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        return ClientRequest.classify(((HeadParseResult.Complete) r).head());
    }

    private static final ClientRequest PLAY = request("GET / HTTP/1.0\r\nUser-Agent: NSPlayer/7.10.0.3059\r\n"
            + "Pragma: no-cache,rate=1.000000,request-context=2\r\nPragma: xPlayStrm=1\r\n\r\n");
    private static final ClientRequest DESCRIBE = request("GET / HTTP/1.0\r\nUser-Agent: NSPlayer/7.10.0.3059\r\n\r\n");
    private static final ClientRequest PLAIN = request("GET /?x=1 HTTP/1.1\r\nUser-Agent: Lavf/59\r\n\r\n");
    private static final ClientRequest HEAD = request("HEAD / HTTP/1.1\r\nUser-Agent: curl/8\r\n\r\n");
    private static final ClientRequest POST = request("POST / HTTP/1.1\r\nUser-Agent: NSPlayer/12.0\r\n\r\n");

    @Test
    void servesEachKindOnTheRightPath() {
        assertThat(Admission.decide(PLAY, OPEN)).isEqualTo(new Serve(RequestKind.WMSP_PLAY));
        assertThat(Admission.decide(DESCRIBE, OPEN)).isEqualTo(new Serve(RequestKind.WMSP_DESCRIBE));
        assertThat(Admission.decide(PLAIN, OPEN)).isEqualTo(new Serve(RequestKind.HTTP_GET));
        assertThat(Admission.decide(POST, OPEN)).isEqualTo(new Serve(RequestKind.POST));
    }

    @Test
    void refusesInOrderAddressStateLimit() {
        assertThat(Admission.decide(PLAY, new State(false, false, false, 9, 5)))
                .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.status()).isEqualTo(403));
        assertThat(Admission.decide(PLAY, new State(true, false, false, 0, 5)))
                .isInstanceOfSatisfying(Refuse.class, r -> {
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(r.retryLater()).isTrue();
                });
        assertThat(Admission.decide(PLAY, new State(true, true, true, 0, 5)))
                .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.sentence()).contains("ended"));
        for (ClientRequest wants : new ClientRequest[] {PLAY, DESCRIBE, PLAIN}) {
            assertThat(Admission.decide(wants, new State(true, true, false, 5, 5)))
                    .isInstanceOfSatisfying(Refuse.class, r -> {
                        assertThat(r.status()).isEqualTo(503);
                        assertThat(r.retryLater()).isFalse();
                        assertThat(r.sentence()).contains("maximum of 5");
                    });
        }
        // POST costs nothing: always answered to an allowed address.
        assertThat(Admission.decide(POST, new State(true, false, true, 5, 5))).isEqualTo(new Serve(RequestKind.POST));
        assertThat(Admission.decide(PLAY, new State(true, true, false, 0, 0))).isInstanceOf(Refuse.class);
    }

    @Test
    void aFullSinkServesAStreamWhenAClientIsFarEnoughBehindToGiveUpItsSlot() {
        State full = new State(true, true, false, 5, 5, false, 0, ServerLoad.NONE);
        State fullWithLaggard = new State(true, true, false, 5, 5, true, 0, ServerLoad.NONE);
        assertThat(Admission.decide(PLAY, full)).isInstanceOf(Refuse.class);
        assertThat(Admission.decide(PLAY, fullWithLaggard)).isEqualTo(new Serve(RequestKind.WMSP_PLAY));
        assertThat(Admission.decide(PLAIN, fullWithLaggard)).isEqualTo(new Serve(RequestKind.HTTP_GET));
        // A Describe takes no slot; the Play after it takes the laggard's.
        assertThat(Admission.decide(DESCRIBE, fullWithLaggard)).isEqualTo(new Serve(RequestKind.WMSP_DESCRIBE));
    }

    @Test
    void aPointThatHoldsRequestsHoldsStreamsAndDescribesUntilItStartsWithinItsLimits() {
        State notStarted = new State(true, false, false, 0, 5, false, 0, ServerLoad.NONE, true);
        State endedWhenIdle = new State(true, true, true, 0, 5, false, 0, ServerLoad.NONE, true);
        for (State waiting : new State[] {notStarted, endedWhenIdle}) {
            assertThat(Admission.decide(PLAY, waiting)).isEqualTo(new Admission.Hold(RequestKind.WMSP_PLAY));
            assertThat(Admission.decide(DESCRIBE, waiting)).isEqualTo(new Admission.Hold(RequestKind.WMSP_DESCRIBE));
            assertThat(Admission.decide(PLAIN, waiting)).isEqualTo(new Admission.Hold(RequestKind.HTTP_GET));
            assertThat(Admission.decide(POST, waiting)).isEqualTo(new Serve(RequestKind.POST));
            assertThat(Admission.decide(HEAD, waiting)).isEqualTo(new Serve(RequestKind.HEAD)); // needs no header
        }
        assertThat(Admission.decide(HEAD, new State(true, false, false, 0, 5))).isEqualTo(Admission.NOT_STARTED);
        // Limits first: a request that would be refused once the broadcast starts is refused now.
        for (ClientRequest wants : new ClientRequest[] {PLAY, DESCRIBE, PLAIN}) {
            assertThat(Admission.decide(wants, new State(true, false, false, 5, 5, false, 0, ServerLoad.NONE, true)))
                    .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.sentence()).contains("maximum of 5"));
            assertThat(Admission.decide(wants, new State(true, false, false, 0, 5, false, 0,
                    new ServerLoad(false, 10, 10, 0, 0), true)))
                    .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.sentence()).contains("maximum of 10 players"));
        }
        assertThat(Admission.decide(PLAY, new State(false, false, false, 0, 5, false, 0, ServerLoad.NONE, true)))
                .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.status()).isEqualTo(403));
        // Without holding, as the SDK's sink: 503 at once, with Retry-After.
        assertThat(Admission.decide(PLAY, new State(true, false, false, 0, 5, false, 0, ServerLoad.NONE, false)))
                .isEqualTo(Admission.NOT_STARTED);
        assertThat(Admission.didNotStart(java.time.Duration.ofSeconds(15)))
                .isEqualTo(new Refuse(503, "The broadcast did not start within 15 s; try again later.", true));
    }

    @Test
    void aPathWithNoPointNamesTheOnlyPointButNeverAList() {
        assertThat(Admission.noPoint("/other", java.util.List.of("/live")))
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(404);
                    assertThat(r.sentence()).isEqualTo("There is no broadcast at /other; the broadcast is at /live.");
                });
        assertThat(Admission.noPoint("/other\u001b[2J", java.util.List.of("/radio", "/tv")).sentence())
                .isEqualTo("There is no broadcast at /other?[2J.");
    }

    @Test
    void serverWideLimitsRefuseStreamsButNotPosts() {
        ServerLoad rate = new ServerLoad(true, 0, 0, 0, 0);
        ServerLoad players = new ServerLoad(false, 10, 10, 0, 0);
        ServerLoad bits = new ServerLoad(false, 3, 0, 2_400_000, 3_000_000);
        assertThat(Admission.decide(PLAY, new State(true, true, false, 0, 5, false, 0, rate)))
                .isInstanceOfSatisfying(Refuse.class, r -> {
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(r.sentence()).contains("Too many connections from your address");
                });
        for (ClientRequest wants : new ClientRequest[] {PLAY, DESCRIBE, PLAIN}) {
            assertThat(Admission.decide(wants, new State(true, true, false, 0, 5, false, 800_000, players)))
                    .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.sentence()).contains("maximum of 10 players"));
            assertThat(Admission.decide(wants, new State(true, true, false, 0, 5, false, 800_000, bits)))
                    .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.sentence()).contains("bandwidth"));
        }
        // Under the bit rate limit by exactly the newcomer's share: served.
        assertThat(Admission.decide(PLAY, new State(true, true, false, 0, 5, false, 600_000, bits)))
                .isEqualTo(new Serve(RequestKind.WMSP_PLAY));
        assertThat(Admission.decide(POST, new State(true, true, false, 0, 5, false, 800_000, players)))
                .isEqualTo(new Serve(RequestKind.POST));
        assertThat(Admission.decide(POST, new State(true, true, false, 0, 5, false, 0, rate))).isInstanceOf(Refuse.class);
    }
}
