package org.asfcast.netsink;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asfcast.netsink.wire.DigestNonces;
import org.asfcast.netsink.wire.PlayerCredentials;
import org.asfcast.netsink.wire.RequestHead;
import org.asfcast.writer.source.Publication;
import org.asfcast.writer.source.Publications;

/**
 * What makes a broadcast point take its stream from publishers: who may publish
 * ({@link PushSettings}), the one publisher at a time, MS-WMHTTP push sessions by push-id, and the
 * publishers' streams handed in order to the point's source ({@link Publications}, read by a
 * {@code PublishedSource}). A second publisher while one streams is refused (409); a push session
 * between two PushStarts yields to a newcomer. At most one stream waits for the source while
 * another is read, so nothing queues without bound. Thread-safe: the publishers' event loops and
 * the source's thread call it.
 */
public final class PushIngest implements Publications {

    /** The most push sessions kept (a PushSetup with no PushStart yet counts); the oldest goes first. */
    static final int MAX_SESSIONS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Who publishes now, for the status API.
     *
     * @param address the publisher's address and port
     * @param since   when its stream began
     * @param how     {@code PUT}, {@code POST} or {@code MS-WMHTTP push}
     * @param credential what it was let in with: {@code token}, {@code Basic}, {@code Digest SHA-256}
     *                or {@code Digest MD5} (a push session's PushStarts ride on its PushSetup's)
     */
    public record Publisher(InetSocketAddress address, Instant since, String how, String credential) {
    }

    private final String point;
    private volatile PushSettings settings;
    private volatile PublisherCheck check;
    private final DigestNonces nonces = new DigestNonces(); // one key for the point's life: a reload keeps nonces valid
    private final BlockingQueue<PublishedBody> waiting = new ArrayBlockingQueue<>(1);
    private final Map<String, PushSession> sessions = new LinkedHashMap<>();
    private PublishedBody current; // under this: the newest stream handed to the source
    private volatile Publisher publisher;

    /** Publishing to the point {@code point} (its path, for messages) as {@code settings} say. */
    public PushIngest(String point, PushSettings settings) {
        this.point = Objects.requireNonNull(point, "point");
        apply(settings);
    }

    /** New credentials and times (a reload); a publisher streaming now goes on. */
    public void apply(PushSettings next) {
        settings = Objects.requireNonNull(next, "settings");
        check = new PublisherCheck(next, point, nonces);
    }

    /** The settings in force. */
    public PushSettings settings() {
        return settings;
    }

    /** The point's path. */
    public String point() {
        return point;
    }

    /** Who publishes now: a connection feeds the point's stream. */
    public synchronized Optional<Publisher> publisher() {
        return current != null && current.fed() ? Optional.ofNullable(publisher) : Optional.empty();
    }

    @Override
    public Optional<Publication> next(long millis) throws InterruptedException {
        return Optional.ofNullable(waiting.poll(millis, TimeUnit.MILLISECONDS));
    }

    /** Whether the request {@code head} (whose URL and Basic credentials are {@code credentials}) may publish. */
    PublisherCheck.Result check(PlayerCredentials credentials, RequestHead head) {
        return check.check(credentials, head);
    }

    /** A plain body's stream, fed by {@code feeder}; empty when another publisher streams. */
    synchronized Optional<PublishedBody> open(PublishedBody.Feeder feeder, InetSocketAddress from, String how,
                                              String credential) {
        if (busy(null)) {
            return Optional.empty();
        }
        PublishedBody body = new PublishedBody(shown(from) + " by " + how + " with " + credential);
        body.attach(feeder);
        handOver(body, from, how, credential);
        return Optional.of(body);
    }

    /** A PushSetup let in with {@code credential}: a new session's push-id, or empty when another publisher streams. */
    synchronized Optional<String> setup(String credential) {
        if (busy(null)) {
            return Optional.empty();
        }
        PushSession session = newSession();
        session.credential = credential;
        return Optional.of(session.id);
    }

    /** Whether a session has this push-id. */
    synchronized boolean knows(String pushId) {
        return sessions.containsKey(pushId);
    }

    /**
     * A PushStart: the session of {@code pushId} (a new one when there is none and the request
     * had a valid credential, as WMS does) fed by {@code feeder} from now on; empty when another
     * publisher streams or this session is fed already (409).
     */
    synchronized Optional<PushSession> start(Optional<String> pushId, PublishedBody.Feeder feeder, InetSocketAddress from,
                                             String credential) {
        PushSession session = pushId.map(sessions::get).orElse(null);
        if (session != null && session.body != null && session.body.fed()) {
            return Optional.empty();
        }
        if (busy(session == null ? null : session.body)) {
            return Optional.empty();
        }
        if (session == null) {
            session = newSession();
            session.credential = credential;
        }
        if (session.expiry != null) {
            session.expiry.cancel(false);
            session.expiry = null;
        }
        if (session.body == null || session.body.ended()) {
            session.body = new PublishedBody(shown(from) + " by MS-WMHTTP push (push-id " + session.shownId() + ") with "
                    + session.credential);
            // A session going on after its stream was refused: a new reader needs the header first.
            session.body.append(session.stream.header());
            session.body.attach(feeder);
            handOver(session.body, from, "MS-WMHTTP push", session.credential);
        } else {
            session.body.attach(feeder);
            publisher = new Publisher(from, publisher == null ? Instant.now() : publisher.since(), "MS-WMHTTP push",
                    session.credential);
        }
        return Optional.of(session);
    }

    /**
     * {@code feeder} stopped feeding {@code session} (its PushStart is complete, or it dropped):
     * the session waits the grace period for its next PushStart, then its stream ends.
     */
    synchronized void detached(PushSession session, PublishedBody.Feeder feeder, EventLoop loop) {
        if (session.body == null) {
            return;
        }
        session.body.detach(feeder);
        if (!sessions.containsKey(session.id) || session.body.ended() || session.expiry != null) {
            return;
        }
        session.expiry = loop.schedule(() -> expire(session), settings.grace().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The session is over ($E, or a body that cannot be read): its stream ends after what it holds. */
    synchronized void ended(PushSession session) {
        sessions.remove(session.id);
        if (session.expiry != null) {
            session.expiry.cancel(false);
        }
        if (session.body != null) {
            session.body.end();
        }
    }

    private synchronized void expire(PushSession session) {
        if (session.expiry != null && session.body != null && !session.body.fed()) {
            session.expiry = null;
            ended(session);
        }
    }

    /** Whether a publisher other than {@code mine} streams, or a stream waits for the source. */
    private boolean busy(PublishedBody mine) {
        boolean streaming = current != null && current != mine && current.fed() && !current.ended();
        PublishedBody queued = waiting.peek();
        return streaming || queued != null && queued != mine;
    }

    /** {@code body} is the point's stream from now on; a push session left between PushStarts yields to it. */
    private void handOver(PublishedBody body, InetSocketAddress from, String how, String credential) {
        for (Iterator<PushSession> i = sessions.values().iterator(); i.hasNext(); ) {
            PushSession s = i.next();
            if (s.body != null && s.body != body && !s.body.fed()) {
                if (s.expiry != null) {
                    s.expiry.cancel(false);
                }
                s.body.end();
                i.remove();
            }
        }
        if (current != null && current != body) {
            current.end(); // a plain body whose connection is gone already ended; this changes nothing then
        }
        current = body;
        publisher = new Publisher(from, Instant.now(), how, credential);
        if (!waiting.offer(body)) {
            // Only a stream that ended before the source took it can still wait here: it yields.
            waiting.clear();
            waiting.add(body);
        }
    }

    /** {@code 10.0.0.5:53320}, {@code [::1]:53320}: an address as a person reads it. */
    static String shown(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private PushSession newSession() {
        while (sessions.size() >= MAX_SESSIONS) {
            PushSession oldest = sessions.values().iterator().next();
            ended(oldest);
        }
        String id;
        do {
            id = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
        } while (id.equals("0") || sessions.containsKey(id));
        PushSession session = new PushSession(id);
        sessions.put(id, session);
        return session;
    }

    /** The newest stream handed to the source (for tests: how much it holds). */
    synchronized Optional<PublishedBody> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public String toString() {
        return "PushIngest[" + point + "]";
    }
}
