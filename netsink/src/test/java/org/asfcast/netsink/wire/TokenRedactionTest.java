package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tokens in a query or a {@code /t/T/} path prefix are cut to 4 characters; nothing else changes. */
class TokenRedactionTest {

    @Test
    void aQueryTokenKeepsItsFirstFourCharacters() {
        assertThat(TokenRedaction.uri("/radio?token=s3cretS3cret")).isEqualTo("/radio?token=s3cr\u2026");
        assertThat(TokenRedaction.uri("/radio?a=1&token=abcdefgh&b=2")).isEqualTo("/radio?a=1&token=abcd\u2026&b=2");
        assertThat(TokenRedaction.uri("/radio?TOKEN=abcdefghij#x")).isEqualTo("/radio?TOKEN=abcd\u2026#x");
    }

    @Test
    void everyTokenParameterIsCut() {
        assertThat(TokenRedaction.uri("/r?token=aaaaaaaaa&token=bbbbbbbbb")).isEqualTo("/r?token=aaaa\u2026&token=bbbb\u2026");
    }

    @Test
    void aPathTokenIsCutToo() {
        assertThat(TokenRedaction.uri("/t/0123456789abcdef/radio")).isEqualTo("/t/0123\u2026/radio");
        assertThat(TokenRedaction.uri("/t/0123456789abcdef")).isEqualTo("/t/0123\u2026");
        assertThat(TokenRedaction.uri("/t/0123456789/files/a.asf?token=zzzzzzzzzz"))
                .isEqualTo("/t/0123\u2026/files/a.asf?token=zzzz\u2026");
    }

    @Test
    void aShortTokenIsNeverShownWhole() {
        assertThat(TokenRedaction.uri("/r?token=abc")).isEqualTo("/r?token=a\u2026");
        assertThat(TokenRedaction.uri("/r?token=a")).isEqualTo("/r?token=\u2026");
        assertThat(TokenRedaction.uri("/t/ab/r")).isEqualTo("/t/a\u2026/r");
    }

    @Test
    void whatHoldsNoTokenIsKeptAsSent() {
        for (String uri : new String[] {"/", "/radio", "/radio?", "/radio?tokens=abcdefgh", "/radio?mytoken=abcdefgh",
                "/radio?token", "/radio?token=", "/files/t/abcdefgh/x.asf", "/t/", "/tt/abcdefgh/x", "/r?a=1&&b=2", ""}) {
            assertThat(TokenRedaction.uri(uri)).as(uri).isEqualTo(uri);
        }
    }
}
