package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.netsink.wire.ChunkFramer;
import org.junit.jupiter.api.Test;

/**
 * Joining at every packet of a real FFmpeg-made file: what the joiner is sent never holds a
 * fragment of an object it did not see start, nor video before a key frame, and nothing else is lost.
 */
class JoinFilterTest {

    @Test
    void aJoinerNeverSeesOrphanFragmentsFromAnyStartingPacket() throws Exception {
        byte[] file = getClass().getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf").readAllBytes();
        BroadcastHeader header;
        List<byte[]> packets = new ArrayList<>();
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(file))) {
            header = BroadcastHeader.of(ByteBuffer.wrap(reader.headerBytes()), 1);
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
        int changed = 0;
        for (int start = 0; start < packets.size(); start++) {
            JoinFilter filter = new JoinFilter(header);
            Map<Integer, Long> current = new HashMap<>(); // stream -> object number whose start was sent
            for (int i = start; i < packets.size() && !filter.done(); i++) {
                ByteBuf framed = Unpooled.wrappedBuffer(ChunkFramer.dataChunk(packets.get(i), i));
                ByteBuf out = filter.apply(framed);
                if (out == null) {
                    changed++;
                    continue;
                }
                byte[] sent = new byte[out.readableBytes() - ChunkFramer.CHUNK_HEADER_LENGTH];
                out.getBytes(ChunkFramer.CHUNK_HEADER_LENGTH, sent);
                if (out != framed) {
                    changed++;
                }
                out.release();
                assertThat(sent).hasSize(packets.get(i).length);
                for (Payload p : DataPacket.parse(sent).payloads()) {
                    if (p.offset() == 0) {
                        if (header.videoStreams().contains(p.streamNumber()) && !current.containsKey(p.streamNumber())) {
                            assertThat(p.keyFrame()).as("first video object sent from start %d", start).isTrue();
                        }
                        current.put(p.streamNumber(), p.mediaObjectNumber());
                    } else {
                        assertThat(current.get(p.streamNumber())).as("fragment of stream %d from start %d, packet %d",
                                p.streamNumber(), start, i).isEqualTo(p.mediaObjectNumber());
                    }
                }
            }
        }
        assertThat(changed).as("packets the filter had to cut").isPositive();
    }
}
