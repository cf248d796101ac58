package org.asfcast.client.push;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.asfcast.client.ResponseHead;

/**
 * What a server's answer to a PushSetup or PushStart means for the sink ([MS-WMHTTP] §3.1.5), and
 * the sentence that says so. Pure.
 *
 * @param verdict  what to do next
 * @param sentence what happened, for a person (status, reason and the server's own first line)
 * @param pushId   the push-id of a {@code Set-Cookie}, when the answer carried one
 */
record PushAnswer(Verdict verdict, String sentence, Optional<String> pushId) {

    /** What the sink does after an answer. */
    enum Verdict {
        /** Success: go on (stream, or send the next PushStart). */
        ACCEPTED,
        /** 401 asking for Digest or Basic: send the request again, answering its challenge with the URL's credentials. */
        AUTHENTICATE,
        /** A PushStart refused for its session (the server forgot the push-id): set up a new session. */
        SESSION_LOST,
        /** The server cannot take it now (408, 409, 429, 5xx): try again after a back-off. */
        RETRY,
        /** Trying again cannot help (refused credentials, 403, no such point, not a Windows Media server). */
        FAIL
    }

    /** What credentials the answered request carried. */
    enum Sent {
        /** None. */
        NONE,
        /** An answer to the challenge just received (or Basic, which has no nonce): a 401 refuses them. */
        FIRST,
        /**
         * An answer with a Digest nonce used before: a 401 may only mean the nonce is old (stale) or
         * unknown (the server restarted), so its new challenge is answered once more.
         */
        REUSED
    }

    /**
     * Reads an answer.
     *
     * @param head            the response head
     * @param serverLine      the first line of the response's body, empty if none (a server's sentence)
     * @param setup           whether it answers a PushSetup (else a PushStart)
     * @param sent            what credentials the request carried
     * @param haveCredentials whether the URL has credentials
     */
    static PushAnswer of(ResponseHead head, String serverLine, boolean setup, Sent sent, boolean haveCredentials) {
        int status = head.status();
        String request = setup ? "PushSetup" : "PushStart";
        String answered = "the server answered the " + request + " with " + status
                + (head.reason().isEmpty() ? "" : " " + head.reason())
                + (serverLine.isBlank() ? "" : " (\"" + printable(serverLine) + "\")");
        Optional<String> pushId = pushId(head);
        if (status >= 200 && status < 300) {
            String server = head.value("Server").orElse("");
            if (!isWindowsMediaServer(server)) {
                return new PushAnswer(Verdict.FAIL, answered + ", but it is not a Windows Media server: its Server header is "
                        + (server.isEmpty() ? "missing" : "'" + printable(server) + "'")
                        + ", where MS-WMHTTP needs Cougar/<version> or Rex/<version>", pushId);
            }
            if (setup && pushId.isEmpty()) {
                return new PushAnswer(Verdict.FAIL, answered + " but no push-id cookie (Set-Cookie: push-id=...)", pushId);
            }
            return new PushAnswer(Verdict.ACCEPTED, answered, pushId);
        }
        if (status == 401) {
            List<String> challenges = head.values("WWW-Authenticate");
            boolean answerable = PushAuthorization.answerable(challenges);
            if (answerable && haveCredentials && sent != Sent.FIRST) {
                return new PushAnswer(Verdict.AUTHENTICATE, answered
                        + (sent == Sent.REUSED && PushAuthorization.stale(challenges) ? " (stale nonce)" : ""), pushId);
            }
            String why = sent == Sent.FIRST ? ": it refused the URL's credentials"
                    : !answerable ? ": it asks for " + schemes(head) + ", and asfcast's push answers only Digest and Basic"
                    : ": it asks for credentials; put them in the URL (http://user:password@host/point)";
            return new PushAnswer(Verdict.FAIL, answered + why, pushId);
        }
        if (status >= 300 && status < 400) {
            return new PushAnswer(Verdict.FAIL, answered + ": it sends the push to "
                    + head.value("Location").map(PushAnswer::printable).orElse("another place")
                    + "; asfcast does not follow a push's redirects, so push there", pushId);
        }
        if (status == 408 || status == 409 || status == 429 || status >= 500) {
            return new PushAnswer(Verdict.RETRY, answered, pushId);
        }
        if (!setup && status != 403) {
            return new PushAnswer(Verdict.SESSION_LOST, answered, pushId);
        }
        return new PushAnswer(Verdict.FAIL, answered, pushId);
    }

    /** Whether a Server header names a server that speaks MS-WMHTTP (MS-WMSP §2.2.1.5: Cougar or Rex, a version). */
    static boolean isWindowsMediaServer(String server) {
        String s = server.strip().toLowerCase(Locale.ROOT);
        for (String token : new String[] {"cougar/", "rex/"}) {
            if (s.startsWith(token) && s.length() > token.length() && Character.isDigit(s.charAt(token.length()))) {
                return true;
            }
        }
        return false;
    }

    /** The push-id of the answer's {@code Set-Cookie: push-id=...} lines (attributes after ';' dropped). */
    static Optional<String> pushId(ResponseHead head) {
        for (String cookie : head.values("Set-Cookie")) {
            for (String part : cookie.split(";")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "push-id=", 0, 8)) {
                    // It goes back in every Cookie line: visible characters only, at most 255 (§3.2.3), never "0".
                    String id = p.substring(8).strip();
                    return id.matches("[\\x21-\\x7E&&[^;,]]{1,255}") && !id.equals("0") ? Optional.of(id) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String schemes(ResponseHead head) {
        String list = String.join(", ", head.values("WWW-Authenticate").stream()
                .map(v -> v.split("\\s+", 2)[0]).distinct().toList());
        return list.isEmpty() ? "credentials without saying how" : printable(list);
    }

    private static String printable(String text) {
        String cut = text.length() > 120 ? text.substring(0, 120) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7E…]", "?");
    }
}
