package org.asfcast.writer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.MediaObjectAssembler;

/** A sink that remembers every call, with when it came (nanoTime), for the writer's tests. */
final class RecordingSink implements WriterSink {

    /** One call. */
    record Call(String kind, byte[] bytes, ByteBuffer buffer, long nanos) {
    }

    private final boolean realTime;
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    RecordingSink(boolean realTime) {
        this.realTime = realTime;
    }

    @Override
    public void onHeader(ByteBuffer header) {
        calls.add(new Call("header", bytes(header.duplicate()), header, System.nanoTime()));
    }

    @Override
    public boolean isRealTime() {
        return realTime;
    }

    @Override
    public void onDataUnit(ByteBuffer dataUnit) {
        calls.add(new Call("data", bytes(dataUnit.duplicate()), dataUnit, System.nanoTime()));
    }

    @Override
    public void onEndWriting() {
        calls.add(new Call("end", new byte[0], null, System.nanoTime()));
    }

    List<String> kinds() {
        synchronized (calls) {
            return calls.stream().map(Call::kind).toList();
        }
    }

    List<Call> of(String kind) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.kind().equals(kind)).toList();
        }
    }

    AsfHeader header() throws AsfFormatException {
        return AsfHeader.parse(of("header").get(0).bytes());
    }

    List<DataPacket> packets() throws AsfFormatException {
        List<DataPacket> packets = new ArrayList<>();
        for (Call c : of("data")) {
            packets.add(DataPacket.parse(c.bytes()));
        }
        return packets;
    }

    List<MediaObject> objects() throws AsfFormatException {
        List<MediaObject> objects = new ArrayList<>();
        Consumer<MediaObject> add = objects::add;
        MediaObjectAssembler assembler = new MediaObjectAssembler(add);
        for (DataPacket p : packets()) {
            assembler.accept(p);
        }
        return objects;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
