package org.asfcast.asf.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The algorithms against RFC 7616 §3.9.1's example (user Mufasa, password "Circle of Life"). */
class DigestAlgorithmTest {

    private static final DigestRequest MUFASA = new DigestRequest("Mufasa", "Circle of Life", "http-auth@example.org",
            "GET", "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void md5GivesTheRfcsResponse() {
        assertThat(DigestAlgorithm.MD5.response(MUFASA, Optional.of("auth"), "00000001", CNONCE))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void sha256GivesTheRfcsResponse() {
        assertThat(DigestAlgorithm.SHA_256.response(MUFASA, Optional.of("auth"), "00000001", CNONCE))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc2617sExampleWithQopAndRfc2069sWithout() {
        // RFC 2617 §3.5: Mufasa again, realm testrealm@host.com.
        DigestRequest r = new DigestRequest("Mufasa", "Circle Of Life", "testrealm@host.com", "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(DigestAlgorithm.MD5.response(r, Optional.of("auth"), "00000001", "0a4f113b"))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
        String a1 = DigestAlgorithm.MD5.hash("Mufasa:testrealm@host.com:Circle Of Life");
        String a2 = DigestAlgorithm.MD5.hash("GET:/dir/index.html");
        assertThat(DigestAlgorithm.MD5.response(r, Optional.empty(), "", ""))
                .isEqualTo(DigestAlgorithm.MD5.hash(a1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + a2));
    }

    @Test
    void aSessionAlgorithmHashesTheNonceAndCnonceIntoA1() {
        String a1 = DigestAlgorithm.SHA_256.hash("Mufasa:http-auth@example.org:Circle of Life");
        String sessA1 = DigestAlgorithm.SHA_256.hash(a1 + ":" + MUFASA.nonce() + ":" + CNONCE);
        String a2 = DigestAlgorithm.SHA_256.hash("GET:/dir/index.html");
        assertThat(DigestAlgorithm.SHA_256_SESS.response(MUFASA, Optional.of("auth"), "00000001", CNONCE))
                .isEqualTo(DigestAlgorithm.SHA_256.hash(sessA1 + ":" + MUFASA.nonce() + ":00000001:" + CNONCE + ":auth:" + a2));
    }

    @Test
    void namesAreReadInAnyCaseAndUnknownOnesAreNot() {
        assertThat(DigestAlgorithm.named("sha-256")).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.named("MD5-sess")).contains(DigestAlgorithm.MD5_SESS);
        assertThat(DigestAlgorithm.named("SHA-512-256")).isEmpty();
        assertThat(DigestAlgorithm.SHA_256.token()).isEqualTo("SHA-256");
    }
}
