package org.asfcast.cli;

import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.StreamBitrateProperties;
import org.asfcast.asf.StreamProperties;
import org.asfcast.asf.VideoFormat;
import org.asfcast.asf.WaveFormat;

/** Describes an ASF header in the lines {@code asfcast probe} prints. */
final class StreamSummary {

    private StreamSummary() {
    }

    static List<String> lines(AsfHeader header, boolean liveByServer) {
        List<String> lines = new ArrayList<>();
        FileProperties fp = header.fileProperties();
        boolean broadcast = (fp.flags() & FileProperties.BROADCAST) != 0;
        lines.add("live: " + (broadcast || liveByServer ? "yes" : "no") + " (Broadcast flag " + (broadcast ? "set" : "clear")
                + (liveByServer ? ", server says broadcast" : "") + ")");
        lines.add("packet size: " + header.packetSize() + " bytes, preroll: " + header.preroll() + " ms, max bitrate: "
                + kbits(fp.maxBitrate()));
        header.contentDescription().ifPresent(cd -> {
            if (!cd.title().isEmpty()) {
                lines.add("title: " + cd.title());
            }
            if (!cd.author().isEmpty()) {
                lines.add("author: " + cd.author());
            }
        });
        lines.add("streams: " + header.streams().size());
        for (StreamProperties s : header.streams()) {
            lines.add("  #" + s.streamNumber() + " " + describe(s) + bitrate(header, s.streamNumber()));
        }
        return lines;
    }

    private static String describe(StreamProperties s) {
        if (s.isVideo()) {
            return s.videoFormat().map(StreamSummary::video).orElse("video (format unreadable)");
        }
        if (s.isAudio()) {
            return s.audioFormat().map(StreamSummary::audio).orElse("audio (format unreadable)");
        }
        return "other stream (" + s.streamType() + ")";
    }

    static String video(VideoFormat v) {
        String code = v.fourCCText();
        String name = switch (code) {
            case "WMV1" -> "Windows Media Video 7";
            case "WMV2" -> "Windows Media Video 8";
            case "WMV3" -> "Windows Media Video 9";
            case "WVC1", "WMVA" -> "Windows Media Video 9 Advanced (VC-1)";
            case "MP43" -> "MS-MPEG4 v3";
            case "MP42" -> "MS-MPEG4 v2";
            case "MPG4" -> "MS-MPEG4 v1";
            case "MJPG" -> "Motion JPEG";
            default -> "codec " + code;
        };
        return "video " + name + " (" + code + "), " + v.width() + "x" + v.height();
    }

    static String audio(WaveFormat a) {
        String name = switch (a.formatTag()) {
            case 0x0001 -> "PCM";
            case 0x000A -> "Windows Media Audio Voice";
            case 0x0055 -> "MP3";
            case 0x0160 -> "Windows Media Audio 1";
            case 0x0161 -> "Windows Media Audio 2";
            case 0x0162 -> "Windows Media Audio Pro";
            case 0x0163 -> "Windows Media Audio Lossless";
            default -> String.format("format 0x%04X", a.formatTag());
        };
        return "audio " + name + ", " + a.samplesPerSec() + " Hz, " + a.channels() + " channel" + (a.channels() == 1 ? "" : "s");
    }

    private static String bitrate(AsfHeader header, int stream) {
        return header.streamBitrates().flatMap(b -> b.records().stream()
                        .filter(r -> r.streamNumber() == stream).findFirst()
                        .map(StreamBitrateProperties.BitrateRecord::averageBitrate))
                .map(bps -> ", " + kbits(bps)).orElse("");
    }

    static String kbits(long bitsPerSecond) {
        return bitsPerSecond >= 10_000_000 ? String.format("%.1f Mbit/s", bitsPerSecond / 1e6)
                : String.format("%.0f kbit/s", bitsPerSecond / 1e3);
    }
}
