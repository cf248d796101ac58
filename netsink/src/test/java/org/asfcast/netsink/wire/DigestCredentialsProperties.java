package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.asfcast.asf.auth.AuthParams;

/**
 * Authorization and WWW-Authenticate values made of the grammar's own pieces, cut and shuffled:
 * reading them never throws, and what cannot be read says why.
 */
class DigestCredentialsProperties {

    private static final List<String> PIECES = List.of("Digest", "Basic", " ", ",", "=", "\"", "\\", "\t", "username",
            "realm", "nonce", "uri", "response", "qop", "auth", "nc", "00000001", "cnonce", "algorithm", "SHA-256", "MD5",
            "username*", "UTF-8''", "%C3%A4", "%", "userhash", "true", "/live?token=a%2F", "\u00ff", "abc==", "x");

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> pieces = Arbitraries.of(PIECES);
        Arbitrary<String> noise = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(4);
        return Arbitraries.oneOf(pieces, pieces, pieces, noise).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property
    void readingNeverThrowsAndAProblemIsASentence(@ForAll("values") String value) {
        DigestCredentials.Reading reading = DigestCredentials.read(value);
        assertThat(reading.credentials().isPresent()).isNotEqualTo(reading.problem().isPresent());
        reading.problem().ifPresent(p -> assertThat(p).endsWith("."));
        AuthParams.challenges(value);
        DigestCredentials.isDigest(value);
    }

    @Property
    void aWellFormedHeaderWithOneParameterCutShortIsNotRead(@ForAll("cut") int cut) {
        String whole = DigestCredentialsTest.RFC_SHA256;
        String part = whole.substring(0, cut);
        DigestCredentials.Reading reading = DigestCredentials.read(part);
        if (reading.credentials().isPresent()) {
            // Only a cut at a parameter's end can still read: then every field it needs is there.
            assertThat(part).contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
        }
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.integers().between(0, DigestCredentialsTest.RFC_SHA256.length());
    }
}
