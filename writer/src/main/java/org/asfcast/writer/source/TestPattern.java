package org.asfcast.writer.source;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.VideoFormat;
import org.asfcast.asf.WaveFormat;
import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;
import org.asfcast.writer.Source;
import org.asfcast.writer.Writer;
import org.asfcast.writer.WriterProfile;
import org.asfcast.writer.WriterSink;
import org.asfcast.writer.WriterStatistics;

/**
 * A live test broadcast made in Java: MJPEG video (colour bars, a sweeping bar, a flash each
 * second, the frame number and the wall clock; JPEG by ImageIO) on stream 1 and 16-bit mono PCM
 * (a quiet tone with a beep at each second, in 40 ms blocks) on stream 2, written through a
 * {@link Writer} as a live source: each frame and block is made when the wall clock reaches its
 * time, and every one is written, so a short stall only makes them late (the writer's sync
 * tolerance decides what is dropped).
 *
 * <p>Defaults: 320x240 at 25 fps, JPEG quality 0.7 (about 1.5 Mbit/s of video), 22050 Hz (353 kbit/s),
 * no time limit, packets of 3200 bytes, a preroll of 3000 ms.
 * {@link #run} returns after {@link #stop()} or the {@link Builder#duration duration}, with
 * {@code onEndWriting} delivered. Stopping is final: a stopped pattern's {@code run} ends at once.
 */
public final class TestPattern implements Source {

    /** The video stream's number. */
    public static final int VIDEO_STREAM = 1;
    /** The audio stream's number. */
    public static final int AUDIO_STREAM = 2;

    private static final long AUDIO_BLOCK_MILLIS = 40;

    private final int width;
    private final int height;
    private final int framesPerSecond;
    private final float jpegQuality;
    private final int sampleRate;
    private final Optional<Duration> duration;
    private final int packetSize;
    private final long preroll;
    private final String title;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Writer writer;

    /** A pattern with every default and no time limit. */
    public TestPattern() {
        this(builder());
    }

    private TestPattern(Builder b) {
        this.width = b.width;
        this.height = b.height;
        this.framesPerSecond = b.framesPerSecond;
        this.jpegQuality = b.jpegQuality;
        this.sampleRate = b.sampleRate;
        this.duration = b.duration;
        this.packetSize = b.packetSize;
        this.preroll = b.preroll;
        this.title = b.title;
    }

    /** Settings with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Broadcasts the pattern into {@code sinks} until {@link #stop()} or the duration; every sink
     * gets the header first and {@code onEndWriting} before this returns.
     *
     * @throws IOException          when a sink fails
     * @throws InterruptedException when the thread is interrupted (the sinks are ended first)
     */
    @Override
    public void run(List<WriterSink> sinks) throws IOException, InterruptedException {
        if (sinks == null) {
            throw new SdkException(SdkError.E_INVALIDARG, "the sink list is null");
        }
        try (PatternPicture picture = new PatternPicture(width, height, framesPerSecond, jpegQuality)) {
            Writer w = new Writer();
            w.setProfile(profile(picture.frame(0).length));
            w.setLiveSource(true);
            sinks.forEach(w::addSink);
            writer = w;
            try {
                w.beginWriting();
                broadcast(w, picture, new BeepTone(sampleRate));
            } finally {
                if (w.isWriting()) {
                    w.endWriting();
                }
                w.removeSink(null);
            }
        }
    }

    /** From any thread: ends the broadcast within a frame's time. Final. */
    @Override
    public void stop() {
        stopped.countDown();
    }

    /** The pattern's settings in a few words, for the command's messages. */
    @Override
    public String describe() {
        return String.format("test pattern: %dx%d MJPEG at %d fps (JPEG quality %.2f) and a %d Hz PCM tone "
                + "with a beep each second%s", width, height, framesPerSecond, jpegQuality, sampleRate,
                duration.map(d -> ", for " + d.toMillis() / 1000.0 + " s").orElse(""));
    }

    /** What has been written so far, all streams (zeros before {@link #run}). */
    public WriterStatistics statistics() {
        Writer w = writer;
        return w == null ? WriterStatistics.NONE : w.statistics(0);
    }

    /** The profile a run uses, with the video bitrate estimated from one frame's size. */
    WriterProfile profile(int frameBytes) {
        // Frames differ only in a few lines of text, so one frame is a fair estimate; half again for margin.
        long videoBitrate = Math.max(1, (long) frameBytes * 8 * framesPerSecond * 3 / 2);
        return WriterProfile.builder()
                .addVideoStream(VideoFormat.of("MJPG", width, height, 24, new byte[0]), videoBitrate, framesPerSecond)
                .addAudioStream(WaveFormat.pcm16(sampleRate, 1), (long) sampleRate * 16, 1000.0 / AUDIO_BLOCK_MILLIS)
                .packetSize(packetSize).preroll(preroll).title(title).build();
    }

    private void broadcast(Writer w, PatternPicture picture, BeepTone tone) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long limit = duration.map(d -> d.toNanos() / 100).orElse(Long.MAX_VALUE);
        int blockSamples = (int) (sampleRate * AUDIO_BLOCK_MILLIS / 1000);
        long frame = 0;
        long firstSample = 0;
        while (true) {
            long videoTime = frame * 10_000_000L / framesPerSecond;
            long audioTime = firstSample * 10_000_000L / sampleRate;
            boolean videoDone = videoTime >= limit;
            boolean audioDone = audioTime >= limit;
            if (videoDone && audioDone) {
                return;
            }
            // Whichever is due first, so the writer gets samples in presentation order.
            boolean video = !videoDone && (audioDone || videoTime <= audioTime);
            long time = video ? videoTime : audioTime;
            long wait = start + time * 100 - System.nanoTime();
            if (stopped.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                return;
            }
            try {
                if (video) {
                    w.writeSample(VIDEO_STREAM, time, Writer.CLEANPOINT, picture.frame(frame));
                } else {
                    w.writeSample(AUDIO_STREAM, time, Writer.CLEANPOINT, tone.block(firstSample, blockSamples));
                }
            } catch (SdkException e) {
                if (e.error() != SdkError.NS_E_LATE_OPERATION && e.error() != SdkError.NS_E_TOO_MUCH_DATA) {
                    throw e;
                }
                // Dropped and counted by the writer; a live source carries on with the next sample.
            }
            if (video) {
                frame++;
            } else {
                firstSample += blockSamples;
            }
        }
    }

    /** Settings for a {@link TestPattern}. */
    public static final class Builder {
        private int width = 320;
        private int height = 240;
        private int framesPerSecond = 25;
        private float jpegQuality = 0.7f;
        private int sampleRate = 22050;
        private Optional<Duration> duration = Optional.empty();
        private int packetSize = WriterProfile.DEFAULT_PACKET_SIZE;
        private long preroll = WriterProfile.DEFAULT_PREROLL;
        private String title = "asfcast test pattern";

        private Builder() {
        }

        /** Picture size in pixels, 16..4096 each (default 320x240). */
        public Builder size(int pixelsWide, int pixelsHigh) {
            if (pixelsWide < 16 || pixelsWide > 4096 || pixelsHigh < 16 || pixelsHigh > 4096) {
                throw new IllegalArgumentException("size " + pixelsWide + "x" + pixelsHigh + " is outside 16..4096");
            }
            this.width = pixelsWide;
            this.height = pixelsHigh;
            return this;
        }

        /** Frames per second, 1..120 (default 25). */
        public Builder framesPerSecond(int fps) {
            if (fps < 1 || fps > 120) {
                throw new IllegalArgumentException("frame rate " + fps + " is outside 1..120");
            }
            this.framesPerSecond = fps;
            return this;
        }

        /** JPEG quality, 0..1 (default 0.7). */
        public Builder jpegQuality(float quality) {
            if (!(quality >= 0 && quality <= 1)) {
                throw new IllegalArgumentException("JPEG quality " + quality + " is outside 0..1");
            }
            this.jpegQuality = quality;
            return this;
        }

        /** Audio sample rate in Hz, a multiple of 25 in 8000..96000 so 40 ms blocks are whole (default 22050). */
        public Builder sampleRate(int hertz) {
            if (hertz < 8000 || hertz > 96000 || hertz % 25 != 0) {
                throw new IllegalArgumentException("sample rate " + hertz
                        + " is not a multiple of 25 in 8000..96000");
            }
            this.sampleRate = hertz;
            return this;
        }

        /** Ends the broadcast after this much media time (for tests); default: until stopped. */
        public Builder duration(Duration limit) {
            if (limit == null || limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("duration " + limit + " is not positive");
            }
            this.duration = Optional.of(limit);
            return this;
        }

        /** The data packet size, 100..65536 (default 3200). */
        public Builder packetSize(int bytes) {
            if (bytes < 100 || bytes > 65536) {
                throw new IllegalArgumentException("packet size " + bytes + " is outside 100..65536");
            }
            this.packetSize = bytes;
            return this;
        }

        /** The preroll in milliseconds, 0..60000 (default 3000). */
        public Builder preroll(long millis) {
            if (millis < 0 || millis > 60_000) {
                throw new IllegalArgumentException("preroll " + millis + " ms is outside 0..60000");
            }
            this.preroll = millis;
            return this;
        }

        /** The title in the header's Content Description (default "asfcast test pattern"). */
        public Builder title(String text) {
            this.title = java.util.Objects.requireNonNull(text, "title");
            return this;
        }

        /** The pattern. */
        public TestPattern build() {
            return new TestPattern(this);
        }
    }
}
