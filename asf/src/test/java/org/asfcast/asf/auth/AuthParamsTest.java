package org.asfcast.asf.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading challenges and credentials by RFC 7235's grammar; what does not follow it is not read. */
class AuthParamsTest {

    @Test
    void theRfcsAuthorizationIsReadWithItsQuotedStrings() {
        AuthParams a = AuthParams.credentials("Digest username=\"Mufasa\", realm=\"http-auth@example.org\","
                + " uri=\"/dir/index.html\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth,"
                + " response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"").orElseThrow();
        assertThat(a.is("digest")).isTrue();
        assertThat(a.param("USERNAME")).contains("Mufasa");
        assertThat(a.param("algorithm")).contains("SHA-256");
        assertThat(a.param("nc")).contains("00000001");
        assertThat(a.param("qop")).contains("auth");
        assertThat(a.params()).hasSize(10);
    }

    @Test
    void escapesInAQuotedStringAreUndone() {
        AuthParams a = AuthParams.credentials("Digest username=\"a\\\"b\\\\c\",realm = \"r, with comma\"").orElseThrow();
        assertThat(a.param("username")).contains("a\"b\\c");
        assertThat(a.param("realm")).contains("r, with comma");
        assertThat(AuthParams.credentials("Digest username=" + AuthParams.quoted("x\"y\\z")).orElseThrow()
                .param("username")).contains("x\"y\\z");
    }

    @Test
    void basicsToken68IsReadAsOne() {
        AuthParams a = AuthParams.credentials("Basic dXNlcjpwYXNz").orElseThrow();
        assertThat(a.token68()).contains("dXNlcjpwYXNz");
        assertThat(a.params()).isEmpty();
    }

    @Test
    void severalChallengesInOneValueAreSplitAtTheNextScheme() {
        List<AuthParams> list = AuthParams.challenges("Digest realm=\"/live\", qop=\"auth\", algorithm=SHA-256,"
                + " nonce=\"n1\", Digest realm=\"/live\", algorithm=MD5, nonce=\"n2\", Basic realm=\"/live\", Negotiate");
        assertThat(list).extracting(AuthParams::scheme).containsExactly("Digest", "Digest", "Basic", "Negotiate");
        assertThat(list.get(0).param("nonce")).contains("n1");
        assertThat(list.get(1).param("algorithm")).contains("MD5");
        assertThat(list.get(2).param("realm")).contains("/live");
        assertThat(AuthParams.challenges("Negotiate abc==, Basic realm=x")).extracting(AuthParams::token68)
                .containsExactly(java.util.Optional.of("abc=="), java.util.Optional.empty());
    }

    @Test
    void malformedValuesAreNotRead() {
        for (String bad : new String[] {
            "", "   ", "Digest username=\"open", "Digest username=\"a\" realm=\"b\"", "Digest =x", "Digest a= ,b",
            "Digest a=b, a=c", "Digest a=\"\\", "Digest a=\"b\"c", "Digest,a=b", "Digest a=b,, c", "Digest a=\"\u0001\"",
            "Digest a=b c=d", "Di\"gest a=b", "Digest a=b;c"}) {
            assertThat(AuthParams.credentials(bad)).as("%s", bad).isEmpty();
        }
        assertThat(AuthParams.challenges("Digest realm=\"open")).isEmpty();
        assertThat(AuthParams.credentials(null)).isEmpty();
    }

    @Test
    void emptyListElementsAreAllowed() {
        assertThat(AuthParams.credentials("Digest a=b, , c=\"d\",").orElseThrow().params()).containsOnlyKeys("a", "c");
    }
}
