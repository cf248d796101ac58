package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.testing.Pieces;
import org.asfcast.writer.WriterSink;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link PipeRelay}: the bytes an encoder pipes in, arriving in the
 * short reads the input chooses ({@link Pieces}), relayed to a sink that is not real-time (so
 * nothing waits for send times). Allowed: {@link AsfFormatException}; anything else thrown, a
 * hang or an {@link OutOfMemoryError} is a finding. Checked: once the header went out the sink is
 * ended, and every packet relayed has the packet size of the header before it. Seeds: small FFmpeg outputs in
 * {@code PipeRelayGuidedFuzzTestInputs/}; see docs/reliability.md.
 */
class PipeRelayGuidedFuzzTest {

    @Timeout(10)
    @FuzzTest
    void relay(byte[] input) throws Exception {
        Pieces pieces = Pieces.of(input);
        CountingSink sink = new CountingSink();
        PipeRelay relay = new PipeRelay(new ShortReads(pieces), "fuzz input");
        try {
            relay.run(List.of(sink));
        } catch (AsfFormatException e) {
            assertThat(e.problem()).isNotBlank();
        }
        assertThat(sink.ended).isEqualTo(sink.headers > 0);
        assertThat(sink.packets).isEqualTo(relay.packetsSent());
        assertThat(sink.packets).isLessThanOrEqualTo(input.length / 20);
    }

    /** A pipe: each read returns at most the next piece. */
    private static final class ShortReads extends InputStream {
        private final byte[] bytes;
        private final List<int[]> cuts;
        private int piece;
        private int position;

        ShortReads(Pieces pieces) {
            this.bytes = pieces.payload();
            this.cuts = pieces.cuts();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (piece == cuts.size()) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = Math.min(length, cuts.get(piece)[1] - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            if (position == cuts.get(piece)[1]) {
                piece++;
            }
            return n;
        }
    }

    /** Counts what arrives, keeping nothing, so long runs do not fill the heap. */
    private static final class CountingSink implements WriterSink {
        int headers;
        long packets;
        int packetSize = -1;
        boolean ended;

        @Override
        public void onHeader(ByteBuffer header) {
            headers++;
            // A different header on the pipe replaces the broadcast (issue 10, case 3), and its
            // packets have its own size.
            byte[] bytes = new byte[header.remaining()];
            header.get(bytes);
            try {
                packetSize = AsfHeader.parse(bytes).packetSize();
            } catch (AsfFormatException e) {
                throw new AssertionError("the relay handed on a header that does not parse", e);
            }
        }

        @Override
        public boolean isRealTime() {
            return false;
        }

        @Override
        public void onDataUnit(ByteBuffer dataUnit) throws IOException {
            assertThat(dataUnit.remaining()).as("the last header's packet size").isEqualTo(packetSize);
            packets++;
        }

        @Override
        public void onEndWriting() {
            ended = true;
        }
    }
}
