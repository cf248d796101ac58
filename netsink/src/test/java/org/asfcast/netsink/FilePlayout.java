package org.asfcast.netsink;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.writer.WriterSink;

/**
 * Test feeder: plays an ASF file into a sink in real time by send time, looping with the same
 * packets (send times repeat; the sink does not care), on its own thread, until stopped.
 */
final class FilePlayout implements AutoCloseable {

    private final byte[] header;
    private final List<byte[]> packets = new ArrayList<>();
    private final List<Long> sendTimes = new ArrayList<>();
    private final WriterSink sink;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long delivered;

    FilePlayout(Path file, WriterSink sink) throws Exception {
        this.sink = sink;
        try (AsfReader reader = AsfReader.open(file)) {
            header = reader.headerBytes();
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
                sendTimes.add(DataPacket.parse(p.get()).sendTime());
            }
        }
        thread = new Thread(this::run, "file-playout");
        thread.setDaemon(true);
    }

    /** Delivers the header now, then starts pacing packets. */
    FilePlayout start() throws Exception {
        sink.onHeader(ByteBuffer.wrap(header));
        thread.start();
        return this;
    }

    long delivered() {
        return delivered;
    }

    private void run() {
        long t0 = System.nanoTime();
        long base = 0;
        try {
            while (!stopped) {
                long first = sendTimes.get(0);
                for (int i = 0; i < packets.size() && !stopped; i++) {
                    long due = t0 + (base + sendTimes.get(i) - first) * 1_000_000L;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                    sink.onDataUnit(ByteBuffer.wrap(packets.get(i).clone()));
                    delivered++;
                }
                base += sendTimes.get(sendTimes.size() - 1) - sendTimes.get(0) + 100;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops pacing and tells the sink writing ended. */
    void endWriting() throws Exception {
        stop();
        sink.onEndWriting();
    }

    private void stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5000);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
