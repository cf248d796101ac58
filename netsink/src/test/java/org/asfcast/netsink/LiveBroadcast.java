package org.asfcast.netsink;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asfcast.asf.WrittenFiles;

/**
 * A running test broadcast: a sink on a free loopback-reachable port fed in real time from a file,
 * and the URLs to play it. Closing it stops the feed and closes the sink (if still open).
 */
final class LiveBroadcast implements AutoCloseable {

    final NetworkSink sink;
    final FilePlayout playout;
    final int port;

    private LiveBroadcast(NetworkSink sink, FilePlayout playout, int port) {
        this.sink = sink;
        this.playout = playout;
        this.port = port;
    }

    /** Starts a broadcast of {@code file} on a new sink with {@code config}. */
    static LiveBroadcast start(Path file, NetworkSinkConfig config) throws Exception {
        NetworkSink sink = new NetworkSink(config);
        int port = sink.open(0);
        FilePlayout playout = new FilePlayout(file, sink).start();
        return new LiveBroadcast(sink, playout, port);
    }

    /** A Java-written MJPEG + PCM file (every frame a key frame), no external tools needed. */
    static Path mjpegFile(Path dir, int seconds) throws Exception {
        Path file = dir.resolve("mjpeg-" + seconds + ".asf");
        if (!Files.exists(file)) {
            WrittenFiles.writeMjpegPcm(file, seconds * 25, 25, 160, 120, 3200);
        }
        return file;
    }

    URI mmsh() {
        return URI.create("mmsh://127.0.0.1:" + port + "/");
    }

    URI http() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public void close() throws Exception {
        playout.close();
        if (sink.isOpen()) {
            sink.close();
        }
    }
}
