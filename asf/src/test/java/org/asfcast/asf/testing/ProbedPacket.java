package org.asfcast.asf.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One packet (media object) as {@code ffprobe -show_packets} sees it in an ASF file: the stream
 * index (FFmpeg numbers an ASF file's streams in the order their Stream Properties appear, and
 * does not report the ASF stream number), the presentation time in milliseconds (ASF time minus
 * preroll) and the size.
 */
public record ProbedPacket(int streamIndex, long ptsMillis, int size) {

    /** Every packet ffprobe demuxes from the file, in file order. */
    public static List<ProbedPacket> of(Path file) {
        ProcessRun run = ProcessRun.succeed(Duration.ofMinutes(2), file.toAbsolutePath().getParent(), List.of(
                Tools.ffprobe().toString(), "-v", "error",
                "-show_entries", "stream=index,time_base:packet=stream_index,pts,size",
                "-of", "compact", file.toString()));
        Map<Integer, String> timeBases = new HashMap<>();
        List<String[]> packets = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            Map<String, String> fields = fields(line);
            if (line.startsWith("stream|")) {
                int index = Integer.parseInt(fields.get("index"));
                timeBases.put(index, fields.get("time_base"));
            } else if (line.startsWith("packet|")) {
                packets.add(new String[] {fields.get("stream_index"), fields.get("pts"), fields.get("size")});
            }
        }
        List<ProbedPacket> result = new ArrayList<>();
        for (String[] p : packets) {
            int index = Integer.parseInt(p[0]);
            if (!"1/1000".equals(timeBases.get(index))) {
                throw new AssertionError("ffprobe reports time base " + timeBases.get(index) + " for an ASF stream; expected 1/1000");
            }
            result.add(new ProbedPacket(index, Long.parseLong(p[1]), Integer.parseInt(p[2])));
        }
        return result;
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1).trim());
            }
        }
        return fields;
    }
}
