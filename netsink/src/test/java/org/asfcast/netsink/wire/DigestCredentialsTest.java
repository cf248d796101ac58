package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.asfcast.asf.auth.DigestAlgorithm;
import org.junit.jupiter.api.Test;

/** Reading Authorization: Digest, RFC 7616's example first; a malformed one says why and never throws. */
class DigestCredentialsTest {

    /** RFC 7616 §3.9.1's SHA-256 Authorization. */
    static final String RFC_SHA256 = "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\","
            + " algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001,"
            + " cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth,"
            + " response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\","
            + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    @Test
    void theRfcsExampleIsRead() {
        DigestCredentials c = DigestCredentials.read(RFC_SHA256).credentials().orElseThrow();
        assertThat(c.username()).isEqualTo("Mufasa");
        assertThat(c.realm()).isEqualTo("http-auth@example.org");
        assertThat(c.algorithm()).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(c.nc()).isEqualTo("00000001");
        assertThat(c.response()).startsWith("753927fa");
        assertThat(c.userhash()).isFalse();
        assertThat(DigestCredentials.isDigest(RFC_SHA256)).isTrue();
        assertThat(DigestCredentials.isDigest("Basic dXNlcjpwYXNz")).isFalse();
        assertThat(DigestCredentials.isDigest("DigestX a=b")).isFalse();
    }

    @Test
    void ffmpegsFormWithAQuotedQopAndNoAlgorithmIsMd5() {
        // FFmpeg 5.1 (libavformat/httpauth.c) quotes qop and names no algorithm when the challenge named MD5... or none.
        DigestCredentials c = DigestCredentials.read("Digest username=\"encoder\",realm=\"/live\",nonce=\"n\",uri=\"/live\","
                + "response=\"0123456789ABCDEF0123456789abcdef\",qop=\"auth\",cnonce=\"a1b2c3d4e5f60718\",nc=00000001")
                .credentials().orElseThrow();
        assertThat(c.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(c.response()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void anExtendedUsernameIsDecoded() {
        DigestCredentials c = DigestCredentials.read(RFC_SHA256.replace("username=\"Mufasa\"", "username*=UTF-8''J%C3%A4s%C3%B8n"))
                .credentials().orElseThrow();
        assertThat(c.username()).isEqualTo("Jäsøn");
        assertThat(DigestCredentials.read(RFC_SHA256.replace("username=\"Mufasa\"", "username*=latin1''x")).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("username*"));
    }

    @Test
    void malformedOrUnusableCredentialsSayWhy() {
        String[][] cases = {
            {"Digest", "username"},
            {"Digest username=\"Mufasa", "grammar"},
            {"Digest abc==", "grammar"},
            {RFC_SHA256.replace("username=\"Mufasa\", ", ""), "username"},
            {RFC_SHA256 + ", username*=UTF-8''x", "username"},
            {RFC_SHA256.replace("uri=\"/dir/index.html\", ", ""), "uri"},
            {RFC_SHA256.replace("response=", "respons="), "response"},
            {RFC_SHA256.replace("realm=", "realn="), "realm"},
            {RFC_SHA256.replace("nonce=\"7ypf", "nonc=\"7ypf"), "nonce"},
            {RFC_SHA256.replace("algorithm=SHA-256", "algorithm=SHA-512"), "algorithm"},
            {RFC_SHA256.replace("qop=auth", "qop=auth-int"), "qop=auth"},
            {RFC_SHA256.replace(" qop=auth,", ""), "qop=auth"},
            {RFC_SHA256.replace("nc=00000001", "nc=1"), "nc"},
            {RFC_SHA256.replace("nc=00000001", "nc=0000000g"), "nc"},
            {RFC_SHA256.replace("cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\"", "cnonce=\"\""), "cnonce"},
            {RFC_SHA256.replace("nc=00000001", "nc=00000001, nc=00000002"), "grammar"},
        };
        for (String[] c : cases) {
            DigestCredentials.Reading r = DigestCredentials.read(c[0]);
            assertThat(r.credentials()).as("%s", c[0]).isEmpty();
            assertThat(r.problem()).as("%s", c[0]).hasValueSatisfying(p -> assertThat(p).contains(c[1]).endsWith("."));
        }
    }

    @Test
    void theUriMustNameTheRequestsTarget() {
        RequestHead head = CapturedRequests.parse("PUT /live%20now?token=a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(with("/live%20now?token=a%2Fb").targets(head)).isTrue();
        assertThat(with("/live now?token=a%2Fb").targets(head)).isTrue();
        assertThat(with("http://x:8080/live%20now?token=a%2Fb").targets(head)).isTrue();
        assertThat(with("/live%20now").targets(head)).isFalse();
        assertThat(with("/live%20now?token=a/b").targets(head)).isFalse();
        assertThat(with("/other?token=a%2Fb").targets(head)).isFalse();
        assertThat(with("/live%2").targets(head)).isFalse();
        assertThat(with("*").targets(head)).isFalse();
        RequestHead root = CapturedRequests.parse("PUT / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(with("http://x").targets(root)).isTrue();
    }

    private static DigestCredentials with(String uri) {
        return new DigestCredentials("u", false, "r", "n", uri, "00", DigestAlgorithm.MD5, "00000001", "c");
    }
}
