package org.asfcast.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.Packetizer;

/**
 * Turns compressed samples into ASF data packets and delivers them to its sinks: the SDK's
 * {@code IWMWriter} together with {@code IWMWriterAdvanced}, for input that is already compressed
 * (the SDK's {@code WriteStreamSample} path; asfcast has no codecs).
 *
 * <p>A session: {@link #setProfile}, {@link #addSink}, {@link #beginWriting} (every sink gets the
 * header), {@link #writeSample} for each sample (packets go to every sink as they fill),
 * {@link #endWriting} (the last packet, then every sink's {@code onEndWriting}). The writer can
 * begin again afterwards, with a new file ID.
 *
 * <p><b>Clock and pacing.</b> Sample times are in 100-ns units from {@code beginWriting}; the
 * writer adds the profile's preroll. When the source is not live ({@link #setLiveSource}, the
 * default) and a real-time sink is attached, {@code writeSample} blocks until the packets it made
 * are due, i.e. until their send time has passed since {@code beginWriting}: the SDK's flow control,
 * which lets a file be broadcast by writing it as fast as the call returns. A live source is never
 * blocked: its packets leave at once.
 *
 * <p><b>Sync tolerance.</b> A sample whose time is more than the tolerance behind the writer's
 * reference time is discarded, counted as dropped, and {@code writeSample} throws
 * {@link SdkError#NS_E_LATE_OPERATION}; the writer keeps running. The reference time is the newest
 * sample time written so far (any stream) and, for a live source, also the time elapsed since
 * {@code beginWriting}; a non-live source that is slower than real time is never penalised. A live
 * source's sample more than the tolerance ahead of the elapsed time is discarded the same way with
 * {@link SdkError#NS_E_TOO_MUCH_DATA}.
 *
 * <p><b>Sinks at any time.</b> The SDK documents both "sinks can be added and removed at any time"
 * and a "not configurable" error for them; asfcast allows it at any time, keeping the sink contract:
 * a sink added while writing gets the header at once, before its first packet, and a sink removed
 * while writing gets {@code onEndWriting} (so a file sink finishes its file) and nothing after it.
 *
 * <p><b>A failing sink.</b> A sink that throws is set aside for the rest of the session: it gets no
 * more calls (not even {@code onEndWriting}), the {@link SinkFailureListener} hears of it once, and
 * the other sinks go on, so a full disk under a recording does not end the broadcast. This is the
 * SDK's way too: it reports a file write error as a status event ({@code NS_E_FILE_WRITE}), not as
 * a failed call. A call fails with the first failure only when every sink has failed.
 *
 * <p><b>Threads.</b> {@code beginWriting}, {@code writeSample} and {@code endWriting} are
 * serialised (one writing thread is the intended use; a second one waits its turn). Every other
 * method may be called from any thread at any time, also while a writing call is blocked by
 * pacing. Sinks are called from the writing thread (or the thread adding/removing them), one call
 * at a time.
 */
public final class Writer {

    /** Sample flag: the sample is a clean point (a key frame), the SDK's {@code WM_SF_CLEANPOINT}. */
    public static final int CLEANPOINT = 1;
    /** Sample flag: the sample follows a gap, the SDK's {@code WM_SF_DISCONTINUITY}. */
    public static final int DISCONTINUITY = 2;
    /** Sample flag: data was lost before this sample, the SDK's {@code WM_SF_DATALOSS}. */
    public static final int DATALOSS = 4;
    /** The SDK's default sync tolerance in milliseconds. */
    public static final int DEFAULT_SYNC_TOLERANCE = 3000;

    private static final int KNOWN_FLAGS = CLEANPOINT | DISCONTINUITY | DATALOSS;
    private static final long MAX_PRESENTATION_MS = 0xFFFFFFFFL;
    /** How long a byte may wait in a half-full packet, in ms of media time: bounds the latency. */
    private static final long MAX_HOLD_MILLIS = 100;

    private final Object state = new Object();
    private final ReentrantLock writing = new ReentrantLock();
    private final List<WriterSink> sinks = new ArrayList<>();
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final SinkCalls calls = new SinkCalls((sink, failure) -> failureListener().sinkFailed(sink, failure));
    private SinkFailureListener failureListener = SinkFailureListener.NONE;
    private WriterProfile profile;
    private boolean live;
    private int syncTolerance = DEFAULT_SYNC_TOLERANCE;
    private boolean running;
    private byte[] streamStart;
    private Packetizer packetizer;
    private long startNanos;
    private long newestTime = -1;
    private StreamStatistics[] statistics = new StreamStatistics[0];

    /** A writer with no profile, no sinks, a non-live source and the default sync tolerance. */
    public Writer() {
    }

    // ---- configuration -------------------------------------------------------------------------

    /**
     * Sets what the writer produces (the SDK's {@code SetProfile}); statistics start over.
     *
     * @throws SdkException E_INVALIDARG for null; ASF_E_INVALIDSTATE while writing
     */
    public void setProfile(WriterProfile newProfile) {
        if (newProfile == null) {
            throw new SdkException(SdkError.E_INVALIDARG, "the profile is null");
        }
        synchronized (state) {
            requireConfigurable("setProfile");
            profile = newProfile;
            statistics = newStatistics(newProfile);
        }
    }

    /** The profile, once set. */
    public Optional<WriterProfile> profile() {
        synchronized (state) {
            return Optional.ofNullable(profile);
        }
    }

    /**
     * Adds a sink that receives everything written from now on (the SDK's {@code AddSink}). While
     * writing, the sink gets the current header at once.
     *
     * @throws SdkException         E_INVALIDARG for null or a sink already added
     * @throws UncheckedIOException when the sink fails to take the header (it is not added then)
     */
    public void addSink(WriterSink sink) {
        if (sink == null) {
            throw new SdkException(SdkError.E_INVALIDARG, "the sink is null");
        }
        synchronized (state) {
            if (sinks.contains(sink)) {
                throw new SdkException(SdkError.E_INVALIDARG, "the sink is already added: " + sink);
            }
            if (running) {
                try {
                    sink.onHeader(ByteBuffer.wrap(streamStart.clone()));
                } catch (IOException e) {
                    throw new UncheckedIOException("the sink failed to take the header: " + e.getMessage(), e);
                }
            }
            sinks.add(sink);
        }
    }

    /**
     * Removes a sink, or every sink when {@code sink} is null (the SDK's {@code RemoveSink}). While
     * writing, each removed sink gets {@code onEndWriting} (so it finishes cleanly), unless it failed
     * and was set aside.
     *
     * @return false when the sink was not added (the SDK's {@code S_FALSE})
     * @throws UncheckedIOException when a removed sink fails to end (it is removed all the same)
     */
    public boolean removeSink(WriterSink sink) {
        List<WriterSink> removed;
        synchronized (state) {
            if (sink == null) {
                removed = new ArrayList<>(sinks);
                sinks.clear();
            } else if (sinks.remove(sink)) {
                removed = List.of(sink);
            } else {
                return false;
            }
            if (running) {
                Exception failure = null;
                for (WriterSink gone : removed) {
                    if (calls.failed(gone)) {
                        continue;
                    }
                    try {
                        gone.onEndWriting();
                    } catch (IOException | RuntimeException e) {
                        failure = SinkCalls.combine(failure, e);
                    }
                }
                if (failure instanceof IOException e) {
                    throw new UncheckedIOException("a removed sink failed to end: " + e.getMessage(), e);
                }
                try {
                    SinkCalls.rethrow(failure);
                } catch (IOException impossible) {
                    throw new AssertionError(impossible);
                }
            }
        }
        return true;
    }

    /**
     * Sets who hears of a sink that fails and is set aside (see the class comment); allowed at any
     * time. The SDK's counterpart is the {@code NS_E_FILE_WRITE} status callback.
     *
     * @throws SdkException E_INVALIDARG for null
     */
    public void setSinkFailureListener(SinkFailureListener listener) {
        if (listener == null) {
            throw new SdkException(SdkError.E_INVALIDARG, "the sink failure listener is null");
        }
        synchronized (state) {
            failureListener = listener;
        }
    }

    private SinkFailureListener failureListener() {
        synchronized (state) {
            return failureListener;
        }
    }

    /** The sinks, in the order they were added (the SDK's {@code GetSinkCount} and {@code GetSink}). */
    public List<WriterSink> sinks() {
        synchronized (state) {
            return List.copyOf(sinks);
        }
    }

    /**
     * Says whether the source is live (the SDK's {@code SetLiveSource}; default false). A live
     * source is never blocked, is held to the wall clock by the sync tolerance, and may get
     * NS_E_TOO_MUCH_DATA. Allowed at any time.
     */
    public void setLiveSource(boolean isLive) {
        synchronized (state) {
            live = isLive;
        }
    }

    /** Whether the source is live. */
    public boolean isLiveSource() {
        synchronized (state) {
            return live;
        }
    }

    /**
     * Sets how far behind, in milliseconds, a sample may be before it is discarded (the SDK's
     * {@code SetSyncTolerance}; default 3000). Allowed at any time.
     *
     * @throws SdkException E_INVALIDARG for a negative value (the SDK's is a DWORD)
     */
    public void setSyncTolerance(int millis) {
        if (millis < 0) {
            throw new SdkException(SdkError.E_INVALIDARG, "sync tolerance " + millis + " ms is negative");
        }
        synchronized (state) {
            syncTolerance = millis;
        }
    }

    /** The sync tolerance in milliseconds. */
    public int syncTolerance() {
        synchronized (state) {
            return syncTolerance;
        }
    }

    /**
     * Whether the writer runs in real time (the SDK's {@code IsRealTime}; false by default): when
     * the source is live or a sink needs real-time delivery, the writer's clock is the wall clock.
     */
    public boolean isRealTime() {
        synchronized (state) {
            return live || sinks.stream().anyMatch(WriterSink::isRealTime);
        }
    }

    /**
     * The time the writer is working to, in 100-ns units since {@code beginWriting} (the SDK's
     * {@code GetWriterTime}): in real time the elapsed wall-clock time, otherwise the newest sample
     * time written. 0 when not writing.
     */
    public long writerTime() {
        synchronized (state) {
            if (!running) {
                return 0;
            }
            return isRealTime() ? elapsed() : Math.max(0, newestTime);
        }
    }

    /** Whether the writer is between {@code beginWriting} and {@code endWriting}. */
    public boolean isWriting() {
        synchronized (state) {
            return running;
        }
    }

    /**
     * Statistics of one stream, or of all when {@code streamNumber} is 0 (the SDK's
     * {@code GetStatistics}): since the last {@code beginWriting}, kept after {@code endWriting}.
     *
     * @throws SdkException E_INVALIDARG for a number that is not 0 or a stream of the profile
     */
    public WriterStatistics statistics(int streamNumber) {
        synchronized (state) {
            if (streamNumber == 0) {
                WriterStatistics sum = WriterStatistics.NONE;
                for (StreamStatistics s : statistics) {
                    sum = sum.plus(s.snapshot());
                }
                return sum;
            }
            if (streamNumber < 0 || streamNumber > statistics.length) {
                throw new SdkException(SdkError.E_INVALIDARG, "no stream " + streamNumber + " in the profile");
            }
            return statistics[streamNumber - 1].snapshot();
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    /**
     * Starts a session (the SDK's {@code BeginWriting}): makes the live header with a fresh file ID
     * and gives it (Header Object and the 50-byte Data Object header) to every sink. The clock
     * starts when this returns. Configuration is frozen until {@link #endWriting}.
     *
     * @throws SdkException E_UNEXPECTED without a profile or when already writing
     * @throws IOException  when every sink fails to take the header; the writer is writing all the
     *                      same, so end it with {@link #endWriting}
     */
    public void beginWriting() throws IOException {
        writing.lock();
        try {
            synchronized (state) {
                if (running) {
                    throw new SdkException(SdkError.E_UNEXPECTED, "the writer is already writing");
                }
                if (profile == null) {
                    throw new SdkException(SdkError.E_UNEXPECTED, "no profile: call setProfile before beginWriting");
                }
                streamStart = LiveProfile.streamStart(profile.header());
                Set<Integer> audio = profile.streams().stream().filter(WriterProfile.ProfileStream::isAudio)
                        .map(WriterProfile.ProfileStream::number).collect(Collectors.toSet());
                packetizer = Packetizer.builder().packetSize(profile.packetSize()).preroll(profile.preroll())
                        .maxHoldMillis(MAX_HOLD_MILLIS).wholeObjectStreams(audio).build(pending::addLast);
                pending.clear();
                statistics = newStatistics(profile);
                newestTime = -1;
                running = true;
                calls.reset();
                try {
                    calls.each(sinks, sink -> sink.onHeader(ByteBuffer.wrap(streamStart.clone())));
                } finally {
                    startNanos = System.nanoTime();
                }
            }
        } finally {
            writing.unlock();
        }
    }

    /**
     * Writes one compressed sample (the SDK's {@code WriteSample} / {@code WriteStreamSample}): a
     * video frame or a block of audio, packetized at once; finished packets go to every sink. Audio
     * samples are kept whole in one packet when they fit and are always key frames; video samples
     * are key frames when {@link #CLEANPOINT} is set. {@link #DISCONTINUITY} and {@link #DATALOSS}
     * are accepted (ASF payloads have no place for them). The array is not kept after the call.
     *
     * @param streamNumber a stream of the profile, 1..63
     * @param time100ns    the sample's time in 100-ns units from the start, without the preroll
     * @param flags        {@link #CLEANPOINT}, {@link #DISCONTINUITY}, {@link #DATALOSS}, or-ed
     * @param sample       the sample's bytes
     * @throws SdkException          ASF_E_INVALIDSTATE when not writing; E_INVALIDARG for an unknown stream,
     *                               a null sample, a negative or too large time, or unknown flags;
     *                               NS_E_INVALID_DATA for an empty sample or one of 16 MiB or more;
     *                               NS_E_LATE_OPERATION / NS_E_TOO_MUCH_DATA when the sample is discarded
     *                               (see the class comment); the writer keeps running after each
     * @throws IOException           when every sink has failed (the first failure); one that fails
     *                               alone is set aside (see the class comment)
     * @throws InterruptedException  when interrupted while paced; the sample is taken and its packets
     *                               go out with the next call
     */
    public void writeSample(int streamNumber, long time100ns, int flags, byte[] sample)
            throws IOException, InterruptedException {
        writing.lock();
        try {
            synchronized (state) {
                if (!running) {
                    throw new SdkException(SdkError.ASF_E_INVALIDSTATE,
                            "the writer is not running: call beginWriting before writeSample");
                }
                WriterProfile.ProfileStream stream = profile.stream(streamNumber).orElseThrow(() -> new SdkException(
                        SdkError.E_INVALIDARG, "no stream " + streamNumber + " in the profile"));
                checkSample(time100ns, flags, sample);
                StreamStatistics stats = statistics[streamNumber - 1];
                long tolerance = syncTolerance * 10_000L;
                long elapsed = elapsed();
                if (live && time100ns > elapsed + tolerance) {
                    stats.dropped(sample.length);
                    throw new SdkException(SdkError.NS_E_TOO_MUCH_DATA, "a sample at " + time100ns / 10_000
                            + " ms arrived " + (time100ns - elapsed) / 10_000 + " ms ahead of the clock, beyond the "
                            + syncTolerance + " ms sync tolerance; discarded");
                }
                long reference = live ? Math.max(newestTime, elapsed) : newestTime;
                if (reference >= 0 && time100ns < reference - tolerance) {
                    stats.dropped(sample.length);
                    throw new SdkException(SdkError.NS_E_LATE_OPERATION, "a sample at " + time100ns / 10_000
                            + " ms arrived " + (reference - time100ns) / 10_000 + " ms late, beyond the "
                            + syncTolerance + " ms sync tolerance; discarded");
                }
                newestTime = Math.max(newestTime, time100ns);
                stats.accepted(time100ns, sample.length);
                boolean key = stream.isAudio() || (flags & CLEANPOINT) != 0;
                packetizer.add(new MediaObject(streamNumber, time100ns / 10_000 + profile.preroll(), key, sample));
            }
            deliverPending(true);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Ends the session (the SDK's {@code EndWriting}): the packet being filled goes out (paced, as
     * any other), then every working sink gets {@code onEndWriting}. Every sink is ended even when
     * one fails. An interrupt while paced makes the rest go out at once (the interrupt stays set).
     *
     * @throws SdkException ASF_E_INVALIDSTATE when not writing
     * @throws IOException  when every sink has failed: the first failure
     */
    public void endWriting() throws IOException {
        writing.lock();
        try {
            synchronized (state) {
                if (!running) {
                    throw new SdkException(SdkError.ASF_E_INVALIDSTATE, "the writer is not running");
                }
                packetizer.flush();
            }
            Exception failure = null;
            boolean interrupted = false;
            try {
                deliverPending(true);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            try {
                deliverPending(false);
            } catch (InterruptedException e) {
                throw new AssertionError("unpaced delivery does not wait", e);
            } catch (IOException | RuntimeException e) {
                failure = SinkCalls.combine(failure, e);
            }
            synchronized (state) {
                running = false;
                try {
                    calls.each(sinks, WriterSink::onEndWriting);
                } catch (IOException | RuntimeException e) {
                    failure = SinkCalls.combine(failure, e);
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            SinkCalls.rethrow(failure);
        } finally {
            writing.unlock();
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    private void checkSample(long time100ns, int flags, byte[] sample) {
        if (sample == null) {
            throw new SdkException(SdkError.E_INVALIDARG, "the sample is null");
        }
        if (time100ns < 0) {
            throw new SdkException(SdkError.E_INVALIDARG, "sample time " + time100ns + " is negative");
        }
        if (time100ns / 10_000 > MAX_PRESENTATION_MS - profile.preroll()) {
            throw new SdkException(SdkError.E_INVALIDARG, "sample time " + time100ns
                    + " is beyond what ASF's 32-bit millisecond times hold (about 49.7 days)");
        }
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new SdkException(SdkError.E_INVALIDARG, String.format("unknown sample flags 0x%X", flags));
        }
        if (sample.length == 0) {
            throw new SdkException(SdkError.NS_E_INVALID_DATA, "the sample is empty; ASF cannot carry it");
        }
        if (sample.length >= DataPacket.MAX_OBJECT_SIZE) {
            throw new SdkException(SdkError.NS_E_INVALID_DATA, "a sample of " + sample.length
                    + " bytes is too large for an ASF media object (under 16 MiB)");
        }
    }

    /**
     * Hands the packets made so far to every sink, in order. When {@code paced} and the source is
     * not live and a sink is real-time, each waits for its send time first, outside the state lock
     * so that the other methods stay responsive.
     */
    private void deliverPending(boolean paced) throws IOException, InterruptedException {
        Exception failure = null;
        while (true) {
            byte[] packet;
            long dueNanos;
            boolean wait;
            synchronized (state) {
                packet = pending.peekFirst();
                if (packet == null) {
                    break;
                }
                wait = paced && !live && sinks.stream().anyMatch(WriterSink::isRealTime);
                dueNanos = startNanos + sendTimeMillis(packet) * 1_000_000L;
            }
            if (wait) {
                PacingClock.sleepUntil(dueNanos);
            }
            synchronized (state) {
                pending.removeFirst();
                try {
                    calls.each(sinks, sink -> SinkCalls.dataUnit(sink, packet));
                } catch (IOException | RuntimeException e) {
                    failure = SinkCalls.combine(failure, e);
                }
            }
        }
        SinkCalls.rethrow(failure);
    }

    private static long sendTimeMillis(byte[] packet) {
        try {
            return DataPacket.parse(packet).sendTime();
        } catch (org.asfcast.asf.AsfFormatException e) {
            throw new IllegalStateException("the packetizer made a packet that does not parse", e);
        }
    }

    private long elapsed() {
        return (System.nanoTime() - startNanos) / 100;
    }

    private void requireConfigurable(String call) {
        if (running) {
            throw new SdkException(SdkError.ASF_E_INVALIDSTATE,
                    call + " is not allowed while writing: call endWriting first");
        }
    }

    private static StreamStatistics[] newStatistics(WriterProfile profile) {
        return profile.streams().stream().map(s -> new StreamStatistics(s.bitrate(), s.expectedSampleRate()))
                .toArray(StreamStatistics[]::new);
    }
}
