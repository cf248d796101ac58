package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutates real ASF bytes (an FFmpeg-made file and one asfcast wrote) and checks that reading them
 * raises nothing but {@link AsfFormatException}: no index error, no OOM, no endless loop.
 * The number of cases is {@code jqwik.tries.default} (3000 in the normal build; more with
 * {@code mvn verify -Dfuzz.tries=100000}).
 */
class MutationFuzzProperties {
    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        try {
            List<byte[]> seeds = new ArrayList<>();
            seeds.add(Files.readAllBytes(FixtureSmokeTest.fixture()));
            seeds.add(WrittenFiles.smallMjpegPcmFile());
            return seeds;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One edit: overwrite, flip, truncate, insert or delete, near the start (header, first packets) or anywhere. */
    record Mutation(int kind, double where, int value, int length, boolean nearStart) {
        byte[] apply(byte[] input) {
            int limit = nearStart ? Math.min(input.length, 2048) : input.length;
            // at is always a valid index: a flip or overwrite of a one-byte input must not reach past it
            int at = Math.min((int) (where * limit), limit - 1);
            byte[] out;
            switch (kind) {
                case 0 -> {
                    out = input.clone();
                    for (int i = 0; i < length && at + i < out.length; i++) {
                        out[at + i] = (byte) (value >> (i % 4 * 8));
                    }
                }
                case 1 -> {
                    out = input.clone();
                    out[at] ^= (byte) (1 << (value & 7));
                }
                case 2 -> out = java.util.Arrays.copyOf(input, at);
                case 3 -> {
                    out = new byte[input.length + length];
                    System.arraycopy(input, 0, out, 0, at);
                    System.arraycopy(input, at, out, at + length, input.length - at);
                }
                default -> {
                    int n = Math.min(length, input.length - at);
                    out = new byte[input.length - n];
                    System.arraycopy(input, 0, out, 0, at);
                    System.arraycopy(input, at + n, out, at, input.length - at - n);
                }
            }
            return out;
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> interesting = Arbitraries.oneOf(Arbitraries.integers(),
                Arbitraries.of(0, 1, 2, 8, 23, 24, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFF, -1, 1 << 24));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), interesting, Arbitraries.integers().between(1, 8),
                Arbitraries.of(true, true, false)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Found by CI's random seed: a flip at the far end of a one-byte input reached past it. */
    @Example
    void everyMutationStaysInsideItsInput() {
        byte[] one = new Mutation(2, 0.0, 0, 1, true).apply(new byte[] {1, 2, 3});
        for (int kind = 0; kind <= 4; kind++) {
            new Mutation(kind, 1.0, -1, 8, true).apply(new byte[] {7});
            new Mutation(kind, 1.0, -1, 8, false).apply(new byte[] {7, 8});
        }
        assertThat(one).isEmpty();
    }

    @Property
    void mutatedInputRaisesOnlyTheFormatException(@ForAll("mutations") List<Mutation> mutations,
                                                  @ForAll boolean seekable, @ForAll boolean firstSeed) {
        byte[] bytes = firstSeed ? SEEDS.get(0) : SEEDS.get(1);
        for (Mutation m : mutations) {
            if (bytes.length == 0) {
                break;
            }
            bytes = m.apply(bytes);
        }
        try {
            readEverything(bytes, seekable);
        } catch (AsfFormatException expected) {
            assertThat(expected.getMessage()).startsWith("invalid ASF at byte ");
            assertThat(expected.offset()).isBetween(0L, (long) bytes.length + 1);
        } catch (java.io.IOException e) {
            throw new AssertionError("in-memory input cannot fail with I/O", e);
        }
    }

    private static void readEverything(byte[] bytes, boolean seekable) throws java.io.IOException, AsfFormatException {
        try (AsfReader reader = seekable ? AsfReader.of(new ByteArrayChannel(bytes))
                : AsfReader.of(new ByteArrayInputStream(bytes))) {
            reader.header().toBytes();
            reader.header().streams().forEach(s -> {
                s.audioFormat();
                s.videoFormat();
            });
            LiveProfile.streamStart(reader.header());
            MediaObjectAssembler assembler = new MediaObjectAssembler(o -> { });
            Optional<DataPacket> packet;
            int count = 0;
            while ((packet = reader.nextPacket()).isPresent()) {
                assembler.accept(packet.get());
                if (++count > 100_000) {
                    throw new AssertionError("endless packet sequence");
                }
            }
            if (reader.packetCount().isPresent() && seekable) {
                reader.seek(1500);
                reader.nextPacket();
            }
        }
    }
}
