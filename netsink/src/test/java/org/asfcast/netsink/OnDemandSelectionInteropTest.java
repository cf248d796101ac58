package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.asfcast.asf.ArchiveFile;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream selection on demand: a multiple-bit-rate file (FFmpeg-made: stream 1 WMV2 320x240
 * 600 kbit/s, stream 2 WMV2 160x120 150 kbit/s, stream 3 WMAv2 64 kbit/s, given Stream Bitrate
 * Properties and Bitrate Mutual Exclusion) on an archive point. MPlayer with {@code -bandwidth
 * 300000} selects streams 2 and 3 and decodes exactly the low stream, each picture that of a local
 * decode of stream 2; FFmpeg asks for every stream and decodes the file as it is on disk. A Java
 * client sending each player's exact Play counts the bytes and reads the packets: MPlayer's
 * selection gets every packet number (placeholders for emptied ones), never a payload of stream 1,
 * and far fewer bytes.
 */
@Tag("interop")
class OnDemandSelectionInteropTest {

    private static final Duration RUN = Duration.ofSeconds(90);
    private static final String MPLAYER_PLAY = "GET /burst/mbr.wmv HTTP/1.0\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/4.1.0.3856\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}\r\n"
            + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=2,max-duration=0\r\n"
            + "Pragma: xPlayStrm=1\r\n"
            + "Pragma: stream-switch-entry=ffff:3:0 ffff:2:0 \r\n"
            + "Pragma: stream-switch-count=2\r\n"
            + "Connection: Close\r\n"
            + "\r\n";
    private static final String FFMPEG_PLAY = "GET /burst/mbr.wmv HTTP/1.1\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/4.1.0.3856\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
            + "Pragma: xPlayStrm=1\r\n"
            + "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}\r\n"
            + "Pragma: stream-switch-count=3\r\n"
            + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 ffff:3:0 \r\n"
            + "Pragma: no-cache,rate=1.000000,stream-time=0Connection: Close\r\n"
            + "\r\n";

    @TempDir
    Path dir;
    private StreamingServer server;
    private Path source;
    private Path served;

    @BeforeEach
    void serveAMultipleBitRateFile() throws Exception {
        Path root = Files.createDirectories(dir.resolve("media"));
        source = Ffmpeg.multipleBitRate(dir.resolve("source.wmv"), 20);
        served = MultipleBitRateInteropTest.withBitrateObjects(source, root.resolve("mbr.wmv"));
        server = new StreamingServer(ServerSettings.defaults());
        // A fast start longer than the file: the players decode faster than real time.
        server.publish("/burst", new ArchivePoint("/burst", root,
                new ArchiveSettings(20, Duration.ofSeconds(60), ArchiveSettings.DEFAULT_IDLE_TIMEOUT)));
        server.open(0);
    }

    @AfterEach
    void close() {
        if (server != null && server.isOpen()) {
            server.close();
        }
    }

    @Test
    void mplayerAskingForTheLowStreamDecodesExactlyTheLowStream() throws Exception {
        Path mplayer = Tools.mplayer();
        Path localSums = dir.resolve("local.md5");
        ProcessRun.succeed(RUN, dir, List.of(mplayer.toString(), "-really-quiet", "-nolirc", "-noconsolecontrols",
                "-vid", "2", "-nosound", "-benchmark", "-vo", "md5sum:outfile=" + localSums, source.toString()));
        List<String> streamTwo = MultipleBitRateInteropTest.hashes(localSums);
        assertThat(streamTwo).as("local decode of stream 2").hasSizeGreaterThan(400);

        Path sums = dir.resolve("served.md5");
        ProcessRun run = ProcessRun.run(RUN, dir, List.of(mplayer.toString(), "-nolirc", "-noconsolecontrols",
                "-bandwidth", "300000", "-benchmark", "-vo", "md5sum:outfile=" + sums, "-ao", "null",
                "mmsh://127.0.0.1:" + server.port() + "/burst/mbr.wmv"));
        assertThat(run.exitCode()).as("MPlayer: %s", run.stderr()).isZero();
        assertThat(run.stdout()).as("MPlayer's log").contains("160x120").doesNotContain("320x240");
        assertThat(MultipleBitRateInteropTest.hashes(sums)).as("MPlayer's pictures, in order").isEqualTo(streamTwo);
    }

    @Test
    void ffmpegAskingForEveryStreamDecodesTheFileAsOnDisk() {
        List<String> local = framemd5(served.toString());
        assertThat(framemd5("mmsh://127.0.0.1:" + server.port() + "/burst/mbr.wmv")).isEqualTo(local);
    }

    @Test
    void theLowSelectionGetsEveryPacketNumberNoPayloadOfTheHighStreamAndFewerBytes() throws Exception {
        ArchiveFile file = ArchiveFile.open(served);
        Received low = play(MPLAYER_PLAY);
        Received all = play(FFMPEG_PLAY);
        System.out.printf("MBR on demand, bytes of a whole Play: MPlayer {2,3} %d, FFmpeg (every stream) %d, ratio %.3f;"
                + " placeholders %d of %d packets%n", low.bytes(), all.bytes(), (double) low.bytes() / all.bytes(),
                low.placeholders(), low.packets());
        assertThat(low.packets()).as("$D chunks, one per packet of the file").isEqualTo(file.packetCount());
        assertThat(all.packets()).isEqualTo(file.packetCount());
        assertThat(low.streams()).as("streams with payloads for {2,3}").doesNotContain(1).contains(2, 3);
        assertThat(all.streams()).containsExactly(1, 2, 3);
        assertThat(low.placeholders()).as("emptied packets sent as placeholders").isPositive();
        // Streams 2 and 3 are 214 of the 814 kbit/s of media; packet headers add a little.
        assertThat((double) low.bytes() / all.bytes()).isLessThan(0.45);
    }

    /** What one Play got: bytes in all, {@code $D} chunks, the streams of their payloads, placeholders. */
    private record Received(long bytes, long packets, Set<Integer> streams, long placeholders) {
    }

    /** Sends a player's exact Play and reads its answer to the end, parsing every {@code $D} packet. */
    private Received play(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.readUnsignedByte());
            }
            assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.0 200 OK");
            long bytes = head.size();
            long packets = 0;
            long placeholders = 0;
            Set<Integer> streams = new TreeSet<>();
            while (true) {
                int marker;
                try {
                    marker = in.readUnsignedByte();
                } catch (EOFException end) {
                    break;
                }
                int type = in.readUnsignedByte();
                int length = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
                byte[] body = new byte[length];
                in.readFully(body);
                bytes += 4 + length;
                assertThat(marker).isEqualTo('$');
                if (type == 'D') {
                    packets++;
                    DataPacket packet = DataPacket.parse(java.util.Arrays.copyOfRange(body, 8, length));
                    boolean media = false;
                    for (Payload p : packet.payloads()) {
                        if (p.streamNumber() <= 3) {
                            streams.add(p.streamNumber());
                            media = true;
                        }
                    }
                    placeholders += media ? 0 : 1;
                }
            }
            return new Received(bytes, packets, streams, placeholders);
        }
    }

    private static List<String> framemd5(String input) {
        ProcessRun run = ProcessRun.run(RUN, Path.of("."), List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-i", input, "-map", "0", "-f", "framemd5", "-"));
        assertThat(run.exitCode()).as("ffmpeg %s: %s", input, run.stderr()).isZero();
        return run.stdout().lines().filter(l -> !l.startsWith("#")).toList();
    }
}
