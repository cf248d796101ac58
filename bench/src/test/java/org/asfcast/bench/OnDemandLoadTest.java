package org.asfcast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asfcast.asf.testing.Ffmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator against the real server ({@link ArchiveBenchServer}: a broadcast and a folder on
 * demand) with files FFmpeg makes: on-demand players finish their files and go on to the next
 * without a stall, and a mixed run counts each kind's bytes on its own.
 */
@Tag("interop")
class OnDemandLoadTest {

    @TempDir
    static Path dir;
    static Path archive;

    @BeforeAll
    static void makeTwoFiles() throws Exception {
        archive = Files.createDirectories(dir.resolve("archive"));
        // 14 s: longer than the fast start (preroll 3.1 s + 5 s), so a player is paced before $E
        for (int i = 1; i <= 2; i++) {
            Ffmpeg.make(archive.resolve("od" + i + ".wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=14",
                    "-f", "lavfi", "-i", "sine=frequency=" + (300 * i) + ":sample_rate=44100:duration=14", "-t", "14",
                    "-c:v", "wmv2", "-b:v", "400k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        }
    }

    @Test
    void onDemandPlayersFinishTheirFilesAndGoOnWithoutAStallBesideBroadcastPlayers() throws Exception {
        try (ArchiveBenchServer.Running server = ArchiveBenchServer.start(0, archive.resolve("od1.wmv"), archive, 1000)) {
            Path list = dir.resolve("urls.txt");
            String base = "mmsh://127.0.0.1:" + server.port();
            Files.write(list, List.of("# the files", base + "/archive/od1.wmv", base + "/archive/od2.wmv"));
            Thread.sleep(1500); // the broadcast's first packets
            LoadGenerator.Options o = LoadGenerator.Options.parse(new String[] {"--url", base + "/live", "--clients", "4",
                "--on-demand-clients", "6", "--url-list", list.toString(), "--start-spread", "4", "--rate", "50",
                "--duration", "9.5", "--threads", "1"});
            LoadGenerator.Result r = LoadGenerator.measure(o);
            PlayerTally od = r.onDemand;
            assertThat(od.players).isEqualTo(6);
            assertThat(od.stalled).as(r.summary()).isZero();
            // every one reached the end of its first file (at most 14 - 8.1 s after it joined) and asked for the next
            assertThat(od.playersFinished).as(r.summary()).isEqualTo(6);
            assertThat(od.reconnections).isGreaterThanOrEqualTo(6);
            assertThat(od.cutOff).isZero();
            assertThat(r.broadcast.players).isEqualTo(4);
            assertThat(r.broadcast.stalled).as(r.summary()).isZero();
            assertThat(r.broadcast.filesFinished).isZero();
            assertThat(r.kindBytesAtEnd[0]).isPositive();
            assertThat(r.kindBytesAtEnd[1]).isPositive();
            assertThat(r.kindBytesAtEnd[0] + r.kindBytesAtEnd[1]).isEqualTo(r.bytesAtEnd);
            assertThat(r.json()).contains("\"on_demand\":{\"clients\":6,").contains("\"broadcast\":{\"clients\":4,");
        }
    }

    @Test
    void withoutANextFileAFinishedPlayerStaysGoneAndIsNotAStall() throws Exception {
        try (ArchiveBenchServer.Running server = ArchiveBenchServer.start(0, archive.resolve("od1.wmv"), archive, 1000)) {
            Path list = dir.resolve("one.txt");
            Files.write(list, List.of("mmsh://127.0.0.1:" + server.port() + "/archive/od2.wmv"));
            LoadGenerator.Options o = LoadGenerator.Options.parse(new String[] {"--on-demand-clients", "2", "--url-list",
                list.toString(), "--start-spread", "13", "--rate", "50", "--duration", "3", "--no-next-file", "--threads", "1"});
            LoadGenerator.Result r = LoadGenerator.measure(o);
            assertThat(r.all.players).isEqualTo(2);
            assertThat(r.all.stalled).as(r.summary()).isZero();
            assertThat(r.all.reconnections).isZero();
            // Starts 0 and 8 s into a 14 s file. The second gets its last 6 s within the fast start and
            // ends at once; the first ends about 14 - 8.1 s after it joined, after the run.
            assertThat(r.all.filesFinished).as(r.summary()).isEqualTo(1);
            assertThat(r.all.playersFinished).isEqualTo(1);
        }
    }
}
