package org.asfcast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.MediaObjectAssembler;
import org.asfcast.asf.Remuxer;

/**
 * Side by side: asfcast's {@link Remuxer} against {@code ffmpeg -c copy} on the same FFmpeg-made
 * WMV, alternating runs so a noisy machine slows both alike, then a markdown table of medians.
 *
 * <p>asfcast is timed in this JVM, as a library or the server uses it: uncounted warm-up runs
 * first (the first is reported as the cold run, JIT included; C2 needs a few 200 MB runs to
 * settle), then the timed runs, with no {@code System.gc()} between them: in a trial a full GC
 * before each run made the runs slower and noisier, and the steady-state GC cost belongs in
 * asfcast's figure. FFmpeg runs as a process, which is how it is used. For the view of a command
 * line user, each round also times asfcast in a fresh child JVM (start-up and JIT included); that
 * column is reported, not the headline. All read the same input (in the page cache after the
 * first run) and write to the same directory without fsync.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.asfcast.bench.RemuxComparison [--size-mb 200] [--runs 5]
 *     [--warmup 3] [--work DIR]</pre>
 */
public final class RemuxComparison {
    /** wmv2 on testsrc2 at 720p comes out near 16 Mbit/s whatever higher -b:v asks; plan with 2 MB/s. */
    private static final double PLANNED_BYTES_PER_SECOND = 2.0e6;

    private RemuxComparison() {
    }

    /** Runs the comparison; {@code --remux-only IN OUT} is the child JVM's entry. */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--remux-only")) {
            Remuxer.remux(Path.of(args[1]), Path.of(args[2])); // the child JVM's whole job
            return;
        }
        int sizeMb = 200;
        int runs = 5;
        int warmup = 3;
        Path work = Path.of("bench", "results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mb" -> sizeMb = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Math.max(1, Integer.parseInt(args[++i]));
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--size-mb N, --runs N, --warmup N, --work DIR)");
            }
        }
        Files.createDirectories(work);
        Path input = makeInput(work, sizeMb);
        Path asfcastOut = work.resolve("out-asfcast.asf");
        Path ffmpegOut = work.resolve("out-ffmpeg.asf");
        long inputBytes = Files.size(input);
        System.out.printf(Locale.ROOT, "input %s: %,d bytes%n", input, inputBytes);

        // Warm-up: the JIT compiles the pipeline; reported, not counted. FFmpeg gets one too, so
        // both start with the input in the page cache.
        double cold = 0;
        long start;
        for (int i = 0; i < warmup; i++) {
            Files.deleteIfExists(asfcastOut);
            start = System.nanoTime();
            Remuxer.Result result = Remuxer.remux(input, asfcastOut);
            double s = seconds(start);
            cold = i == 0 ? s : cold;
            System.out.printf(Locale.ROOT, "asfcast warm-up %d: %.3f s, %s%n", i + 1, s, result);
        }
        runFfmpeg(input, ffmpegOut);

        double[] asfcast = new double[runs];
        double[] ffmpeg = new double[runs];
        double[] child = new double[runs];
        for (int i = 0; i < runs; i++) {
            Files.deleteIfExists(asfcastOut);
            start = System.nanoTime();
            Remuxer.remux(input, asfcastOut);
            asfcast[i] = seconds(start);
            Files.deleteIfExists(ffmpegOut);
            ffmpeg[i] = runFfmpeg(input, ffmpegOut);
            Files.deleteIfExists(asfcastOut);
            child[i] = runChildJvm(input, asfcastOut);
            System.out.printf(Locale.ROOT, "run %d: asfcast %.3f s, ffmpeg %.3f s, asfcast in a fresh JVM %.3f s%n",
                    i + 1, asfcast[i], ffmpeg[i], child[i]);
        }

        double a = median(asfcast);
        double f = median(ffmpeg);
        double mb = inputBytes / 1e6;
        System.out.println();
        System.out.printf(Locale.ROOT, "| remux of %.1f MB (%d runs each, interleaved; %d warm-up) "
                + "| median s | MB/s | all runs (s) |%n", mb, runs, warmup);
        System.out.println("|---|---:|---:|---|");
        System.out.printf(Locale.ROOT, "| asfcast `Remuxer.remux` (in-process, warm) | %.3f | %.0f | %s |%n", a, mb / a,
                list(asfcast));
        System.out.printf(Locale.ROOT, "| asfcast cold first run (not in the median) | %.3f | %.0f | |%n", cold,
                mb / cold);
        System.out.printf(Locale.ROOT, "| `ffmpeg -c copy` (process) | %.3f | %.0f | %s |%n", f, mb / f, list(ffmpeg));
        double c = median(child);
        System.out.printf(Locale.ROOT, "| asfcast in a fresh JVM (process, cold) | %.3f | %.0f | %s |%n", c, mb / c,
                list(child));
        System.out.printf(Locale.ROOT, "%nratio ffmpeg/asfcast (medians): in-process %.2f, fresh JVM %.2f "
                + "(>1: asfcast faster)%n", f / a, f / c);

        System.out.println();
        System.out.println("| file | bytes | ffprobe packets (stream 0, 1) | AsfReader objects (dropped) |");
        System.out.println("|---|---:|---|---|");
        for (Path file : List.of(input, asfcastOut, ffmpegOut)) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %s | %s |%n", file.getFileName(), Files.size(file),
                    ffprobePackets(file), countObjects(file));
        }
    }

    /** The FFmpeg-made input, made once and kept in the work directory. */
    private static Path makeInput(Path work, int sizeMb) throws IOException, InterruptedException {
        Path input = work.resolve("in-" + sizeMb + "mb.wmv");
        long wanted = sizeMb * 1_000_000L;
        double seconds = Math.ceil(wanted * 1.05 / PLANNED_BYTES_PER_SECOND);
        for (int attempt = 0; !Files.exists(input) || Files.size(input) < wanted; attempt++) {
            if (attempt == 3) {
                throw new IllegalStateException("could not make an input of " + sizeMb + " MB");
            }
            if (Files.exists(input)) {
                seconds = Math.ceil(seconds * wanted * 1.05 / Files.size(input)); // the encoder undershot
            }
            System.out.printf(Locale.ROOT, "making %s: %.0f s of 1280x720 wmv2 + wmav2%n", input, seconds);
            run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                    "-t", String.valueOf((long) seconds), "-c:v", "wmv2", "-b:v", "20M",
                    "-c:a", "wmav2", "-b:a", "128k", "-f", "asf", input.toString()));
        }
        return input;
    }

    private static double runFfmpeg(Path input, Path output) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", input.toString(), "-c", "copy", "-f", "asf",
                output.toString()));
        return seconds(start);
    }

    private static double runChildJvm(Path input, Path output) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        long start = System.nanoTime();
        run(List.of(java, "-cp", System.getProperty("java.class.path"), RemuxComparison.class.getName(),
                "--remux-only", input.toString(), output.toString()));
        return seconds(start);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** Packets per stream as FFmpeg reads them, e.g. "5000, 8613". */
    private static String ffprobePackets(Path file) throws IOException, InterruptedException {
        return run(List.of("ffprobe", "-v", "error", "-count_packets", "-show_entries", "stream=nb_read_packets",
                "-of", "csv=p=0", file.toString())).trim().replace("\n", ", ");
    }

    /** Media objects asfcast reassembles from the file, and how many it had to drop. */
    private static String countObjects(Path file) throws IOException {
        long[] count = new long[1];
        MediaObjectAssembler assembler = new MediaObjectAssembler(o -> count[0]++);
        try (AsfReader reader = AsfReader.open(file)) {
            Optional<DataPacket> packet;
            while ((packet = reader.nextPacket()).isPresent()) {
                assembler.accept(packet.get());
            }
        } catch (AsfFormatException e) {
            return "invalid: " + e.getMessage();
        }
        return count[0] + " (" + assembler.droppedObjects() + ")";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String list(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format(Locale.ROOT, "%.3f", v));
        }
        return String.join(", ", parts);
    }
}
