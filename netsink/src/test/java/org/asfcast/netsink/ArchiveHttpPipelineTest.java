package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.HeaderField;
import org.asfcast.netsink.wire.RequestHead;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the body leaves: a file region (sendfile) in a plain pipeline, chunks through TLS. */
class ArchiveHttpPipelineTest {

    @TempDir
    Path root;
    Path file;
    ArchiveHttp http;

    @BeforeEach
    void setUp() throws Exception {
        file = Files.write(root.resolve("a.wmv"), new byte[5000]).toRealPath();
        http = new ArchiveHttp("/archive", new ArchiveFolder(root), Runnable::run, f -> Optional.empty(), Optional::empty);
    }

    private static ClientRequest get(String range) {
        return ClientRequest.classify(new RequestHead("GET", "/archive/a.wmv", "", "HTTP/1.1",
                List.of(new HeaderField("Range", range))));
    }

    @Test
    void aPlainPipelineGetsTheHeadThenAFileRegionOfThePart() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        http.answer(ctx, get("bytes=1000-1999"), "a.wmv");
        channel.runPendingTasks();
        ByteBuf head = channel.readOutbound();
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.0 206 ");
        head.release();
        DefaultFileRegion region = channel.readOutbound();
        assertThat(region.position()).isEqualTo(1000);
        assertThat(region.count()).isEqualTo(1000);
        assertThat(channel.pipeline().get(ChunkedWriteHandler.class)).isNull();
        assertThat(OpenFiles.of(file)).isEqualTo(1);
        region.release();
        assertThat(OpenFiles.of(file)).as("releasing the region closes the file").isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void underTlsTheFileGoesInChunksAndClosesWithTheChannel() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(true);
        EmbeddedChannel channel = new EmbeddedChannel(new SslHandler(engine), new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = channel.pipeline().lastContext();
        http.answer(ctx, get("bytes=0-"), "a.wmv");
        channel.runPendingTasks();
        List<String> names = channel.pipeline().names();
        assertThat(channel.pipeline().get(ChunkedWriteHandler.class)).as("added for TLS").isNotNull();
        assertThat(names.indexOf("archive-chunked-writer")).as("between the SslHandler and the caller: %s", names)
                .isGreaterThan(0).isLessThan(names.indexOf(ctx.name()));
        assertThat(OpenFiles.of(file)).isEqualTo(1);
        channel.finishAndReleaseAll();
        channel.close().syncUninterruptibly();
        assertThat(OpenFiles.of(file)).as("the file closes with the channel").isZero();
    }
}
