package org.asfcast.asf.auth;

import java.util.Objects;

/**
 * What a Digest {@code response} is computed over, apart from the client's counters.
 *
 * @param user     the user name
 * @param password the password
 * @param realm    the challenge's realm
 * @param method   the request's method, e.g. {@code PUT}
 * @param uri      the request target, as in the {@code uri} parameter
 * @param nonce    the server's nonce
 */
public record DigestRequest(String user, String password, String realm, String method, String uri, String nonce) {

    /** Checks for nulls. */
    public DigestRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(nonce, "nonce");
    }

    @Override
    public String toString() {
        return "DigestRequest[" + user + ", " + method + " " + uri + "]"; // never the password
    }
}
