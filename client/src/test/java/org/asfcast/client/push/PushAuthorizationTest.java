package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.asfcast.asf.auth.AuthParams;
import org.asfcast.asf.auth.DigestAlgorithm;
import org.asfcast.asf.auth.DigestRequest;
import org.junit.jupiter.api.Test;

/** Which challenge the push sink answers, and what its Authorization says. */
class PushAuthorizationTest {

    private static final String SHA = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
            + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private static final String MD5 = SHA.replace("SHA-256", "MD5");

    @Test
    void digestIsPreferredToBasicAndSha256ToMd5WhateverTheOrder() {
        for (List<String> offered : List.of(List.of(SHA, MD5, "Basic realm=\"x\""), List.of("Basic realm=\"x\"", MD5, SHA),
                List.of(MD5 + ", " + SHA))) {
            assertThat(PushAuthorization.answering(offered, "Mufasa:Circle of Life").orElseThrow().scheme())
                    .as("%s", offered).isEqualTo("Digest SHA-256");
        }
        assertThat(PushAuthorization.answering(List.of("Basic realm=\"x\"", MD5), "u:p").orElseThrow().scheme())
                .isEqualTo("Digest MD5");
        assertThat(PushAuthorization.answering(List.of("Basic realm=\"x\""), "u:p").orElseThrow().scheme()).isEqualTo("Basic");
        assertThat(PushAuthorization.answering(List.of("NTLM", "Negotiate"), "u:p")).isEmpty();
        assertThat(PushAuthorization.answering(List.of(SHA.replace("auth, auth-int", "auth-int")), "u:p"))
                .as("auth-int alone").isEmpty();
        assertThat(PushAuthorization.answering(List.of("Digest realm=\"r\""), "u:p")).as("no nonce").isEmpty();
    }

    @Test
    void theDigestAnswerIsTheRfcsComputationWithItsOwnCnonceAndCountsUp() {
        PushAuthorization auth = PushAuthorization.answering(List.of(SHA), "Mufasa:Circle of Life").orElseThrow();
        AuthParams first = AuthParams.credentials(auth.header("GET", "/dir/index.html")).orElseThrow();
        assertThat(auth.reused()).isFalse();
        assertThat(first.param("username")).contains("Mufasa");
        assertThat(first.param("realm")).contains("http-auth@example.org");
        assertThat(first.param("qop")).contains("auth");
        assertThat(first.param("nc")).contains("00000001");
        assertThat(first.param("opaque")).contains("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
        assertThat(first.param("cnonce").orElseThrow()).matches("[0-9a-f]{32}");
        String expected = DigestAlgorithm.SHA_256.response(new DigestRequest("Mufasa", "Circle of Life",
                "http-auth@example.org", "GET", "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"),
                Optional.of("auth"), "00000001", first.param("cnonce").get());
        assertThat(first.param("response")).contains(expected);
        AuthParams second = AuthParams.credentials(auth.header("POST", "/live")).orElseThrow();
        assertThat(second.param("nc")).contains("00000002");
        assertThat(second.param("cnonce")).isEqualTo(first.param("cnonce"));
        assertThat(auth.reused()).isTrue();
    }

    @Test
    void aUserNameIsQuotedOrSentAsAnExtendedValue() {
        PushAuthorization quoted = PushAuthorization.answering(List.of(MD5), "a\"b:pw").orElseThrow();
        assertThat(AuthParams.credentials(quoted.header("POST", "/")).orElseThrow().param("username")).contains("a\"b");
        PushAuthorization extended = PushAuthorization.answering(List.of(MD5), "Jäsøn:pw").orElseThrow();
        assertThat(AuthParams.credentials(extended.header("POST", "/")).orElseThrow().param("username*"))
                .contains("UTF-8''J%C3%A4s%C3%B8n");
        assertThat(PushAuthorization.answering(List.of("Basic realm=x"), "u:p:q").orElseThrow().header("POST", "/"))
                .isEqualTo("Basic dTpwOnE=");
    }

    @Test
    void aStaleChallengeIsSeen() {
        assertThat(PushAuthorization.stale(List.of(SHA + ", stale=TRUE"))).isTrue();
        assertThat(PushAuthorization.stale(List.of(SHA, "Basic realm=x"))).isFalse();
        assertThat(PushAuthorization.answering(List.of(SHA), "u:p").orElseThrow().toString()).doesNotContain("p]");
    }
}
