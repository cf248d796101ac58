package org.asfcast.netsink.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenRedactionTest {

    @Test
    void aQueryTokenKeepsItsFirstFourCharacters() {
        assertEquals("/radio?token=abcd\u2026", TokenRedaction.uri("/radio?token=abcdefghijkl"));
        assertEquals("/radio?a=1&token=abcd\u2026&b=2", TokenRedaction.uri("/radio?a=1&token=abcdefghij&b=2"));
    }

    @Test
    void everyTokenParameterIsShortened() {
        assertEquals("/r?token=abcd\u2026&token=zyxw\u2026", TokenRedaction.uri("/r?token=abcdefgh&token=zyxwvuts"));
    }

    @Test
    void aPathPrefixTokenKeepsItsFirstFourCharacters() {
        assertEquals("/t/abcd\u2026/radio", TokenRedaction.uri("/t/abcdefghijkl/radio"));
        assertEquals("/t/abcd\u2026", TokenRedaction.uri("/t/abcdefghijkl"));
        assertEquals("/t/abcd\u2026/radio?x=1&token=1234\u2026", TokenRedaction.uri("/t/abcdefghijkl/radio?x=1&token=123456789"));
    }

    @Test
    void aShortTokenShowsAtMostHalfOfItself() {
        assertEquals("/r?token=ab\u2026", TokenRedaction.uri("/r?token=abcde"));
        assertEquals("/r?token=\u2026", TokenRedaction.uri("/r?token=a"));
        assertEquals("/t/ab\u2026/r", TokenRedaction.uri("/t/abcd/r"));
    }

    @Test
    void aQueryAloneIsRedactedToo() {
        assertEquals("token=abcd\u2026&x=1", TokenRedaction.uri("token=abcdefghij&x=1"));
    }

    @Test
    void otherUrisAndLookalikesStayAsTheyAre() {
        assertEquals("/radio", TokenRedaction.uri("/radio"));
        assertEquals("/radio?mytoken=abcdefgh", TokenRedaction.uri("/radio?mytoken=abcdefgh"));
        assertEquals("/radio?token=", TokenRedaction.uri("/radio?token="));
        assertEquals("/archive/t/abcdefgh/x", TokenRedaction.uri("/archive/t/abcdefgh/x"));
        assertEquals("/tv/abcdefgh", TokenRedaction.uri("/tv/abcdefgh"));
        assertEquals("", TokenRedaction.uri(null));
    }
}
