package org.asfcast.ops.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusEventsTest {

    @Test
    void aPageGetsACommentAndItsFirstEventsAtOnce() {
        StatusEvents events = new StatusEvents(4);
        EmbeddedChannel page = new EmbeddedChannel();
        assertThat(events.reserve()).isTrue();
        events.open(page, Map.of("status", EventData.text("{\"schema\":1}")));
        assertThat(read(page)).isEqualTo(": asfcast status events\n\nevent: status\nid: 1\ndata: {\"schema\":1}\n\n");
        assertThat(events.pages()).isEqualTo(1);
    }

    @Test
    void oneSecondsEventsAreEncodedOnceForEveryPage() {
        StatusEvents events = new StatusEvents(4);
        EmbeddedChannel a = opened(events);
        EmbeddedChannel b = opened(events);
        Map<String, EventData> second = new LinkedHashMap<>();
        second.put("status", EventData.text("{\"points\":[]}"));
        second.put("sample", EventData.text("{\"atMillis\":1}"));
        events.publish(second);
        HttpContent toA = a.readOutbound();
        HttpContent toB = b.readOutbound();
        String expected = "event: status\nid: 1\ndata: {\"points\":[]}\n\nevent: sample\nid: 2\ndata: {\"atMillis\":1}\n\n";
        assertThat(toA.content().toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(toB.content().toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(toA.content().unwrap()).as("the same bytes, not a copy per page").isSameAs(toB.content().unwrap());
        assertThat(toA.content().unwrap().refCnt()).as("the publisher let go of its own reference").isEqualTo(2);
        toA.release();
        toB.release();
        assertThat(toA.content().unwrap().refCnt()).isZero();
    }

    @Test
    void thePlacesAreLimitedAndFreedWhenAPageCloses() {
        StatusEvents events = new StatusEvents(2);
        EmbeddedChannel a = opened(events);
        opened(events);
        assertThat(events.reserve()).as("a third page").isFalse();
        a.close();
        assertThat(events.pages()).isEqualTo(1);
        assertThat(events.reserve()).as("after one left").isTrue();
    }

    @Test
    void aPageThatDoesNotKeepUpIsDroppedNotBufferedFor() {
        StatusEvents events = new StatusEvents(4);
        EmbeddedChannel slow = opened(events);
        EmbeddedChannel quick = opened(events);
        // What the slow page's socket has not taken: more than its high-water mark, held by Netty.
        slow.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        slow.write(Unpooled.wrappedBuffer(new byte[64]));
        assertThat(slow.isWritable()).isFalse();
        events.publish(Map.of("status", EventData.text("{}")));
        assertThat(slow.isOpen()).as("the slow page").isFalse();
        assertThat(events.dropped()).isEqualTo(1);
        assertThat(events.pages()).isEqualTo(1);
        HttpContent toQuick = quick.readOutbound();
        assertThat(toQuick.content().toString(StandardCharsets.UTF_8)).contains("event: status");
        toQuick.release();
        assertThat(events.reserve()).isTrue();
    }

    @Test
    void closedEventsEndEveryStreamAndOpenNoMore() {
        StatusEvents events = new StatusEvents(4);
        EmbeddedChannel page = opened(events);
        events.close();
        assertThat(page.isOpen()).isFalse();
        assertThat(events.reserve()).isFalse();
        assertThat(events.pages()).isZero();
    }

    private static EmbeddedChannel opened(StatusEvents events) {
        EmbeddedChannel page = new EmbeddedChannel();
        assertThat(events.reserve()).isTrue();
        events.open(page, Map.of());
        read(page);
        return page;
    }

    /** Everything written to the page so far, as text; the buffers released. */
    private static String read(EmbeddedChannel page) {
        List<String> parts = new ArrayList<>();
        for (Object o; (o = page.readOutbound()) != null; ) {
            ByteBuf content = ((HttpContent) o).content();
            parts.add(content.toString(StandardCharsets.UTF_8));
            content.release();
        }
        return String.join("", parts);
    }
}
