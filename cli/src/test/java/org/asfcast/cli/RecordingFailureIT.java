package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.Players;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --record} onto a disk that fills up while FFmpeg plays: the recording fails alone. */
@Tag("interop")
class RecordingFailureIT {

    @TempDir
    Path dir;

    @Test
    void aFullDiskEndsTheRecordingAloneAndLeavesItFinished() throws Exception {
        Path wmv = Ffmpeg.make(dir.resolve("source.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "10",
                "-c:v", "wmv2", "-b:v", "500k", "-g", "25", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Path recording = disk.resolve("full.asf");
        int seconds = 20; // 1 MiB at about 600 kbit/s fills in about 13 s: the failure comes mid-play
        try (SmallFileSystem small = SmallFileSystem.mount(disk, "size=1m");
             AsfcastProcess serve = AsfcastProcess.start("serve", wmv.toString(), "--loop", "--port", "0",
                     "--record", recording.toString())) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            CompletableFuture<ProcessRun> player = CompletableFuture.supplyAsync(() -> ProcessRun.run(
                    Duration.ofSeconds(seconds + 40), dir, List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error",
                            "-i", "mmsh://127.0.0.1:" + port + "/", "-t", Integer.toString(seconds),
                            "-map", "0", "-f", "framemd5", "-")));
            ProcessRun ff = player.get(seconds + 45, TimeUnit.SECONDS);

            // The player played through the failure, to its end.
            assertThat(ff.exitCode()).as("FFmpeg's exit; stderr %s", ff.stderr()).isZero();
            assertThat(ff.stderr()).as("FFmpeg's errors").isBlank();
            assertThat(ff.stdout().lines().filter(l -> l.startsWith("0,")).count()).as("video frames")
                    .isGreaterThan((seconds - 1) * 25L);
            // One line, naming the file and what it kept; the broadcast still runs.
            assertThat(serve.process.isAlive()).as("asfcast still serving; stderr %s", serve.stderr()).isTrue();
            List<String> told = serve.stderr().stream().filter(l -> !l.startsWith("asfcast: building")).toList();
            assertThat(told).as("standard error").singleElement().satisfies(line -> assertThat(line)
                    .startsWith("asfcast: recording " + recording + " stopped: No space left on device; ")
                    .contains("the file is finished with its first"));
            assertThat(serve.terminate()).as("exit code after SIGTERM").isZero();
            assertThat(serve.stdout()).anyMatch(l -> l.contains("broadcast ended; the recording stopped early"));

            assertFinishedAndSeekable(recording);
        }
    }

    /** Finished: real sizes, whole packets only, a Simple Index, Seekable, no Broadcast; FFmpeg decodes and seeks. */
    static void assertFinishedAndSeekable(Path file) throws Exception {
        long count;
        try (AsfReader reader = AsfReader.open(file)) {
            FileProperties fp = reader.header().fileProperties();
            assertThat(fp.flags() & FileProperties.BROADCAST).as("Broadcast flag").isZero();
            assertThat(fp.flags() & FileProperties.SEEKABLE).as("Seekable flag").isNotZero();
            assertThat(fp.fileSize()).as("file size in the header").isEqualTo(Files.size(file));
            assertThat(reader.simpleIndexes()).as("Simple Index").isNotEmpty();
            count = reader.packetCount().orElseThrow();
            long read = 0;
            while (reader.nextPacketBytes().isPresent()) {
                read++;
            }
            assertThat(read).as("packets read").isEqualTo(count).isPositive();
            long indexBytes = reader.simpleIndexes().stream().mapToLong(i -> i.toBytes().length).sum();
            assertThat(Files.size(file)).as("header, whole packets and the index, nothing else")
                    .isEqualTo(reader.headerBytes().length + DataObjectHeader.SIZE + count * reader.packetSize() + indexBytes);
        }
        ProcessRun probe = ProcessRun.succeed(Duration.ofSeconds(60), file.getParent(), List.of(Tools.ffprobe().toString(),
                "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file.toString()));
        assertThat(probe.stderr()).as("ffprobe's errors").isBlank();
        double duration = Double.parseDouble(probe.stdout().trim());
        assertThat(duration).isGreaterThan(3);
        int all = Players.stream(Players.ffmpegFrames(file, 0), 0).size();
        int fromTwo = Players.stream(Players.ffmpegFrames(file, 2), 0).size();
        assertThat(all).as("frames decoded").isGreaterThan((int) (duration - 2) * 25);
        assertThat(fromTwo).as("frames after seeking to 2 s").isBetween(all - 2 * 25 - 30, all - 2 * 25 + 5);
    }
}
