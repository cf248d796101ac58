package org.asfcast.ops.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerSentEventTest {

    @Test
    void anEventIsItsNameItsIdItsDataAndABlankLine() {
        assertThat(text(ServerSentEvent.encode("status", 7, "{\"schema\":1}")))
                .isEqualTo("event: status\nid: 7\ndata: {\"schema\":1}\n\n");
    }

    @Test
    void eachLineOfTheDataIsADataLineOfItsOwn() {
        // A line break inside would otherwise end the event early, or start a field of its own.
        assertThat(text(ServerSentEvent.encode("status", 1, "a\nb\r\nc\rid: 99")))
                .isEqualTo("event: status\nid: 1\ndata: a\ndata: b\ndata: c\ndata: id: 99\n\n");
    }

    @Test
    void aPayloadWrittenInPiecesIsFramedAsAWhole() {
        // A CRLF split between two writes is one line break; a byte at a time is the same as a block.
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        ServerSentEvent.write(out, "status", 2, sink -> {
            sink.write("é\r".getBytes(StandardCharsets.UTF_8));
            sink.write('\n');
            sink.write("€\n\n".getBytes(StandardCharsets.UTF_8), 0, 5);
            sink.write('x');
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("event: status\nid: 2\ndata: é\ndata: €\ndata: \ndata: x\n\n");
    }

    @Test
    void aJsonPayloadIsWrittenAsJacksonWritesIt() {
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        ServerSentEvent.write(out, "sample", 3, EventData.json(new com.fasterxml.jackson.databind.ObjectMapper(),
                java.util.Map.of("agent", "a\nb")));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("event: sample\nid: 3\ndata: {\"agent\":\"a\\nb\"}\n\n");
    }

    @Test
    void aNameIsOneWord() {
        assertThatThrownBy(() -> ServerSentEvent.encode("status\ndata: forged", 1, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerSentEvent.encode("", 1, "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCommentIsOneLine() {
        assertThat(text(ServerSentEvent.comment("open\r\nevent: x"))).isEqualTo(": open event: x\n\n");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
