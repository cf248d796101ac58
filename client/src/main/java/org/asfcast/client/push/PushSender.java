package org.asfcast.client.push;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asfcast.client.StreamProtocolException;
import org.asfcast.client.push.PushAnswer.Verdict;
import org.asfcast.client.push.PushConnection.Answer;
import org.asfcast.client.push.PushQueue.Data;
import org.asfcast.client.push.PushQueue.End;
import org.asfcast.client.push.PushQueue.Header;
import org.asfcast.client.push.PushQueue.Item;

/**
 * The push sink's sending thread: takes what the writer queued and pushes it ([MS-WMHTTP] §3.1).
 * A PushSetup first (at connect), then PushStarts whose bodies carry {@code $H} once per session,
 * then {@code $D}s, {@code $E}/{@code $C} on a new header and {@code $E} 0 at the end. A body that
 * reaches its Content-Length is filled with {@code $F}, answered, and followed by the next
 * PushStart in the same session.
 *
 * <p>When the connection fails it waits (jittered back-off) and resumes with a new PushStart for
 * the same push-id; when the server no longer knows the push-id, it sets up a new session and
 * starts it with {@code $H}. It answers a Digest (preferred) or Basic challenge with the URL's
 * credentials, and goes on answering it in later requests (Digest's nonce count going up); a new
 * challenge to a reused Digest nonce (stale, or a restarted server's) is answered once more. It
 * gives up only when trying again cannot help (see {@link PushAnswer.Verdict#FAIL}).
 */
final class PushSender implements Runnable {

    /** How often the idle sender looks for an answer (a server's time-out) while nothing is queued. */
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How long the end waits for the server to close (it may keep the connection, silent). */
    private static final Duration END_CONFIRMATION = Duration.ofSeconds(2);

    /** The server's answer means this session is gone: set up a new one at once. */
    private static final class SessionLost extends Exception {
        private static final long serialVersionUID = 1L;

        SessionLost(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /** The server asked for credentials in the middle of a body: post again at once, with them. */
    private static final class PostAgain extends Exception {
        private static final long serialVersionUID = 1L;

        PostAgain() {
            super("post again with credentials", null, false, false);
        }
    }

    /** The server cannot take it now: try again after a back-off. */
    private static final class TryAgain extends Exception {
        private static final long serialVersionUID = 1L;

        TryAgain(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /** Trying again cannot help. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String sentence) {
            super(sentence, null, false, false);
        }
    }

    private final PushTarget target;
    private final Optional<String> template;
    private final boolean autoDestroy;
    private final PushSettings settings;
    private final PushQueue queue;
    private final PushListener listener;
    private final CompletableFuture<String> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    final AtomicLong packetsSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong pushStarts = new AtomicLong();
    final AtomicLong interruptions = new AtomicLong();
    private volatile boolean stopping;
    private volatile PushConnection connection;
    private volatile String pushId;
    private volatile String failure;

    // Sender thread only.
    private BodyBudget body;
    private boolean headerInBody;
    private boolean headerSent;
    private byte[] header;
    private byte[] sessionHeader;
    private boolean entryEnded;
    private PushAuthorization authorization; // once a server challenged
    private PushAnswer.Sent sent = PushAnswer.Sent.NONE; // what the last request carried
    private boolean justSetUp;
    private boolean interrupted;
    private int failures;
    private long streamingSince;

    PushSender(PushTarget target, Optional<String> template, boolean autoDestroy, PushSettings settings, PushQueue queue,
               PushListener listener) {
        this.target = target;
        this.template = template;
        this.autoDestroy = autoDestroy;
        this.settings = settings;
        this.queue = queue;
        this.listener = listener;
    }

    /** Completes with the push-id when the first PushSetup succeeds; fails when the sink gives up before. */
    CompletableFuture<String> opened() {
        return opened;
    }

    /** Completes when the thread ends: the session ended, it was stopped, or it gave up. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** The current session's push-id, if one is set up. */
    Optional<String> pushId() {
        return Optional.ofNullable(pushId);
    }

    /** Why the sink gave up, if it did. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops at once (a disconnect): no {@code $E}, the connection closed under a blocked write. */
    void stop() {
        stopping = true;
        PushConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void run() {
        Thread watchdog = new Thread(this::watch, Thread.currentThread().getName() + " watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            attempt(null);
            while (!stopping) {
                Item item = queue.take(IDLE_POLL_NANOS);
                if (item == null) {
                    attempt(null);
                    continue;
                }
                attempt(item);
                if (item instanceof End) {
                    break;
                }
            }
        } catch (Refused e) {
            failure = e.getMessage();
            opened.completeExceptionally(new IOException(e.getMessage()));
            listener.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
            if (!opened.isDone()) {
                opened.completeExceptionally(new IOException("the push was stopped before the server accepted it"));
            }
            finished.complete(null);
            watchdog.interrupt();
        }
    }

    /**
     * Closes a connection whose write has been blocked for the answer timeout: the server stopped
     * reading, and the failed write then takes the usual way (back-off, resume) instead of holding
     * the sending thread until TCP gives up.
     */
    private void watch() {
        long limit = settings.answerTimeout().toNanos();
        while (!finished.isDone()) {
            try {
                Thread.sleep(Math.max(10, Math.min(1000, settings.answerTimeout().toMillis() / 4)));
            } catch (InterruptedException e) {
                return;
            }
            PushConnection c = connection;
            if (c != null && c.stuck(limit)) {
                c.close();
            }
        }
    }

    /**
     * Does one step until it succeeds: the PushSetup (no item, first call), a look for an idle
     * answer (no item), or the delivery of an item. Fails over to a back-off and tries again.
     */
    private void attempt(Item item) throws Refused, InterruptedException {
        while (!stopping) {
            try {
                if (item != null) {
                    deliver(item);
                } else if (pushId == null && !stopping) {
                    setUp();
                } else {
                    hearIdleAnswer();
                }
                if (interrupted && body != null) {
                    interrupted = false;
                    listener.resumed(pushId);
                }
                return;
            } catch (PostAgain e) {
                closeConnection(); // and at once round the loop: the credentials go with the next PushStart
            } catch (SessionLost e) {
                pushId = null; // the next step sets up a new session, at once
                closeConnection();
                if (item == null) {
                    return;
                }
            } catch (TryAgain e) {
                backOff(e.getMessage());
            } catch (UnknownHostException e) {
                if (!opened.isDone()) {
                    throw new Refused("the host " + target.host() + " of " + target + " is unknown");
                }
                backOff("the host " + target.host() + " is unknown now");
            } catch (IOException | StreamProtocolException e) {
                backOff(stopping ? "stopped" : "the connection to " + target.hostHeader() + " failed: " + e.getMessage());
            }
        }
    }

    private void deliver(Item item) throws IOException, StreamProtocolException, SessionLost, TryAgain, Refused,
            PostAgain {
        if (item instanceof Header h) {
            header = h.asfHeader();
            startStream();
        } else if (item instanceof Data d) {
            startStream();
            write(d.frame());
            packetsSent.incrementAndGet();
        } else if (item instanceof End) {
            if (header == null) {
                return; // nothing was pushed: the server has no stream to end
            }
            startStream();
            write(PushFrames.end(PushFrames.END_OF_SESSION));
            // §3.1.4.4: after $E 0 the client closes; first make sure the server did not reset the
            // connection under it (a reset sends the end again, in a resumed PushStart).
            connection.finish(END_CONFIRMATION);
            closeConnection();
            pushId = null;
        }
    }

    /** Makes sure a session, a PushStart body and the session's header ({@code $H}, or {@code $E} 1 + {@code $C}) are there. */
    private void startStream() throws IOException, StreamProtocolException, SessionLost, TryAgain, Refused,
            PostAgain {
        if (pushId == null) {
            setUp();
        }
        if (header == null) {
            return;
        }
        openBody();
        if (!headerSent) {
            write(PushFrames.header(header));
            headerSent = true;
            headerInBody = true;
            sessionHeader = header;
        }
        if (!Arrays.equals(sessionHeader, header)) {
            if (!entryEnded) {
                write(PushFrames.end(PushFrames.END_OF_ENTRY));
                entryEnded = true;
            }
            write(PushFrames.streamChange(header));
            sessionHeader = header;
            entryEnded = false;
        }
    }

    /** PushSetup on a new connection; a Basic challenge is answered once, on another new connection (§3.1.5.1). */
    private void setUp() throws IOException, StreamProtocolException, TryAgain, Refused {
        closeConnection();
        PushConnection c = connect();
        c.send(PushRequests.pushSetup(target, settings.userAgent(), PushRequests.NEW_SESSION, template, autoDestroy,
                credentials()));
        Answer answer = c.readAnswer(settings.answerTimeout());
        PushAnswer verdict = PushAnswer.of(answer.head(), answer.serverLine(), true, sent,
                target.credentials().isPresent());
        switch (verdict.verdict()) {
            case ACCEPTED -> {
                pushId = verdict.pushId().orElseThrow();
                headerSent = false;
                sessionHeader = null;
                entryEnded = false;
                justSetUp = true;
                if (!answer.keepsConnection()) {
                    closeConnection();
                }
                opened.complete(pushId);
                listener.opened(pushId);
            }
            case AUTHENTICATE -> {
                challenged(answer);
                setUp();
            }
            case RETRY -> throw new TryAgain(verdict.sentence());
            default -> throw new Refused(target + ": " + verdict.sentence());
        }
    }

    /** A PushStart head, unless a body is open; a refusal the server sends at once is heard before the body. */
    private void openBody() throws IOException, StreamProtocolException, SessionLost, TryAgain, Refused {
        if (body != null) {
            return;
        }
        PushConnection c = connection == null ? connect() : connection;
        c.send(PushRequests.pushStart(target, settings.userAgent(), pushId, settings.contentLength(), credentials()));
        Optional<Answer> early = c.awaitAnswer(settings.earlyAnswerWait());
        if (early.isPresent()) {
            handleStartAnswer(early.get(), true);
            openBody(); // after a Basic challenge: once more, with the credentials
            return;
        }
        body = new BodyBudget(settings.contentLength());
        headerInBody = false;
        pushStarts.incrementAndGet();
        justSetUp = false;
        if (streamingSince == 0) {
            streamingSince = System.nanoTime();
        }
    }

    /** Writes a frame into the open body, first completing the body and posting again when it does not fit. */
    private void write(byte[] frame) throws IOException, StreamProtocolException, SessionLost, TryAgain, Refused,
            PostAgain {
        openBody();
        if (!body.fits(frame.length)) {
            for (byte[] filler : body.fill()) {
                send(filler);
            }
            body = null;
            Answer answer = connection.readAnswer(settings.answerTimeout());
            handleStartAnswer(answer, false);
            if (!answer.keepsConnection()) {
                closeConnection();
            }
            openBody();
        }
        if (connection.answerWaiting()) {
            refusedBody(connection.readAnswer(settings.answerTimeout()));
        }
        send(frame);
        body.spend(frame.length);
    }

    private void send(byte[] frame) throws IOException {
        connection.send(frame);
        bytesSent.addAndGet(frame.length);
    }

    /**
     * Acts on an answer to a PushStart: success updates the push-id; a refusal ends the connection
     * and becomes the exception that says what to do.
     *
     * @param early whether it came before the body was complete (only a refusal does)
     */
    private void handleStartAnswer(Answer answer, boolean early) throws SessionLost, TryAgain, Refused {
        PushAnswer verdict = PushAnswer.of(answer.head(), answer.serverLine(), false, sent,
                target.credentials().isPresent());
        if (verdict.verdict() == Verdict.ACCEPTED && !early) {
            verdict.pushId().ifPresent(id -> pushId = id);
            return;
        }
        closeConnection();
        body = null;
        switch (verdict.verdict()) {
            case ACCEPTED -> throw new TryAgain(verdict.sentence() + " before the body was complete");
            case AUTHENTICATE -> challenged(answer); // the caller posts again, with the credentials
            case SESSION_LOST -> {
                if (justSetUp) {
                    throw new Refused(target + ": " + verdict.sentence() + ", right after it accepted the PushSetup");
                }
                throw new SessionLost(verdict.sentence());
            }
            case RETRY -> throw new TryAgain(verdict.sentence());
            default -> throw new Refused(target + ": " + verdict.sentence());
        }
    }

    /** While nothing is queued: an answer now is the server's time-out or refusal; the next item starts over. */
    private void hearIdleAnswer() throws IOException, StreamProtocolException, SessionLost, TryAgain, Refused,
            PostAgain {
        PushConnection c = connection;
        if (c != null && body != null && c.answerWaiting()) {
            refusedBody(c.readAnswer(settings.answerTimeout()));
        }
    }

    /**
     * An answer in the middle of a body: the server refused it (or timed it out), and ignores the
     * rest. A body that carried the session's {@code $H} carried it for nothing: it goes again.
     */
    private void refusedBody(Answer answer) throws SessionLost, TryAgain, Refused, PostAgain {
        if (headerInBody) {
            headerSent = false;
            headerInBody = false;
        }
        handleStartAnswer(answer, true);
        throw new PostAgain(); // a Basic challenge: handleStartAnswer set the credentials to go
    }

    private PushConnection connect() throws IOException {
        PushConnection c = PushConnection.open(target, settings.connectTimeout());
        connection = c;
        if (stopping) {
            c.close();
            throw new IOException("stopped");
        }
        return c;
    }

    /** The Authorization of the next request (a Digest one counts a use of its nonce), and what it is. */
    private Optional<String> credentials() {
        if (authorization == null) {
            sent = PushAnswer.Sent.NONE;
            return Optional.empty();
        }
        String value = authorization.header("POST", target.requestTarget());
        sent = authorization.reused() ? PushAnswer.Sent.REUSED : PushAnswer.Sent.FIRST;
        return Optional.of(value);
    }

    /** A 401 the verdict said to answer: its challenge is answered from now on. */
    private void challenged(Answer answer) {
        authorization = PushAuthorization.answering(answer.head().values("WWW-Authenticate"),
                target.credentials().orElseThrow()).orElseThrow();
    }

    /** Closes the connection and waits before the next try: jittered, doubling, reset by a steady run. */
    private void backOff(String reason) throws InterruptedException {
        closeConnection();
        if (stopping) {
            return;
        }
        long now = System.nanoTime();
        if (streamingSince != 0 && now - streamingSince >= settings.backoff().steadyRun().toNanos()) {
            failures = 0;
        }
        streamingSince = 0;
        failures++;
        Duration wait = jittered(settings.backoff().delay(failures), ThreadLocalRandom.current().nextDouble());
        interruptions.incrementAndGet();
        interrupted = true;
        listener.interrupted(reason, wait);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!stopping && System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /** 50 to 100% of {@code delay}, by {@code random} in [0, 1): pushers that lost one server do not all come back at once. */
    static Duration jittered(Duration delay, double random) {
        return Duration.ofNanos((long) (delay.toNanos() * (0.5 + random / 2)));
    }

    private void closeConnection() {
        PushConnection c = connection;
        connection = null;
        body = null;
        if (c != null) {
            c.close();
        }
    }

    private void close() {
        closeConnection();
    }
}
