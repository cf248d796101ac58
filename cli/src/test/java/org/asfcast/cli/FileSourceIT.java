package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./asfcast serve FILE --loop} with odd files, played by FFmpeg: a file replaced on disk, a
 * header that lies about durations and preroll, an unfinished recording cut inside a packet
 * (issue 10, cases 7 to 9).
 */
@Tag("interop")
class FileSourceIT {

    private static final byte[] FILE_PROPERTIES = HexFormat.of().parseHex("a1dcab8c47a9cf118ee400c00c205365");

    @TempDir
    static Path dir;
    static Path four;    // 4 s, 320x240, 3200-byte packets
    static Path other;   // 4 s, 176x144, 1500-byte packets

    @BeforeAll
    static void media() {
        four = Ffmpeg.make(dir.resolve("four.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440", "-t", "4", "-c:v", "wmv2", "-g", "25", "-c:a", "wmav2", "-f", "asf");
        other = Ffmpeg.make(dir.resolve("other.wmv"), "-f", "lavfi", "-i", "testsrc=size=176x144:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=22050", "-t", "4", "-c:v", "msmpeg4", "-g", "25",
                "-c:a", "wmav1", "-packet_size", "1500", "-f", "asf");
    }

    @Test
    void aFileReplacedOnDiskGoesOnWithTheNewFileAndNewPlayersGetIt() throws Exception {
        Path served = Files.copy(four, dir.resolve("served.wmv"), StandardCopyOption.REPLACE_EXISTING);
        try (AsfcastProcess serve = AsfcastProcess.start("serve", served.toString(), "--loop", "--port", "0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            CompletableFuture<ProcessRun> first = play(port, 30);
            serve.awaitLine("+ 127.0.0.1", Duration.ofSeconds(20));
            Thread.sleep(2000);
            Path next = Files.copy(other, dir.resolve("served.tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(next, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // The player of the old file gets the end of its stream at the next pass (it was: decoder
            // errors, or "internal error: IllegalArgumentException" ending the broadcast).
            first.get(30, TimeUnit.SECONDS);
            ProcessRun second = play(port, 6).get(60, TimeUnit.SECONDS);
            assertThat(second.exitCode()).as("FFmpeg exit; stderr %s", second.stderr()).isZero();
            assertThat(second.stderr()).as("FFmpeg's errors").isBlank();
            assertThat(second.stdout()).contains("#dimensions 0: 176x144");
            assertThat(videoFrames(second)).isGreaterThan(6 * 25 * 9 / 10);
            assertThat(serve.process.isAlive()).as("the broadcast goes on").isTrue();
            assertThat(serve.stdout()).noneMatch(l -> l.contains("internal error"));
            assertThat(serve.stdout()).anyMatch(l -> l.contains("served.wmv changed: broadcasting it anew with its new header"));
            assertThat(serve.terminate()).isZero();
        }
    }

    @Test
    void aHeaderWithAbsurdDurationAndPrerollLoopsInRealTimeAndPlays() throws Exception {
        Path lying = Files.copy(four, dir.resolve("lying.wmv"), StandardCopyOption.REPLACE_EXISTING);
        patchFileProperties(lying, 36_000L * 10_000_000L, 3_600_000); // play 10 h, preroll 1 h
        int seconds = 14; // three and a half passes
        try (AsfcastProcess serve = AsfcastProcess.start("serve", lying.toString(), "--loop", "--port", "0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            ProcessRun ff = play(port, seconds).get(seconds + 60, TimeUnit.SECONDS);
            assertThat(ff.exitCode()).as("FFmpeg exit; stderr %s", ff.stderr()).isZero();
            assertThat(ff.stderr()).as("FFmpeg's errors").isBlank();
            assertThat(videoFrames(ff)).as("frames over %d s", seconds).isGreaterThan(seconds * 25 * 9 / 10);
            // Real time across passes: about the file's own rate, not a flood of passes 100 ms apart.
            long sent = kibSent(serve.awaitLine("- 127.0.0.1", Duration.ofSeconds(20)));
            long realTime = Files.size(four) / 1024 * (seconds + 4) / 4;
            assertThat(sent).as("KiB sent in %d s (the file is %d KiB for 4 s)", seconds, Files.size(four) / 1024)
                    .isLessThan(realTime * 2);
            assertThat(serve.stdout()).anyMatch(l -> l.contains("gives a preroll of 3600000 ms; players are told 3100 ms"));
            assertThat(serve.terminate()).isZero();
        }
    }

    @Test
    void aKilledRecordingCutInsideAPacketIsLoopedToItsLastWholePacket() throws Exception {
        Path recording = dir.resolve("killed.asf");
        try (AsfcastProcess recorder = AsfcastProcess.start("serve", "--port", "0", "--record", recording.toString())) {
            recorder.awaitPort(Duration.ofSeconds(90));
            Thread.sleep(4000);
            recorder.process.destroyForcibly(); // SIGKILL: FileSink never finishes the file
            recorder.process.waitFor(10, TimeUnit.SECONDS);
        }
        // A full disk cuts the last packet too: drop its last 1000 bytes.
        try (RandomAccessFile f = new RandomAccessFile(recording.toFile(), "rw")) {
            f.setLength(f.length() - 1000);
        }
        int seconds = 10;
        try (AsfcastProcess serve = AsfcastProcess.start("serve", recording.toString(), "--loop", "--port", "0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            ProcessRun ff = play(port, seconds).get(seconds + 60, TimeUnit.SECONDS);
            assertThat(ff.exitCode()).as("FFmpeg exit; stderr %s", ff.stderr()).isZero();
            assertThat(ff.stderr()).as("FFmpeg's errors").isBlank();
            assertThat(videoFrames(ff)).isGreaterThan(seconds * 25 * 9 / 10);
            List<String> cut = serve.stdout().stream().filter(l -> l.contains("are a partial packet; playing its first")).toList();
            assertThat(cut).as("one line saying what was cut").hasSize(1);
            assertThat(cut.get(0)).contains("the last 2200 bytes of " + recording);
            assertThat(serve.terminate()).isZero();
        }
    }

    private CompletableFuture<ProcessRun> play(int port, int seconds) {
        return CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(seconds + 50), dir, List.of(
                Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", "mmsh://127.0.0.1:" + port + "/",
                "-t", Integer.toString(seconds), "-map", "0:v", "-f", "framecrc", "-")));
    }

    private static long videoFrames(ProcessRun run) {
        return run.stdout().lines().filter(l -> l.startsWith("0,")).count();
    }

    private static long kibSent(String departure) {
        Matcher m = Pattern.compile(", (\\d+) KiB").matcher(departure);
        assertThat(m.find()).as("KiB in '%s'", departure).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Rewrites the File Properties' play duration (100 ns) and preroll (ms) in place. */
    private static void patchFileProperties(Path file, long playDuration, long preroll) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, FILE_PROPERTIES);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(at + 64, playDuration);
        b.putLong(at + 80, preroll);
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no File Properties Object");
    }
}
