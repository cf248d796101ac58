package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The packetizer's contract, checked on random interleaved streams. */
class PacketizerProperties {

    record Spec(int stream, int gapMillis, int size, boolean key) {
    }

    @Provide
    Arbitrary<List<Spec>> objects() {
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 120), Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 600)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(600, 9000)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(9000, 300_000))),
                Arbitraries.of(true, false)).as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(120);
    }

    private static List<MediaObject> toObjects(List<Spec> specs, long preroll) {
        List<MediaObject> result = new ArrayList<>();
        long time = preroll;
        int seed = 0;
        for (Spec s : specs) {
            time += s.gapMillis();
            result.add(new MediaObject(s.stream(), time, s.key(), PacketCrafter.filled(s.size(), seed++)));
        }
        return result;
    }

    @Property(tries = 300)
    void packetsAreValidAndReassembleToTheInput(@ForAll("objects") List<Spec> specs,
                                                @ForAll @IntRange(min = 100, max = 9000) int packetSize,
                                                @ForAll @IntRange(min = 0, max = 5000) int preroll,
                                                @ForAll @IntRange(min = 0, max = 300) int maxHold) throws Exception {
        List<MediaObject> input = toObjects(specs, preroll);
        List<byte[]> packets = new ArrayList<>();
        Packetizer packetizer = Packetizer.builder().packetSize(packetSize).preroll(preroll).maxHoldMillis(maxHold)
                .wholeObjectStreams(Set.of(2)).build(packets::add);
        for (MediaObject object : input) {
            packetizer.add(object);
        }
        packetizer.flush();
        assertThat(packetizer.lateObjects()).isZero();

        List<MediaObject> output = new ArrayList<>();
        MediaObjectAssembler assembler = new MediaObjectAssembler(output::add);
        long lastSend = -1;
        Map<Integer, Long> lastObjectNumber = new HashMap<>();
        Map<Integer, Long> lastPresentation = new HashMap<>();
        for (byte[] bytes : packets) {
            assertThat(bytes).hasSize(packetSize);
            DataPacket packet = DataPacket.parse(bytes);
            assertThat(packet.payloads()).isNotEmpty().hasSizeLessThanOrEqualTo(63);
            assertThat(packet.sendTime()).as("send time never decreases").isGreaterThanOrEqualTo(lastSend);
            lastSend = packet.sendTime();
            long oldest = Long.MAX_VALUE;
            long newest = Long.MIN_VALUE;
            for (Payload p : packet.payloads()) {
                assertThat(packet.sendTime()).as("send time <= presentation - preroll")
                        .isLessThanOrEqualTo(p.presentationTime() - preroll);
                oldest = Math.min(oldest, p.presentationTime());
                newest = Math.max(newest, p.presentationTime());
                if (p.offset() == 0) {
                    Long previous = lastObjectNumber.put(p.streamNumber(), p.mediaObjectNumber());
                    if (previous != null) {
                        assertThat(p.mediaObjectNumber()).as("object numbers count up per stream")
                                .isEqualTo((previous + 1) & 0xFF);
                    }
                    lastPresentation.put(p.streamNumber(), p.presentationTime());
                } else {
                    assertThat(p.mediaObjectNumber()).isEqualTo(lastObjectNumber.get(p.streamNumber()));
                }
                if (p.streamNumber() == 2 && p.objectSize() <= packetSize - 31) {
                    assertThat(p.dataLength()).as("whole-object stream not split").isEqualTo(p.objectSize());
                }
            }
            // Latency bound: no byte shares a packet with bytes more than maxHold newer than itself...
            // ...unless they belong to one object that had to be split.
            if (packet.payloads().stream().map(Payload::presentationTime).distinct().count() > 1) {
                assertThat(newest - oldest).as("hold bound").isLessThanOrEqualTo(maxHold);
            }
            assembler.accept(packet);
        }
        assertThat(assembler.droppedObjects()).isZero();
        assertThat(assembler.pendingObjects()).isZero();
        // Objects come back whole; per stream in order.
        for (int stream = 1; stream <= 3; stream++) {
            int s = stream;
            assertThat(output.stream().filter(o -> o.streamNumber() == s).toList())
                    .isEqualTo(input.stream().filter(o -> o.streamNumber() == s).toList());
        }
    }

    @Property(tries = 50)
    void outOfOrderObjectsAreCountedNotLost(@ForAll("objects") List<Spec> specs) {
        List<MediaObject> input = new ArrayList<>(toObjects(specs, 1000));
        input.sort(Comparator.comparingLong(MediaObject::presentationTime).reversed());
        List<byte[]> packets = new ArrayList<>();
        Packetizer packetizer = Packetizer.builder().packetSize(1000).preroll(1000).build(packets::add);
        input.forEach(packetizer::add);
        packetizer.flush();
        List<MediaObject> output = new ArrayList<>();
        MediaObjectAssembler assembler = new MediaObjectAssembler(output::add);
        packets.forEach(b -> {
            try {
                assembler.accept(DataPacket.parse(b));
            } catch (AsfFormatException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(output).hasSize(input.size());
    }
}
