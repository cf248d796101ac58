package org.asfcast.netsink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.asfcast.writer.source.PublishedSource;

/**
 * A server with one push point {@code /live} fed by a {@link PublishedSource} on its own thread,
 * publishers that speak over raw sockets and players that play it, for the push tests.
 */
final class PushHarness implements AutoCloseable {

    final StreamingServer server = new StreamingServer(ServerSettings.defaults());
    final ServerObserverTest.Seen seen = new ServerObserverTest.Seen();
    final BroadcastPoint point;
    final PushIngest ingest;
    final PublishedSource source;
    private final Thread thread;
    volatile Throwable failure;
    final List<String> notices = new CopyOnWriteArrayList<>();

    PushHarness(PushSettings settings) {
        server.addObserver(seen);
        point = new BroadcastPoint("/live", NetworkSinkConfig.builder().resolveNames(false).build().pointSettings()
                .withStartWait(Duration.ofSeconds(15)));
        ingest = new PushIngest("/live", settings);
        point.takePushes(ingest);
        server.publish("/live", point);
        server.open(0);
        source = new PublishedSource(ingest, "/live", settings.grace(), notices::add);
        thread = new Thread(() -> {
            try {
                source.run(List.of(point));
            } catch (Throwable t) {
                failure = t;
            }
        }, "push-source");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() throws Exception {
        source.stop();
        thread.join(5000);
        server.close();
    }

    /** A publisher's connection: writes what it is given, reads answers. */
    final class Publisher implements AutoCloseable {
        final Socket socket = new Socket();

        Publisher() throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 3000);
            socket.setSoTimeout(10_000);
        }

        Publisher send(String text) throws IOException {
            return send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        Publisher send(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        }

        /** One answer: its head and, by its Content-Length, its body. */
        String answer() throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            return text + new String(body, StandardCharsets.UTF_8);
        }

        /** Whether the server closed the connection (reads to its end). */
        boolean closedByServer() throws IOException {
            try {
                return socket.getInputStream().read() < 0;
            } catch (java.net.SocketException e) {
                return true; // reset
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A player of {@code /live} on its own thread, keeping every packet it gets. */
    final class Player implements AutoCloseable {
        final List<ReceivedPacket> packets = new CopyOnWriteArrayList<>();
        volatile Optional<StreamEnd> end = Optional.empty();
        volatile Throwable failure;
        private final Thread thread;
        private volatile PlaySession session;

        Player() {
            thread = new Thread(() -> {
                try (PlaySession s = MmshClient.create().withReadTimeout(Duration.ofSeconds(20))
                        .play(URI.create("mmsh://127.0.0.1:" + port() + "/live"))) {
                    session = s;
                    for (Optional<ReceivedPacket> p = s.nextPacket(); p.isPresent(); p = s.nextPacket()) {
                        packets.add(p.get());
                    }
                    end = s.endReason();
                } catch (Throwable t) {
                    failure = t;
                }
            }, "push-player");
            thread.setDaemon(true);
            thread.start();
        }

        boolean playing() {
            return thread.isAlive();
        }

        void join(Duration most) throws InterruptedException {
            thread.join(most.toMillis());
        }

        @Override
        public void close() throws InterruptedException {
            PlaySession s = session;
            if (s != null) {
                s.close();
            }
            thread.join(5000);
        }
    }

    /**
     * A player that came before the publisher got nearly every packet, and each one (after the few
     * a joiner's filter may rewrite) byte for byte as it was published, in order, up to the last.
     */
    static void assertPlayedAsPublished(List<byte[]> played, List<byte[]> published) {
        org.assertj.core.api.Assertions.assertThat(played.size()).as("packets played of " + published.size())
                .isGreaterThan(published.size() * 9 / 10).isLessThanOrEqualTo(published.size());
        int offset = published.size() - played.size();
        for (int i = Math.min(5, played.size()); i < played.size(); i++) {
            org.assertj.core.api.Assertions.assertThat(played.get(i)).as("packet " + (offset + i))
                    .isEqualTo(published.get(offset + i));
        }
    }

    /** Waits until {@code condition} holds, at most {@code most}. */
    static boolean await(Duration most, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + most.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
