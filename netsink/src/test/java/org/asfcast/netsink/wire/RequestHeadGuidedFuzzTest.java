package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Set;
import org.asfcast.asf.testing.Pieces;
import org.asfcast.netsink.wire.HeadParseResult.Complete;
import org.asfcast.netsink.wire.HeadParseResult.NeedMore;
import org.asfcast.netsink.wire.HeadParseResult.Rejected;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of what a player's request goes through: {@link RequestHeadParser} fed
 * in the pieces the input chooses ({@link Pieces}), then {@link ClientRequest#classify} and every
 * {@link Pragmas} reader on a complete head. No step may throw; the parser says need-more,
 * complete or a 4xx with a sentence, and takes no byte past its result. Seeds: the captured player
 * requests, in {@code RequestHeadGuidedFuzzTestInputs/}; see docs/reliability.md.
 */
class RequestHeadGuidedFuzzTest {

    private static final int LIMIT = 2048;

    @Timeout(10)
    @FuzzTest
    void feedInPiecesAndClassify(byte[] input) {
        Pieces pieces = Pieces.of(input);
        RequestHeadParser parser = new RequestHeadParser(LIMIT);
        HeadParseResult result = new NeedMore();
        int taken = 0;
        for (int[] cut : pieces.cuts()) {
            ByteBuffer piece = ByteBuffer.wrap(pieces.payload(), cut[0], cut[1] - cut[0]);
            boolean finished = !(result instanceof NeedMore);
            result = parser.feed(piece);
            int used = piece.position() - cut[0];
            taken += used;
            if (finished) {
                assertThat(used).isZero();
            } else if (result instanceof NeedMore) {
                assertThat(piece.hasRemaining()).isFalse();
            }
        }
        if (result instanceof Rejected rejected) {
            assertThat(rejected.status()).isBetween(400, 499);
            assertThat(rejected.reason()).isNotBlank().endsWith(".");
            assertThat(taken).isLessThanOrEqualTo(LIMIT + 1);
        } else if (result instanceof Complete complete) {
            assertThat(taken).isLessThanOrEqualTo(LIMIT);
            classify(complete.head());
        } else {
            assertThat(taken).isEqualTo(pieces.payload().length);
        }
    }

    /** Everything the server reads from a complete head; none of it may throw. */
    private static void classify(RequestHead head) {
        ClientRequest request = ClientRequest.classify(head);
        Pragmas pragmas = request.pragmas();
        pragmas.isPlay();
        pragmas.isStop();
        pragmas.clientId().ifPresent(id -> assertThat(id).isBetween(0L, 0xFFFF_FFFFL));
        pragmas.streamTime().ifPresent(time -> assertThat(time).isNotNegative());
        pragmas.requestContext();
        pragmas.clientGuid();
        pragmas.logLine();
        pragmas.streamSwitchEntries();
        pragmas.selectedStreams(Set.of(1, 2, 11, 127));
        head.contentLength();
        assertThat(request.userAgent()).isNotNull();
    }
}
