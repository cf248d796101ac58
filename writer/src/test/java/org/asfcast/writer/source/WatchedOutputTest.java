package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import org.junit.jupiter.api.Test;

/** A command's output says when reading it broke, whichever call found the pipe gone. */
class WatchedOutputTest {

    @Test
    void aPipeGoneBetweenAChannelsReadsIsABrokenOutput() throws Exception {
        // A process's stdout once the process has exited and its reaper took the pipe: the bytes
        // read before, then "Stream closed" from every call. A channel (as AsfReader reads) asks
        // available() after its first bytes, before it reads more.
        InputStream taken = new InputStream() {
            private boolean gave;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (gave) {
                    throw new IOException("Stream closed");
                }
                gave = true;
                return 4;
            }

            @Override
            public int available() throws IOException {
                if (gave) {
                    throw new IOException("Stream closed");
                }
                return 4;
            }
        };
        WatchedOutput output = new WatchedOutput(taken);
        ReadableByteChannel channel = Channels.newChannel(output);
        assertThatThrownBy(() -> channel.read(ByteBuffer.allocate(8))).isInstanceOf(IOException.class)
                .hasMessage("Stream closed");
        assertThat(output.failed()).as("broken, not a sink's failure").isTrue();
    }

    @Test
    void bytesReadAreCountedAndAnOpenPipeIsNotBroken() throws Exception {
        WatchedOutput output = new WatchedOutput(new ByteArrayInputStream(new byte[10]));
        assertThat(output.available()).isEqualTo(10);
        assertThat(output.read(new byte[4], 0, 4)).isEqualTo(4);
        assertThat(output.bytesRead()).isEqualTo(4);
        assertThat(output.failed()).isFalse();
    }
}
