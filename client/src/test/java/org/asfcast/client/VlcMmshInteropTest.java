package org.asfcast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.DataPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The client against VLC's own mmsh server ({@code --sout '#std{access=mmsh,mux=asfh}'}), the
 * reference peer every Windows Media player is known to play. VLC refuses to run as root, so as
 * root it runs as the unprivileged user {@code asfcast-player}.
 *
 * <p>A minimal private launcher: the shared harness in the asf test-jar was not published when
 * this was written.
 */
@Tag("interop")
class VlcMmshInteropTest {
    private static final String PLAYER_USER = "asfcast-player";
    private static Path dir;
    private static Process vlc;
    private static int port;

    @BeforeAll
    static void startVlc() throws Exception {
        Path ffmpeg = tool("ffmpeg");
        Path cvlc = tool("cvlc");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path runuser = root ? tool("runuser") : null;

        dir = Files.createTempDirectory("asfcast-vlc-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("file.wmv");
        run(Duration.ofMinutes(2), List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine", "-t", "10",
                "-c:v", "wmv2", "-c:a", "wmav2", "-f", "asf", file.toString()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        port = freePort();
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of(runuser.toString(), "-u", PLAYER_USER, "--"));
        }
        command.addAll(List.of(cvlc.toString(), "-I", "dummy", "--loop", file.toString(),
                "--sout", "#std{access=mmsh,mux=asfh,dst=127.0.0.1:" + port + "}", "--sout-keep"));
        vlc = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("vlc.out").toFile()).redirectError(dir.resolve("vlc.err").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!accepts(port)) {
            if (!vlc.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("VLC did not listen on " + port + " within 20 s; it printed:\n"
                        + Files.readString(dir.resolve("vlc.err")));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopVlc() throws Exception {
        if (vlc != null) {
            List<ProcessHandle> tree = new ArrayList<>(vlc.descendants().toList());
            tree.add(vlc.toHandle());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : tree) {
                try {
                    p.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    p.destroyForcibly();
                }
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void describesAndPlaysVlcsLiveStream() throws Exception {
        MmshClient client = MmshClient.create();
        URI uri = URI.create("mmsh://127.0.0.1:" + port + "/");
        StreamDescription description = describeOnceReady(client, uri);
        System.out.println("VLC Describe response:\n" + description.response());

        assertThat(description.status()).isEqualTo(200);
        assertThat(description.broadcast()).isTrue();
        assertThat(description.clientId()).isPresent();
        assertThat(description.header().streams()).hasSize(2);
        assertThat(description.header().fileProperties().isBroadcast()).isTrue();
        int packetSize = description.packetSize();

        List<Long> locations = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        try (PlaySession session = client.play(description)) {
            System.out.println("VLC Play response:\n" + session.response());
            assertThat(session.header().packetSize()).isEqualTo(packetSize);
            // VLC's Play $H carries the same Header Object as the Describe, but a Data Object header
            // whose size and packet count grow with the broadcast
            int objectSize = description.headerBytes().length - 50;
            assertThat(java.util.Arrays.copyOf(session.headerBytes(), objectSize))
                    .isEqualTo(java.util.Arrays.copyOf(description.headerBytes(), objectSize));
            System.out.println("VLC Describe and Play $H identical: "
                    + java.util.Arrays.equals(description.headerBytes(), session.headerBytes()));
            while (System.nanoTime() < deadline) {
                Optional<ReceivedPacket> next = session.nextPacket();
                assertThat(next).as("VLC ended the stream early: %s", session.endReason()).isPresent();
                ReceivedPacket packet = next.get();
                assertThat(packet.bytes()).hasSize(packetSize);
                assertThat(packet.sentLength()).as("VLC sends full-size packets").isEqualTo(packetSize);
                DataPacket parsed = packet.parse();
                assertThat(parsed.payloads()).isNotEmpty();
                if (!locations.isEmpty()) {
                    assertThat(packet.locationId()).isGreaterThan(locations.get(locations.size() - 1));
                }
                locations.add(packet.locationId());
            }
            System.out.println("VLC Play counters: " + session.counters() + ", location ids " + locations.get(0)
                    + ".." + locations.get(locations.size() - 1) + " over " + locations.size() + " packets");
            assertThat(session.counters().lengthMismatches()).isZero();
            assertThat(session.counters().otherChunks()).isZero();
        }
        assertThat(locations).hasSizeGreaterThan(10);
    }

    /** VLC listens before its muxer has produced a header; ask again until it has one (bounded). */
    private static StreamDescription describeOnceReady(MmshClient client, URI uri) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return client.describe(uri);
            } catch (StreamProtocolException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The tool on PATH; skips the test when missing, unless CI=true, where it fails. */
    private static Path tool(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not installed (not on PATH); the VLC mmsh interop test needs it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " and CI=true");
        }
        Assumptions.abort(message);
        return null;
    }

    private static void run(Duration limit, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("run.out").toFile()).redirectError(dir.resolve("run.err").toFile()).start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " took longer than " + limit);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with " + process.exitValue() + ":\n"
                    + Files.readString(dir.resolve("run.err")));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
