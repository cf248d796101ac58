package org.asfcast.writer.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The FFmpeg command lines of a transcode, built from its settings (pure: no process is started
 * here). The input is read in real time ({@code -re}); its first video stream that is not cover art
 * ({@code 0:V:0?}) and its first audio stream ({@code 0:a:0?}) are kept, so audio-only and
 * video-only inputs work; the output is live ASF on standard output.
 */
public final class TranscodeCommand {

    private TranscodeCommand() {
    }

    /** {@code ffmpeg ... -f asf -}: the transcode itself. */
    public static List<String> arguments(Path ffmpeg, TranscodeInput input, TranscodeSettings s) {
        List<String> a = start(ffmpeg);
        a.add("-re");
        if (input.loop()) {
            a.addAll(List.of("-stream_loop", "-1"));
        }
        a.addAll(List.of("-i", input.argument(), "-map", "0:V:0?", "-map", "0:a:0?"));
        a.addAll(List.of("-vf", videoFilter(s)));
        // -g is a backstop at the highest frame rate; forced key frames keep the interval in time at any rate.
        long gop = Math.max(1, Math.round(s.keyFrameInterval().toMillis() * s.maxFrameRate() / 1000.0));
        a.addAll(List.of("-c:v", "wmv2", "-b:v", Long.toString(s.videoBitRate()), "-g", Long.toString(gop),
                "-force_key_frames", "expr:gte(t,n_forced*" + seconds(s.keyFrameInterval().toMillis()) + ")"));
        a.addAll(List.of("-c:a", "wmav2", "-b:a", Long.toString(s.audioBitRate()), "-ar", Integer.toString(s.sampleRate()),
                "-ac", Integer.toString(s.channels())));
        a.addAll(List.of("-packet_size", Integer.toString(s.packetSize()), "-f", "asf", "-"));
        return List.copyOf(a);
    }

    /**
     * A quick look at the input (no frame is decoded): FFmpeg exits with an error when it cannot read
     * it or finds neither video nor audio in it ("Output file #0 does not contain any stream").
     */
    public static List<String> probe(Path ffmpeg, TranscodeInput input) {
        List<String> a = start(ffmpeg);
        a.addAll(List.of("-i", input.argument(), "-map", "0:V:0?", "-map", "0:a:0?", "-t", "0", "-f", "null", "-"));
        return List.copyOf(a);
    }

    /**
     * Frame rate capped, picture scaled to fit (square pixels: an anamorphic input is widened
     * first; never enlarged; even sizes, as 4:2:0 needs), then 4:2:0, which WMV2 takes.
     */
    static String videoFilter(TranscodeSettings s) {
        String fit = "min(1,min(" + s.maxWidth() + "/(iw*sar)," + s.maxHeight() + "/ih))";
        return "fps=fps='min(source_fps," + s.maxFrameRate() + ")'"
                + ",scale=w='max(2,trunc(" + fit + "*iw*sar/2)*2)':h='max(2,trunc(" + fit + "*ih/2)*2)'"
                + ",setsar=1,format=yuv420p";
    }

    private static List<String> start(Path ffmpeg) {
        return new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error"));
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros()
                .toPlainString();
    }
}
