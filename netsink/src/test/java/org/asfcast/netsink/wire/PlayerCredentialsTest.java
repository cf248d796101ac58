package org.asfcast.netsink.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlayerCredentialsTest {

    private static RequestHead head(String request) {
        HeadParseResult result = new RequestHeadParser(8192)
                .feed(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        return ((HeadParseResult.Complete) result).head();
    }

    private static PlayerCredentials of(String target, String... fields) {
        StringBuilder r = new StringBuilder("GET " + target + " HTTP/1.0\r\nUser-Agent: NSPlayer/7.0\r\n");
        for (String f : fields) {
            r.append(f).append("\r\n");
        }
        return PlayerCredentials.of(head(r.append("\r\n").toString()));
    }

    @Test
    void aPathPrefixTokenIsTakenOutBeforeRouting() {
        PlayerCredentials c = of("/t/s3cretToken/radio/live");
        assertEquals("/radio/live", c.path());
        assertEquals(Optional.of("s3cretToken"), c.token());
        assertEquals(PlayerCredentials.TokenForm.PATH, c.form());
    }

    @Test
    void aPrefixWithNothingAfterItNamesTheRootPoint() {
        PlayerCredentials c = of("/t/s3cretToken");
        assertEquals("/", c.path());
        assertEquals(Optional.of("s3cretToken"), c.token());
        assertEquals("/", of("/t/s3cretToken/").path());
    }

    @Test
    void anEmptyPrefixIsAnOrdinaryPath() {
        PlayerCredentials c = of("/t//radio");
        assertEquals("/t//radio", c.path());
        assertEquals(PlayerCredentials.TokenForm.NONE, c.form());
    }

    @Test
    void aQueryTokenIsDecoded() {
        PlayerCredentials c = of("/radio?x=1&token=a%2Fb+c&y=2");
        assertEquals("/radio", c.path());
        assertEquals(Optional.of("a/b+c"), c.token());
        assertEquals(PlayerCredentials.TokenForm.QUERY, c.form());
    }

    @Test
    void thePathPrefixWinsOverAQueryToken() {
        PlayerCredentials c = of("/t/fromThePath/radio?token=fromTheQuery");
        assertEquals(Optional.of("fromThePath"), c.token());
    }

    @Test
    void noTokenAndEmptyTokens() {
        assertEquals(PlayerCredentials.TokenForm.NONE, of("/radio").form());
        assertEquals(PlayerCredentials.TokenForm.NONE, of("/radio?token=").form());
        assertEquals(PlayerCredentials.TokenForm.NONE, of("/radio?mytoken=abcdefgh").form());
    }

    @Test
    void basicCredentialsAreRead() {
        // "mplayer:pass:word" as MPlayer sends it
        PlayerCredentials c = of("/radio", "Authorization: Basic bXBsYXllcjpwYXNzOndvcmQ=");
        assertEquals(Optional.of(new PlayerCredentials.Basic("mplayer", "pass:word")), c.basic());
        assertEquals(Optional.of(new PlayerCredentials.Basic("mplayer", "pass:word")),
                PlayerCredentials.basic("basic   bXBsYXllcjpwYXNzOndvcmQ="));
    }

    @Test
    void malformedBasicCredentialsAreNone() {
        assertTrue(PlayerCredentials.basic("Basic !!!").isEmpty());
        assertTrue(PlayerCredentials.basic("Basic bm9jb2xvbg==").isEmpty()); // "nocolon"
        assertTrue(PlayerCredentials.basic("Digest username=\"a\"").isEmpty());
        assertTrue(PlayerCredentials.basic("Basic").isEmpty());
    }

    @Test
    void basicNeverPrintsThePassword() {
        assertEquals("Basic[user]", new PlayerCredentials.Basic("user", "hunter22").toString());
    }

    @Test
    void linksCarryTheTokenInTheFormItCameIn() {
        // the path-prefix token is decoded from %20, then encoded again as a segment
        assertEquals("/t/abc%20defgh/radio%20one", of("/t/abc%20defgh/x.asx").linkTo("/radio one"));
        assertEquals("/radio?token=abcdefgh", of("/radio.asx?token=abcdefgh").linkTo("/radio"));
        assertEquals("/radio", of("/radio.asx").linkTo("/radio"));
    }
}
