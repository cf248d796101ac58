package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.Payload;
import org.asfcast.asf.WrittenFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that change, lie in their header or end inside a packet must not end or break a file
 * broadcast (issue 10, cases 7 to 9).
 */
class FileReplayOddFilesTest {

    @TempDir
    static Path dir;
    static Path small;   // 2 s, 64x48, 800-byte packets
    static Path other;   // 2 s, 96x64, 1000-byte packets: another header

    @BeforeAll
    static void media() throws Exception {
        small = dir.resolve("small.asf");
        WrittenFiles.writeMjpegPcm(small, 20, 10, 64, 48, 800);
        other = dir.resolve("other.asf");
        WrittenFiles.writeMjpegPcm(other, 20, 10, 96, 64, 1000);
    }

    // Case 8: the header's durations and preroll must not steer the loop.

    @Test
    void anAbsurdPlayDurationDoesNotMoveTheNextPass() throws Exception {
        Path lying = patched("ten-hours.asf", fp -> new FileProperties(fp.fileId(), fp.fileSize(), fp.creationDate(),
                fp.dataPacketsCount(), 36_000L * 10_000_000L, fp.sendDuration(), fp.preroll(), fp.flags(),
                fp.minPacketSize(), fp.maxPacketSize(), fp.maxBitrate()));
        RecordingSink sink = loop(new FileReplay(lying, true), 4, false);
        assertContinuous(sink.packets);
    }

    @Test
    void anAbsurdPrerollDoesNotMoveTheNextPassAndPlayersAreToldASaneOne() throws Exception {
        Path lying = patched("hour-preroll.asf", fp -> new FileProperties(fp.fileId(), fp.fileSize(), fp.creationDate(),
                fp.dataPacketsCount(), fp.playDuration(), fp.sendDuration(), 3_600_000, fp.flags(),
                fp.minPacketSize(), fp.maxPacketSize(), fp.maxBitrate()));
        List<String> notices = new CopyOnWriteArrayList<>();
        RecordingSink sink = loop(new FileReplay(lying, true, notices::add), 4, false);
        assertContinuous(sink.packets);
        // The file's presentation times start at 1000 ms (its real preroll): that is what players are told.
        assertThat(liveHeader(sink.headers.get(0)).preroll()).isEqualTo(1000);
        assertThat(notices).containsExactly("the header of " + lying + " gives a preroll of 3600000 ms; players are told"
                + " 1000 ms (at most 60000, and not past the first presentation time)");
    }

    // Case 7: a file replaced on disk.

    @Test
    void aFileReplacedByRenameGoesOnWithTheNewHeader() throws Exception {
        Path served = Files.copy(small, dir.resolve("renamed.asf"), StandardCopyOption.REPLACE_EXISTING);
        List<String> notices = new CopyOnWriteArrayList<>();
        FileReplay replay = new FileReplay(served, true, notices::add);
        RecordingSink sink = new RecordingSink(false);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = start(replay, sink, failure);
        await(() -> replay.passes() >= 2);
        Path next = Files.copy(other, dir.resolve("renamed.tmp"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await(() -> sink.headers.size() >= 2 || failure.get() != null);
        int at = replay.passes();
        await(() -> replay.passes() >= at + 2 || failure.get() != null);
        replay.stop();
        runner.join(5000);
        assertThat(failure.get()).as("what run() threw").isNull();
        assertThat(sink.headers).hasSize(2);
        assertThat(liveHeader(sink.headers.get(1)).packetSize()).isEqualTo(1000);
        int change = sink.headerAt.get(1);
        assertThat(sink.packets.subList(0, change)).allMatch(p -> p.length == 800);
        assertThat(sink.packets.subList(change, sink.count())).isNotEmpty().allMatch(p -> p.length == 1000);
        assertThat(DataPacket.parse(sink.packets.get(change)).sendTime())
                .isGreaterThan(DataPacket.parse(sink.packets.get(change - 1)).sendTime());
        assertThat(notices).containsExactly(served + " changed: broadcasting it anew with its new header"
                + " (players connected now get the end of the stream)");
    }

    @Test
    void aFileOverwrittenInPlaceWhileAPassReadsItGoesOnWithTheNewHeader() throws Exception {
        Path served = Files.copy(small, dir.resolve("overwritten.asf"), StandardCopyOption.REPLACE_EXISTING);
        List<String> notices = new CopyOnWriteArrayList<>();
        FileReplay replay = new FileReplay(served, true, notices::add);
        RecordingSink sink = new RecordingSink(true); // paced: the pass is still reading when the bytes change
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = start(replay, sink, failure);
        await(() -> sink.count() >= 10);
        Files.write(served, Files.readAllBytes(other)); // truncates and rewrites the same inode
        await(() -> sink.headers.size() >= 2 || failure.get() != null);
        await(() -> sink.count() >= sink.headerAt.get(sink.headerAt.size() - 1) + 10 || failure.get() != null);
        replay.stop();
        runner.join(5000);
        assertThat(failure.get()).as("what run() threw").isNull();
        assertThat(sink.headers).hasSize(2);
        assertThat(sink.packets.subList(sink.headerAt.get(1), sink.count())).allMatch(p -> p.length == 1000);
        assertThat(notices).anyMatch(n -> n.startsWith(served + " changed"));
    }

    @Test
    void aFileThatIsNoLongerAsfEndsTheBroadcastWithASentenceNamingIt() throws Exception {
        Path served = Files.copy(small, dir.resolve("becomes-text.asf"), StandardCopyOption.REPLACE_EXISTING);
        FileReplay replay = new FileReplay(served, true);
        RecordingSink sink = new RecordingSink(false);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = start(replay, sink, failure);
        await(() -> replay.passes() >= 2);
        Path text = Files.writeString(dir.resolve("text.tmp"), "this is not ASF at all, just some words");
        Files.move(text, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        runner.join(10_000);
        assertThat(failure.get()).isInstanceOf(AsfFormatException.class).hasMessageContaining("not ASF")
                .hasMessageContaining(served.toString());
        assertThat(sink.ended).isTrue();
    }

    @Test
    void aFileThatIsGoneEndsTheBroadcastNamingIt() throws Exception {
        Path served = Files.copy(small, dir.resolve("goes.asf"), StandardCopyOption.REPLACE_EXISTING);
        FileReplay replay = new FileReplay(served, true);
        RecordingSink sink = new RecordingSink(false);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = start(replay, sink, failure);
        await(() -> replay.passes() >= 2);
        Files.delete(served);
        runner.join(10_000);
        assertThat(failure.get()).isInstanceOf(NoSuchFileException.class).hasMessageContaining(served.toString());
        assertThat(sink.ended).isTrue();
    }

    // Case 9: a file that ends inside a packet.

    @Test
    void aFinishedFileCutInsideAPacketLoopsItsWholePacketsAndSaysWhatWasCut() throws Exception {
        byte[] bytes = Files.readAllBytes(small);
        int dataStart = headerLength(small) + DataObjectHeader.SIZE;
        Path cut = Files.write(dir.resolve("cut.asf"), Arrays.copyOf(bytes, dataStart + 12 * 800 + 300));
        assertLoopsWholePackets(cut, "the last 300 bytes of " + cut + " are a partial packet; playing its first 12 packets");
    }

    @Test
    void anUnfinishedRecordingLoopsItsWholePacketsAndSaysWhatWasCut() throws Exception {
        int dataStart = headerLength(small) + DataObjectHeader.SIZE;
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(small), dataStart + 12 * 800 + 300);
        // What a recording killed mid-way leaves: the Broadcast flag set and the Data Object's size unknown.
        AsfHeader header;
        try (AsfReader reader = AsfReader.open(small)) {
            header = reader.header();
        }
        FileProperties fp = header.fileProperties();
        byte[] head = header.withFileProperties(fp.withFlags(FileProperties.BROADCAST)).toBytes();
        System.arraycopy(head, 0, bytes, 0, head.length);
        Arrays.fill(bytes, dataStart - DataObjectHeader.SIZE + 16, dataStart - DataObjectHeader.SIZE + 24, (byte) 0);
        Path unfinished = Files.write(dir.resolve("unfinished.asf"), bytes);
        assertLoopsWholePackets(unfinished, "the last 300 bytes of " + unfinished
                + " are a partial packet; playing its first 12 packets");
    }

    private static void assertLoopsWholePackets(Path file, String notice) throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        RecordingSink sink = loop(new FileReplay(file, true, notices::add), 4, false);
        assertThat(sink.count()).isGreaterThanOrEqualTo(36); // three whole passes at least
        assertContinuous(sink.packets);
        assertThat(notices).as("said once, not once a pass").containsExactly(notice);
    }

    // Helpers.

    /** A copy of the test file whose File Properties {@code change} rewrites. */
    private static Path patched(String name, UnaryOperator<FileProperties> change) throws Exception {
        byte[] bytes = Files.readAllBytes(small);
        AsfHeader header;
        try (AsfReader reader = AsfReader.open(small)) {
            header = reader.header();
        }
        byte[] head = header.withFileProperties(change.apply(header.fileProperties())).toBytes();
        assertThat(head.length).isEqualTo(headerLength(small));
        System.arraycopy(head, 0, bytes, 0, head.length);
        return Files.write(dir.resolve(name), bytes);
    }

    private static int headerLength(Path file) throws Exception {
        try (AsfReader reader = AsfReader.open(file)) {
            return reader.headerBytes().length;
        }
    }

    private static AsfHeader liveHeader(byte[] streamStart) throws Exception {
        return AsfHeader.parse(Arrays.copyOf(streamStart, streamStart.length - DataObjectHeader.SIZE));
    }

    /** Runs {@code replay} into a fresh sink until {@code passes} passes have started, then stops it. */
    private static RecordingSink loop(FileReplay replay, int passes, boolean realTime) throws Exception {
        RecordingSink sink = new RecordingSink(realTime);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = start(replay, sink, failure);
        await(() -> replay.passes() >= passes || failure.get() != null);
        replay.stop();
        runner.join(5000);
        assertThat(failure.get()).as("what run() threw").isNull();
        assertThat(sink.ended).isTrue();
        return sink;
    }

    private static Thread start(FileReplay replay, RecordingSink sink, AtomicReference<Throwable> failure) {
        Thread runner = new Thread(() -> {
            try {
                replay.run(List.of(sink));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "file-replay");
        runner.start();
        return runner;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /**
     * Every timestamp goes up across passes, by no more than a pass of this 2-second file would
     * explain: send times never back and never a jump over a second; each stream's presentation
     * times and media object numbers go on from the pass before.
     */
    private static void assertContinuous(List<byte[]> packets) throws Exception {
        long lastSend = -1;
        Map<Integer, Long> lastTime = new HashMap<>();
        Map<Integer, Long> lastObject = new HashMap<>();
        List<Long> jumps = new ArrayList<>();
        for (byte[] packet : packets) {
            DataPacket p = DataPacket.parse(packet);
            if (lastSend >= 0) {
                jumps.add(p.sendTime() - lastSend);
            }
            lastSend = p.sendTime();
            for (Payload payload : p.payloads()) {
                if (payload.offset() != 0) {
                    continue;
                }
                int s = payload.streamNumber();
                if (lastTime.containsKey(s)) {
                    assertThat(payload.presentationTime()).as("stream %d", s).isGreaterThan(lastTime.get(s));
                    assertThat(payload.presentationTime() - lastTime.get(s)).as("stream %d step", s).isLessThan(1000);
                    assertThat(payload.mediaObjectNumber()).isEqualTo((lastObject.get(s) + 1) & 0xFF);
                }
                lastTime.put(s, payload.presentationTime());
                lastObject.put(s, payload.mediaObjectNumber());
            }
        }
        assertThat(jumps).allMatch(j -> j >= 0 && j < 1000, "send-time steps of 0..999 ms");
    }
}
