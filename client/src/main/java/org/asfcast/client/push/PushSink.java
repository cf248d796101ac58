package org.asfcast.client.push;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;
import org.asfcast.writer.WriterSink;

/**
 * The push sink: the SDK's {@code IWMWriterPushSink} in Java. A writer hands it the ASF header and
 * data packets ({@link WriterSink}); it pushes them to a publishing point on a Windows Media server
 * (or asfcast) with MS-WMHTTP: a PushSetup POST, then PushStart POSTs carrying {@code $H} and a
 * {@code $D} per packet (padding removed), {@code $E} 1 and {@code $C} when the header changes, and
 * {@code $E} 0 at {@link #endSession()}. Each PushStart declares 2147483647 bytes; when that is
 * spent it is filled and the next one continues the session.
 *
 * <p>Lifecycle as in the SDK: {@link #connect} (asynchronous: {@link #opened()} completes when the
 * server accepted the PushSetup, as {@code WMT_OPENED} does), write, then {@link #endSession()}
 * (end of stream, the server ends the point) or {@link #disconnect()} (the connection closes and
 * the server keeps the session for a while).
 *
 * <p><b>The writer never waits for the network.</b> {@code onDataUnit} frames the packet and
 * queues it; a sending thread pushes. The queue is bounded ({@link PushSettings#queueBytes()}):
 * when the server is slower than the broadcast, the oldest packets are dropped and counted
 * ({@link #packetsDropped()}), as a slow player is skipped ahead; blocking instead would stall the
 * writer and every other sink it feeds (the players of {@code serve}).
 *
 * <p><b>It reconnects on its own.</b> A lost connection is retried after a jittered back-off and
 * resumes the session with a new PushStart; a server that forgot the push-id gets a new PushSetup
 * and {@code $H}. Credentials in the URL's user-info answer one {@code 401} Basic challenge. It
 * gives up only when trying again cannot help (refused credentials, 403, no such point, not a
 * Windows Media server): {@link #failure()} says why and the next writer call throws it, so the
 * writer sets the sink aside.
 *
 * <p>Thread-safe; the writer's calls come from one thread at a time.
 */
public final class PushSink implements WriterSink, AutoCloseable {

    private final PushSettings settings;
    private final List<PushListener> listeners = new CopyOnWriteArrayList<>();
    private final PushListener fanOut = new FanOut();
    private PushTarget target;
    private PushQueue queue;
    private PushSender sender;
    private Thread thread;
    private byte[] lastHeader;
    private boolean ended;

    /** A sink with the {@linkplain PushSettings#DEFAULTS defaults}. */
    public PushSink() {
        this(PushSettings.DEFAULTS);
    }

    /** A sink with these settings. */
    public PushSink(PushSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    // ---- IWMWriterPushSink ---------------------------------------------------------------------

    /**
     * Connects to a publishing point: {@code http://[user:password@]host[:port]/point[?query]}
     * (port 80 by default; a query, such as a token, goes in every request line). Returns at once;
     * the PushSetup goes out on the sending thread ({@link #opened()}).
     *
     * @param url         the publishing point
     * @param templateUrl the path of an existing point the server copies when it creates this one
     *                    ({@code /template}), or null
     * @param autoDestroy whether the server removes the point when the session ends
     * @throws SdkException E_INVALIDARG for a null or non-http URL or a bad template;
     *                      NS_E_INVALID_NAME for a URL without a usable host;
     *                      NS_E_INVALID_REQUEST when already connected
     */
    public synchronized void connect(String url, String templateUrl, boolean autoDestroy) {
        if (sender != null && !sender.finished().isDone()) {
            throw new SdkException(SdkError.NS_E_INVALID_REQUEST, "the push sink is connected to " + target
                    + "; call disconnect or endSession first");
        }
        PushTarget parsed = PushTarget.parse(url);
        Optional<String> template = Optional.ofNullable(templateUrl);
        if (template.isPresent() && !template.get().matches("/[\\x21-\\x7E&&[^\"]]*")) {
            throw new SdkException(SdkError.E_INVALIDARG, "a template is the path of a publishing point on the "
                    + "server, such as /template (ASCII, no quotes), not '" + templateUrl + "'");
        }
        target = parsed;
        queue = new PushQueue(settings.queueBytes(), settings.maxBacklog().toNanos());
        sender = new PushSender(parsed, template, autoDestroy, settings, queue, fanOut);
        lastHeader = null;
        ended = false;
        thread = new Thread(sender, "asfcast-push " + parsed.hostHeader());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Completes with the push-id when the server accepted the PushSetup (the SDK's
     * {@code WMT_OPENED}); completes exceptionally when the sink gave up first.
     *
     * @throws SdkException NS_E_NOCONNECTION before {@link #connect}
     */
    public synchronized CompletableFuture<String> opened() {
        return requireSender().opened();
    }

    /**
     * Closes the connection at once, without an end of stream: the server keeps the session for a
     * while (the SDK: 5 minutes; MS-WMHTTP's Inactivity-Timeout: 120 s). What is queued is dropped.
     * Does nothing when not connected.
     */
    public void disconnect() {
        PushSender s;
        Thread t;
        synchronized (this) {
            s = sender;
            t = thread;
        }
        if (s == null) {
            return;
        }
        s.stop();
        queue.clear();
        join(t, 5_000);
    }

    /**
     * Ends the session: what is queued goes, then {@code $E} 0, and the connection closes; the
     * server ends the point's stream (and removes the point if {@code autoDestroy}). Waits for that
     * at most the {@linkplain PushSettings#answerTimeout() answer timeout}, then disconnects.
     *
     * @throws SdkException NS_E_NOCONNECTION before {@link #connect}; NS_E_CONNECTION_FAILURE when
     *                      the sink had given up (the sentence says why) or the end could not be sent in time
     */
    public void endSession() {
        PushSender s;
        synchronized (this) {
            s = requireSender();
            ended = true;
            queue.offer(new PushQueue.End());
        }
        try {
            s.finished().get(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            disconnect();
            throw new SdkException(SdkError.NS_E_CONNECTION_FAILURE, "the end of the push to " + target
                    + " could not be sent within " + settings.answerTimeout().toSeconds() + " s; the connection is closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnect();
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e); // finished() never completes exceptionally
        }
        Optional<String> failure = s.failure();
        if (failure.isPresent()) {
            throw new SdkException(SdkError.NS_E_CONNECTION_FAILURE, failure.get());
        }
    }

    // ---- state ---------------------------------------------------------------------------------

    /** The publishing point, without credentials; empty before {@link #connect}. */
    public synchronized Optional<String> url() {
        return Optional.ofNullable(target).map(PushTarget::redacted);
    }

    /** The session's push-id, while the server has given one. */
    public synchronized Optional<String> pushId() {
        return sender == null ? Optional.empty() : sender.pushId();
    }

    /** Why the sink gave up, if it did. */
    public synchronized Optional<String> failure() {
        return sender == null ? Optional.empty() : sender.failure();
    }

    /** Data packets sent ({@code $D}s written to a connection). */
    public synchronized long packetsSent() {
        return sender == null ? 0 : sender.packetsSent.get();
    }

    /** Data packets dropped: the queue was full, they waited past the backlog bound, or a disconnect cleared them. */
    public synchronized long packetsDropped() {
        return queue == null ? 0 : queue.dropped();
    }

    /** PushStart requests whose body the server took. */
    public synchronized long pushStarts() {
        return sender == null ? 0 : sender.pushStarts.get();
    }

    /** How many times the push stopped (a lost connection, a server that could not take it) and was tried again. */
    public synchronized long interruptions() {
        return sender == null ? 0 : sender.interruptions.get();
    }

    /** Bytes of frames written to connections. */
    public synchronized long bytesSent() {
        return sender == null ? 0 : sender.bytesSent.get();
    }

    /** Adds a listener for the connection's events. */
    public void addListener(PushListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(PushListener listener) {
        listeners.remove(listener);
    }

    /** The settings this sink was made with. */
    public PushSettings settings() {
        return settings;
    }

    // ---- WriterSink ----------------------------------------------------------------------------

    /**
     * Takes the header: the first starts the push ({@code $H}); the same bytes again change
     * nothing; different ones become {@code $E} 1 and a {@code $C} with the new header.
     *
     * @throws SdkException ASF_E_INVALIDSTATE before {@link #connect}, after {@link #disconnect()} or {@link #endSession()}
     * @throws IOException  when the sink gave up (the sentence says why), or the header is not ASF
     *                      or too large for MS-WMHTTP (a {@code $C} carries 65,527 bytes)
     */
    @Override
    public void onHeader(ByteBuffer header) throws IOException {
        byte[] bytes = new byte[header.remaining()];
        header.duplicate().get(bytes);
        PushQueue q = writable();
        if (Arrays.equals(bytes, lastHeader)) {
            return;
        }
        if (bytes.length > PushFrames.MAX_CHANGED_HEADER) {
            throw new IOException("the ASF header of " + bytes.length + " bytes is too large to push (MS-WMHTTP carries "
                    + PushFrames.MAX_CHANGED_HEADER + ")");
        }
        try {
            AsfHeader.parse(bytes);
        } catch (AsfFormatException e) {
            throw new IOException("the header to push is not valid ASF: " + e.getMessage(), e);
        }
        lastHeader = bytes;
        q.offer(new PushQueue.Header(bytes));
    }

    /** Real-time, as a network sink: the writer paces packets by their send time. */
    @Override
    public boolean isRealTime() {
        return true;
    }

    /**
     * Frames the packet ({@code $D}, padding removed) and queues it; never waits for the network.
     *
     * @throws SdkException            ASF_E_INVALIDSTATE before {@link #connect}, before the header or after {@link #endSession()}
     * @throws IOException             when the sink gave up (the sentence says why)
     * @throws IllegalArgumentException when the packet's parsing information is not valid ASF
     */
    @Override
    public void onDataUnit(ByteBuffer dataUnit) throws IOException {
        PushQueue q = writable();
        if (lastHeader == null) {
            throw new SdkException(SdkError.ASF_E_INVALIDSTATE, "a data unit before the header");
        }
        byte[] packet = UnpaddedPacket.of(dataUnit);
        q.offer(new PushQueue.Data(PushFrames.data(packet, 0, packet.length), System.nanoTime()));
    }

    /**
     * Writing ended. Nothing goes to the server yet: as in the SDK, {@link #endSession()} ends the
     * session, and a header that comes after this continues it as a new playlist entry.
     */
    @Override
    public void onEndWriting() {
        // The SDK's push sink ends the stream in EndSession, not here.
    }

    /** Disconnects ({@link #disconnect()}); an application that wants the point's stream ended calls {@link #endSession()} first. */
    @Override
    public void close() {
        disconnect();
    }

    private synchronized PushQueue writable() throws IOException {
        if (sender == null) {
            throw new SdkException(SdkError.ASF_E_INVALIDSTATE, "the push sink is not connected; call connect first");
        }
        Optional<String> failure = sender.failure();
        if (failure.isPresent()) {
            throw new IOException("the push stopped: " + failure.get());
        }
        if (ended || sender.finished().isDone()) {
            throw new SdkException(SdkError.ASF_E_INVALIDSTATE, ended ? "the push session has ended"
                    : "the push sink is disconnected; call connect again");
        }
        return queue;
    }

    private PushSender requireSender() {
        if (sender == null) {
            throw new SdkException(SdkError.NS_E_NOCONNECTION, "the push sink is not connected; call connect first");
        }
        return sender;
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes each event to every listener; one that throws does not keep it from the others. */
    private final class FanOut implements PushListener {
        @Override
        public void opened(String pushId) {
            each(l -> l.opened(pushId));
        }

        @Override
        public void interrupted(String reason, java.time.Duration retryIn) {
            each(l -> l.interrupted(reason, retryIn));
        }

        @Override
        public void resumed(String pushId) {
            each(l -> l.resumed(pushId));
        }

        @Override
        public void failed(String sentence) {
            each(l -> l.failed(sentence));
        }

        private void each(java.util.function.Consumer<PushListener> call) {
            for (PushListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    // a listener's failure is its own; the push goes on
                }
            }
        }
    }
}
