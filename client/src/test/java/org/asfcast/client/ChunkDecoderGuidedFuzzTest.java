package org.asfcast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.asfcast.asf.testing.Pieces;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link ChunkDecoder}, which reads whatever a server sends: a framed
 * body fed in the pieces the input chooses ({@link Pieces}). Allowed: {@link StreamProtocolException}
 * (after which the decoder stays failed). Checked: chunks are contiguous, none is larger than its
 * 16-bit length allows, and the position counts every byte fed. Seeds: framed bodies of real
 * FFmpeg files in {@code ChunkDecoderGuidedFuzzTestInputs/}; see docs/reliability.md.
 */
class ChunkDecoderGuidedFuzzTest {

    @Timeout(10)
    @FuzzTest
    void decodeInPieces(byte[] input) {
        Pieces pieces = Pieces.of(input);
        ChunkDecoder decoder = new ChunkDecoder();
        long fed = 0;
        try {
            for (int[] cut : pieces.cuts()) {
                List<Chunk> chunks = decoder.decode(pieces.payload(), cut[0], cut[1] - cut[0]);
                fed += cut[1] - cut[0];
                assertThat(decoder.position()).isEqualTo(fed);
                for (Chunk chunk : chunks) {
                    assertThat(chunk.offset()).isBetween(0L, fed - ChunkDecoder.FRAMING_HEADER_SIZE);
                    assertThat(size(chunk)).isLessThanOrEqualTo(0xFFFF);
                }
            }
            decoder.finish();
            assertThat(decoder.atChunkBoundary()).isTrue();
        } catch (StreamProtocolException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThatThrownBy(() -> decoder.decode(new byte[1])).isSameAs(e);
        }
    }

    private static int size(Chunk chunk) {
        if (chunk instanceof Chunk.Header h) {
            return h.payload().length;
        } else if (chunk instanceof Chunk.Data d) {
            return d.payload().length;
        } else if (chunk instanceof Chunk.Other o) {
            return o.body().length;
        }
        return 0;
    }
}
