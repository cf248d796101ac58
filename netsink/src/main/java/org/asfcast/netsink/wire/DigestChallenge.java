package org.asfcast.netsink.wire;

import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.auth.AuthParams;
import org.asfcast.asf.auth.DigestAlgorithm;

/**
 * The {@code WWW-Authenticate} values of a 401 to a publisher: Digest with each algorithm the point
 * offers (SHA-256, then MD5, unless told otherwise), then Basic, one challenge per header line,
 * strongest first (RFC 7616 §3.7). Clients choose
 * differently among them: curl answers the first Digest it reads (SHA-256), FFmpeg the last (it
 * knows only MD5), and both prefer Digest to Basic; a client that knows only Basic finds it too.
 * Pure.
 */
public final class DigestChallenge {

    private DigestChallenge() {
    }

    /**
     * The realm of a point: its name with what is not printable ASCII as {@code ?}, the same in the
     * challenge and in the check, since the client hashes what it was sent.
     */
    public static String realm(String point) {
        return point.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** The Basic challenge for {@code realm}. */
    public static String basic(String realm) {
        return "Basic realm=" + AuthParams.quoted(realm);
    }

    /** A Digest challenge for {@code realm} with {@code nonce}; {@code stale} says the last nonce expired. */
    public static String digest(DigestAlgorithm algorithm, String realm, String nonce, boolean stale) {
        return "Digest realm=" + AuthParams.quoted(realm) + ", qop=\"auth\", algorithm=" + algorithm.token()
                + ", nonce=" + AuthParams.quoted(nonce) + (stale ? ", stale=true" : "");
    }

    /** Every challenge for a point with a user and password: Digest with each of {@code algorithms}, then Basic. */
    public static List<String> all(List<DigestAlgorithm> algorithms, String realm, String nonce, boolean stale) {
        List<String> out = new ArrayList<>();
        for (DigestAlgorithm a : algorithms) {
            out.add(digest(a, realm, nonce, stale));
        }
        out.add(basic(realm));
        return out;
    }
}
