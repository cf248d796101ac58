package org.asfcast.writer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.ContentDescription;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.Guid;
import org.asfcast.asf.HeaderExtension;
import org.asfcast.asf.HeaderObject;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.StreamBitrateProperties;
import org.asfcast.asf.StreamBitrateProperties.BitrateRecord;
import org.asfcast.asf.StreamProperties;
import org.asfcast.asf.VideoFormat;
import org.asfcast.asf.WaveFormat;

/**
 * What a writer produces (the SDK's {@code IWMProfile} for already-compressed input): the streams
 * with their formats and bitrates, the packet size, the preroll and the metadata. Immutable; made
 * with {@link #builder()}. Stream numbers are 1, 2, ... in the order the streams were added.
 *
 * <p>The default preroll is {@value #DEFAULT_PREROLL} ms: equal to the writer's default sync
 * tolerance, so a sample the writer still accepts as in sync (up to 3 s late) reaches players
 * before they need it; it is also what the SDK's live encodes and the packetizer use (FFmpeg
 * writes 3100, VLC's muxer 2000). Lower it for less start-up latency in VLC.
 */
public final class WriterProfile {

    /** The default data packet size, FFmpeg's and the packetizer's. */
    public static final int DEFAULT_PACKET_SIZE = 3200;
    /** The default preroll in milliseconds. */
    public static final long DEFAULT_PREROLL = 3000;
    /** The highest stream number the SDK's writer accepts. */
    public static final int MAX_STREAMS = 63;

    private final List<ProfileStream> streams;
    private final int packetSize;
    private final long preroll;
    private final Optional<ContentDescription> metadata;

    /**
     * One stream of a profile.
     *
     * @param number             1..63, its position in the profile
     * @param properties         its Stream Properties Object
     * @param bitrate            declared average bitrate in bits per second
     * @param expectedSampleRate samples (writer calls) per second the source is expected to write; 0 if not declared
     */
    public record ProfileStream(int number, StreamProperties properties, long bitrate, double expectedSampleRate) {
        /** Whether it is an audio stream (its objects are kept whole in packets). */
        public boolean isAudio() {
            return properties.isAudio();
        }

        /** Whether it is a video stream. */
        public boolean isVideo() {
            return properties.isVideo();
        }
    }

    private WriterProfile(Builder b) {
        this.streams = List.copyOf(b.streams);
        this.packetSize = b.packetSize;
        this.preroll = b.preroll;
        boolean any = !b.title.isEmpty() || !b.author.isEmpty() || !b.copyright.isEmpty() || !b.description.isEmpty();
        this.metadata = any ? Optional.of(new ContentDescription(b.title, b.author, b.copyright, b.description, ""))
                : Optional.empty();
    }

    /** A builder with no streams, packet size 3200, preroll 3000 ms and no metadata. */
    public static Builder builder() {
        return new Builder();
    }

    /** The streams, in stream-number order. */
    public List<ProfileStream> streams() {
        return streams;
    }

    /** The stream with this number. */
    public Optional<ProfileStream> stream(int number) {
        return number >= 1 && number <= streams.size() ? Optional.of(streams.get(number - 1)) : Optional.empty();
    }

    /** The data packet size in bytes. */
    public int packetSize() {
        return packetSize;
    }

    /** The preroll in milliseconds. */
    public long preroll() {
        return preroll;
    }

    /** The Content Description (title, author, copyright, description), when any is set. */
    public Optional<ContentDescription> metadata() {
        return metadata;
    }

    /** The sum of the streams' declared bitrates, in bits per second. */
    public long totalBitrate() {
        return streams.stream().mapToLong(ProfileStream::bitrate).sum();
    }

    /** The live header of this profile with a fresh file ID, created now. */
    public AsfHeader header() {
        return header(Guid.random(), Instant.now());
    }

    /**
     * The live header of this profile: File Properties (Broadcast flag, the packet size as minimum
     * and maximum, a maximum bitrate estimated from the streams), the Header Extension, one Stream
     * Properties Object per stream, the Stream Bitrate Properties and, when metadata is set, the
     * Content Description; in the live profile that every player accepts ({@link LiveProfile}).
     *
     * @param fileId   the File ID, repeated in the Data Object
     * @param creation the creation date recorded in File Properties
     */
    public AsfHeader header(Guid fileId, Instant creation) {
        // 100-ns units since 1601-01-01: the Windows FILETIME epoch, 11644473600 s before 1970.
        long creationDate = (creation.getEpochSecond() + 11_644_473_600L) * 10_000_000L + creation.getNano() / 100;
        FileProperties fp = new FileProperties(fileId, 0, creationDate, 0, 0, 0, preroll, FileProperties.BROADCAST,
                packetSize, packetSize, 0);
        List<HeaderObject> objects = new ArrayList<>();
        objects.add(fp);
        objects.add(HeaderExtension.empty());
        List<BitrateRecord> bitrates = new ArrayList<>();
        for (ProfileStream stream : streams) {
            objects.add(stream.properties());
            bitrates.add(new BitrateRecord(stream.number(), Math.min(0xFFFFFFFFL, stream.bitrate())));
        }
        metadata.ifPresent(objects::add);
        objects.add(new StreamBitrateProperties(bitrates));
        return LiveProfile.header(AsfHeader.of(objects));
    }

    @Override
    public String toString() {
        return "WriterProfile[" + streams.size() + " streams, " + totalBitrate() + " bit/s, packets of " + packetSize
                + " bytes, preroll " + preroll + " ms]";
    }

    /** Collects the streams and settings of a {@link WriterProfile}. */
    public static final class Builder {
        private final List<ProfileStream> streams = new ArrayList<>();
        private int packetSize = DEFAULT_PACKET_SIZE;
        private long preroll = DEFAULT_PREROLL;
        private String title = "";
        private String author = "";
        private String copyright = "";
        private String description = "";

        private Builder() {
        }

        /** Adds an audio stream whose bitrate is the format's average bytes per second × 8 (exact for PCM). */
        public Builder addAudioStream(WaveFormat format) {
            return addAudioStream(format, format.avgBytesPerSec() * 8, 0);
        }

        /** Adds an audio stream with a declared bitrate in bits per second. */
        public Builder addAudioStream(WaveFormat format, long bitrate) {
            return addAudioStream(format, bitrate, 0);
        }

        /**
         * Adds an audio stream.
         *
         * @param bitrate          bits per second, positive
         * @param samplesPerSecond audio blocks the source writes per second (for statistics), 0 if unknown
         */
        public Builder addAudioStream(WaveFormat format, long bitrate, double samplesPerSecond) {
            return add(StreamProperties.audio(nextNumber(), requireFormat(format)), bitrate, samplesPerSecond);
        }

        /**
         * Adds a video stream.
         *
         * @param bitrate         bits per second, positive
         * @param framesPerSecond the frame rate the source writes (for statistics), 0 if unknown
         */
        public Builder addVideoStream(VideoFormat format, long bitrate, double framesPerSecond) {
            return add(StreamProperties.video(nextNumber(), requireFormat(format)), bitrate, framesPerSecond);
        }

        /** The data packet size in bytes, 100..65536 (default 3200). */
        public Builder packetSize(int bytes) {
            if (bytes < 100 || bytes > 65536) {
                throw new SdkException(SdkError.E_INVALIDARG, "packet size " + bytes + " is outside 100..65536");
            }
            this.packetSize = bytes;
            return this;
        }

        /** The preroll in milliseconds, 0..60000 (default 3000). */
        public Builder preroll(long millis) {
            if (millis < 0 || millis > 60_000) {
                throw new SdkException(SdkError.E_INVALIDARG, "preroll " + millis + " ms is outside 0..60000");
            }
            this.preroll = millis;
            return this;
        }

        /** The title (empty for none). */
        public Builder title(String text) {
            this.title = checkText(text, "title");
            return this;
        }

        /** The author (empty for none). */
        public Builder author(String text) {
            this.author = checkText(text, "author");
            return this;
        }

        /** The copyright notice (empty for none). */
        public Builder copyright(String text) {
            this.copyright = checkText(text, "copyright");
            return this;
        }

        /** The description (empty for none). */
        public Builder description(String text) {
            this.description = checkText(text, "description");
            return this;
        }

        /**
         * The profile.
         *
         * @throws SdkException E_INVALIDARG when no stream was added
         */
        public WriterProfile build() {
            if (streams.isEmpty()) {
                throw new SdkException(SdkError.E_INVALIDARG, "a profile needs at least one stream");
            }
            return new WriterProfile(this);
        }

        private Builder add(StreamProperties properties, long bitrate, double sampleRate) {
            if (bitrate <= 0 || bitrate > 0xFFFFFFFFL) {
                throw new SdkException(SdkError.E_INVALIDARG, "bitrate " + bitrate + " is outside 1..4294967295 bit/s");
            }
            if (!(sampleRate >= 0) || Double.isInfinite(sampleRate)) {
                throw new SdkException(SdkError.E_INVALIDARG, "sample rate " + sampleRate + " is not a finite value >= 0");
            }
            streams.add(new ProfileStream(properties.streamNumber(), properties, bitrate, sampleRate));
            return this;
        }

        private int nextNumber() {
            if (streams.size() >= MAX_STREAMS) {
                throw new SdkException(SdkError.E_INVALIDARG, "a profile holds at most " + MAX_STREAMS + " streams");
            }
            return streams.size() + 1;
        }

        private static <T> T requireFormat(T format) {
            if (format == null) {
                throw new SdkException(SdkError.E_POINTER, "the stream format is null");
            }
            return format;
        }

        private static String checkText(String text, String what) {
            if (text == null) {
                throw new SdkException(SdkError.E_POINTER, "the " + what + " is null");
            }
            // A Content Description field is a WORD byte count of UTF-16 with its NUL.
            if ((text.length() + 1) * 2 > 0xFFFF) {
                throw new SdkException(SdkError.E_INVALIDARG, "the " + what + " is longer than 32766 characters");
            }
            return text;
        }
    }
}
