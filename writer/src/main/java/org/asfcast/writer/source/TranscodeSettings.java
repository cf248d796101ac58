package org.asfcast.writer.source;

import java.time.Duration;
import java.util.List;

/**
 * What FFmpeg makes of any input for a Windows Media player: WMV2 video and WMA2 audio in ASF
 * packets. The defaults play in every player tested (FFmpeg, VLC, MPlayer, xine) and in Windows
 * Media Player's own codecs: 4:2:0 pictures of even size with square pixels, WMA2 stereo at 44.1 kHz.
 *
 * @param videoBitRate     bits per second of the video, {@value #MIN_VIDEO_BIT_RATE}..{@value #MAX_VIDEO_BIT_RATE} (default 1000k)
 * @param maxWidth         the picture is scaled down (never up, aspect kept) to fit this width, 16..4096 (default 640)
 * @param maxHeight        ... and this height, 16..4096 (default 480)
 * @param maxFrameRate     frames per second at most; a slower input keeps its own rate, 1..60 (default 25)
 * @param keyFrameInterval a key frame at least this often, so a joining player starts within it, 100 ms..30 s (default 2 s)
 * @param audioBitRate     bits per second of the audio, {@value #MIN_AUDIO_BIT_RATE} (FFmpeg's WMA2 encoder's least)
 *                         up to {@value #MAX_AUDIO_BIT_RATE_PER_CHANNEL} per channel (default 128k)
 * @param sampleRate       one of {@link #SAMPLE_RATES} (WMA2's own; the encoder takes no more than 48 kHz; default 44100)
 * @param channels         1 or 2 (WMA2 has no more; default 2, a mono input is sent on both)
 * @param packetSize       ASF packet size in bytes, 100..65536 (FFmpeg's range; default 3200, FFmpeg's own)
 */
public record TranscodeSettings(long videoBitRate, int maxWidth, int maxHeight, int maxFrameRate, Duration keyFrameInterval,
        long audioBitRate, int sampleRate, int channels, int packetSize) {

    /** The least video bit rate. */
    public static final long MIN_VIDEO_BIT_RATE = 32_000;
    /** The most video bit rate. */
    public static final long MAX_VIDEO_BIT_RATE = 20_000_000;
    /** The least audio bit rate: FFmpeg's WMA2 encoder refuses less ("bitrate too low"). */
    public static final long MIN_AUDIO_BIT_RATE = 24_000;
    /** The most audio bit rate per channel: WMA2's profiles end at 192 kbit/s for stereo. */
    public static final long MAX_AUDIO_BIT_RATE_PER_CHANNEL = 96_000;
    /** The sample rates WMA2 is made for. */
    public static final List<Integer> SAMPLE_RATES = List.of(8000, 11025, 16000, 22050, 32000, 44100, 48000);

    /** Every setting at its default. */
    public static final TranscodeSettings DEFAULTS = new TranscodeSettings(1_000_000, 640, 480, 25, Duration.ofSeconds(2),
            128_000, 44100, 2, 3200);

    /**
     * Checks every value against the ranges above.
     *
     * @throws IllegalArgumentException naming the first value out of range
     */
    public TranscodeSettings {
        check(videoBitRate >= MIN_VIDEO_BIT_RATE && videoBitRate <= MAX_VIDEO_BIT_RATE, "video bit rate", videoBitRate);
        check(maxWidth >= 16 && maxWidth <= 4096, "largest width", maxWidth);
        check(maxHeight >= 16 && maxHeight <= 4096, "largest height", maxHeight);
        check(maxFrameRate >= 1 && maxFrameRate <= 60, "frame rate", maxFrameRate);
        check(keyFrameInterval.toMillis() >= 100 && keyFrameInterval.compareTo(Duration.ofSeconds(30)) <= 0,
                "key-frame interval", keyFrameInterval);
        check(channels == 1 || channels == 2, "channel count", channels);
        check(audioBitRate >= MIN_AUDIO_BIT_RATE && audioBitRate <= maxAudioBitRate(channels), "audio bit rate", audioBitRate);
        check(SAMPLE_RATES.contains(sampleRate), "sample rate", sampleRate);
        check(packetSize >= 100 && packetSize <= 65536, "packet size", packetSize);
    }

    /** The most audio bit rate for this many channels. */
    public static long maxAudioBitRate(int channels) {
        return MAX_AUDIO_BIT_RATE_PER_CHANNEL * Math.max(1, channels);
    }

    private static void check(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("the " + what + " " + value + " is out of range for WMV2/WMA2 transcoding");
        }
    }
}
