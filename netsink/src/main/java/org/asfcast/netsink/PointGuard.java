package org.asfcast.netsink;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.asfcast.netsink.wire.PlayerCredentials;

/**
 * Who may play a point: players with a token ({@link PlayerTokens}) and, as an alternative, with
 * a user name and password sent as HTTP Basic (MPlayer, FFmpeg's {@code http://}). Checked before
 * {@link Admission}, after the address and connection-rate checks (so a refused address never
 * reaches a hook). Immutable; a reload sets a new one on the point
 * ({@link PublishingPoint#guard(PointGuard)}), which the next request sees.
 *
 * <p>A request without a usable credential gets 401 with a sentence; it carries
 * {@code WWW-Authenticate: Basic} only when the point has users, since only then can a player
 * that answers the challenge (MPlayer, FFmpeg) succeed; VLC fails on any 401 and WMP never sends
 * Basic to an origin. A wrong token or password gets 403; a token hook that cannot answer, 503.
 */
public final class PointGuard {

    /** A point anyone may play (its address and limits permitting). */
    public static final PointGuard OPEN = new PointGuard(PlayerTokens.NONE, Map.of());

    private final PlayerTokens tokens;
    private final Map<String, byte[]> users; // name -> SHA-256 of the password

    private PointGuard(PlayerTokens tokens, Map<String, byte[]> users) {
        this.tokens = tokens;
        this.users = users;
    }

    /**
     * A guard admitting the players {@code tokens} admit and those sending one of {@code users}
     * (name to password) as Basic credentials.
     */
    public static PointGuard of(PlayerTokens tokens, Map<String, String> users) {
        Objects.requireNonNull(tokens, "tokens");
        Map<String, byte[]> digests = new LinkedHashMap<>();
        users.forEach((name, password) -> digests.put(Objects.requireNonNull(name, "name"),
                PlayerTokens.Listed.digest(Objects.requireNonNull(password, "password"))));
        return tokens == PlayerTokens.NONE && digests.isEmpty() ? OPEN : new PointGuard(tokens, Map.copyOf(digests));
    }

    /** Whether anyone may play (no token and no user asked for). */
    public boolean isOpen() {
        return this == OPEN;
    }

    /** The tokens it asks for. */
    public PlayerTokens tokens() {
        return tokens;
    }

    /** How many users may play with a password. */
    public int users() {
        return users.size();
    }

    /** The answer of a check. */
    sealed interface Verdict {
    }

    /** Play on: admission decides the rest. */
    record Admit() implements Verdict {
    }

    /**
     * Refused before admission.
     *
     * @param challenge whether a 401 carries {@code WWW-Authenticate: Basic realm="<point>"}
     */
    record Refuse(int status, String sentence, boolean challenge) implements Verdict {
    }

    static final Admit ADMIT = new Admit();

    /**
     * Checks what {@code credentials} carries for the point at {@code point}. Never blocks: the
     * future is complete at once unless a hook is asked; then it completes on {@code loop}.
     */
    CompletableFuture<Verdict> check(PlayerCredentials credentials, InetAddress address, String point, String userAgent,
                                     ScheduledExecutorService loop) {
        if (isOpen()) {
            return CompletableFuture.completedFuture(ADMIT);
        }
        if (credentials.basic().isPresent() && !users.isEmpty()) {
            return CompletableFuture.completedFuture(knows(credentials.basic().get()) ? ADMIT
                    : new Refuse(403, "The user name or password is wrong for this stream.", false));
        }
        if (credentials.token().isPresent() && tokens.asksForToken()) {
            TokenHook.Question question = new TokenHook.Question(address, point, userAgent, credentials.token().get());
            return tokens.check(question, loop).thenApply(PointGuard::verdict);
        }
        return CompletableFuture.completedFuture(new Refuse(401, needs(point), !users.isEmpty()));
    }

    private static Verdict verdict(PlayerTokens.Check check) {
        return switch (check) {
            case ADMITTED -> ADMIT;
            case REFUSED -> new Refuse(403, "This token does not open this stream; ask whoever gave you the link for a new one.",
                    false);
            case UNAVAILABLE -> new Refuse(503, "The token could not be checked just now; try again in a minute.", false);
        };
    }

    /** The 401 sentence: what the player's URL lacks, in the forms that work. */
    private String needs(String point) {
        String tail = point.equals("/") ? "" : point;
        String token = "a token: open /t/TOKEN" + tail + " or " + (tail.isEmpty() ? "/" : tail) + "?token=TOKEN";
        if (!tokens.asksForToken()) {
            return "This stream needs a user name and password.";
        }
        return "This stream needs " + token + (users.isEmpty() ? "." : ", or a user name and password.");
    }

    /** Whether the user and password match one of the users; every user is compared, whatever matched. */
    private boolean knows(PlayerCredentials.Basic basic) {
        byte[] presented = PlayerTokens.Listed.digest(basic.password());
        boolean found = false;
        for (Map.Entry<String, byte[]> e : users.entrySet()) {
            boolean name = MessageDigest.isEqual(PlayerTokens.Listed.digest(e.getKey()),
                    PlayerTokens.Listed.digest(basic.user()));
            found |= name & MessageDigest.isEqual(e.getValue(), presented);
        }
        return found;
    }

    @Override
    public String toString() {
        return isOpen() ? "open" : tokens + ", " + users.size() + (users.size() == 1 ? " user" : " users");
    }
}
