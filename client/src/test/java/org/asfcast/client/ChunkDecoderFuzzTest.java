package org.asfcast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever bytes arrive, the decoder yields chunks or a {@link StreamProtocolException}, nothing else. */
class ChunkDecoderFuzzTest {

    @Property
    void randomBytesOnlyEverRaiseTheProtocolException(@ForAll @Size(max = 600) byte[] bytes,
                                                      @ForAll @IntRange(min = 1, max = 64) int piece) {
        feed(bytes, piece);
    }

    @Property
    void mutatedValidStreamsOnlyEverRaiseTheProtocolException(@ForAll("mutatedStreams") byte[] bytes,
                                                              @ForAll @IntRange(min = 1, max = 300) int piece) {
        feed(bytes, piece);
    }

    @Property
    void anySplitOfAValidStreamGivesTheSameChunks(@ForAll("validStreams") byte[] bytes,
                                                  @ForAll @IntRange(min = 1, max = 300) int piece) throws Exception {
        List<Chunk> whole = new ChunkDecoder().decode(bytes);
        ChunkDecoder decoder = new ChunkDecoder();
        List<Chunk> split = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += piece) {
            split.addAll(decoder.decode(bytes, at, Math.min(piece, bytes.length - at)));
        }
        decoder.finish();
        assertThat(split).usingRecursiveFieldByFieldElementComparator().isEqualTo(whole);
    }

    private static void feed(byte[] bytes, int piece) {
        ChunkDecoder decoder = new ChunkDecoder();
        try {
            for (int at = 0; at < bytes.length; at += piece) {
                for (Chunk chunk : decoder.decode(bytes, at, Math.min(piece, bytes.length - at))) {
                    assertThat(chunk.offset()).isBetween(0L, (long) bytes.length);
                }
            }
            decoder.finish();
        } catch (StreamProtocolException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) bytes.length);
        }
    }

    @Provide
    Arbitrary<byte[]> validStreams() {
        Arbitrary<byte[]> chunk = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(400).map(Frames::header),
                Combinators.combine(Arbitraries.longs().between(0, 0xFFFFFFFFL), Arbitraries.integers().between(0, 255),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(400)).as(Frames::data),
                Arbitraries.longs().between(0, 0xFFFFFFFFL).map(Frames::end),
                Arbitraries.longs().between(0, 0xFFFFFFFFL).map(Frames::change),
                Arbitraries.longs().between(0, 0xFFFFFFFFL).map(Frames::muxerEnd));
        return chunk.list().ofMaxSize(8).map(list -> Frames.concat(list.toArray(byte[][]::new)));
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        return Combinators.combine(validStreams(), Arbitraries.integers().between(0, 10_000).list().ofMaxSize(6),
                Arbitraries.bytes()).as((bytes, positions, value) -> {
                    byte[] copy = bytes.clone();
                    for (int p : positions) {
                        if (copy.length > 0) {
                            copy[p % copy.length] = value;
                            value = (byte) (value * 31 + 7);
                        }
                    }
                    int cut = positions.isEmpty() || copy.length == 0 ? copy.length : positions.get(0) % (copy.length + 1);
                    return java.util.Arrays.copyOf(copy, positions.size() % 2 == 0 ? copy.length : cut);
                });
    }
}
