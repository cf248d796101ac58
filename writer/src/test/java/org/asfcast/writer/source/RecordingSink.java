package org.asfcast.writer.source;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.writer.WriterSink;

/** A sink that records what it gets and when; real-time or not. */
final class RecordingSink implements WriterSink {

    final boolean realTime;
    final List<byte[]> headers = new ArrayList<>();
    /** For each header, how many packets came before it. */
    final List<Integer> headerAt = new ArrayList<>();
    final List<byte[]> packets = new ArrayList<>();
    final List<Long> arrivals = new ArrayList<>();
    volatile boolean ended;

    RecordingSink(boolean realTime) {
        this.realTime = realTime;
    }

    @Override
    public synchronized void onHeader(ByteBuffer header) {
        byte[] b = new byte[header.remaining()];
        header.get(b);
        headers.add(b);
        headerAt.add(packets.size());
    }

    @Override
    public boolean isRealTime() {
        return realTime;
    }

    @Override
    public synchronized void onDataUnit(ByteBuffer dataUnit) {
        byte[] b = new byte[dataUnit.remaining()];
        dataUnit.get(b);
        packets.add(b);
        arrivals.add(System.nanoTime());
    }

    @Override
    public void onEndWriting() {
        ended = true;
    }

    synchronized int count() {
        return packets.size();
    }
}
