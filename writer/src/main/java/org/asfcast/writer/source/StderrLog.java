package org.asfcast.writer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * Reads a command's standard error to its end and logs it line by line with the point's name. A
 * line ends at {@code \n} or {@code \r} (FFmpeg's progress line); at most {@value #MAX_LINE_BYTES}
 * bytes of a line are kept, so a program that never writes a line end cannot fill memory, and the
 * pipe is always drained, so it never blocks on a full one.
 */
final class StderrLog implements Runnable {

    /** The bytes kept of one line (room for {@value PrintableLine#MAX_CHARS} characters of UTF-8). */
    static final int MAX_LINE_BYTES = 4 * PrintableLine.MAX_CHARS;

    private final InputStream input;
    private final Logger log;
    private final String name;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int length;
    private boolean cut;
    private volatile String lastLine = "";

    /** Logs {@code input} to {@code log}, each line prefixed by {@code name}. */
    StderrLog(InputStream input, Logger log, String name) {
        this.input = input;
        this.log = log;
        this.name = name;
    }

    /** The last line logged, printable; empty when there was none. */
    String lastLine() {
        return lastLine;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (input) {
            int n;
            while ((n = input.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    take(buffer[i]);
                }
            }
        } catch (IOException e) {
            // The pipe closed under us (the process was destroyed): what was read is logged below.
        }
        emit();
    }

    private void take(byte b) {
        if (b == '\n' || b == '\r') {
            emit();
        } else if (length < line.length) {
            line[length++] = b;
        } else {
            cut = true;
        }
    }

    private void emit() {
        if (length == 0 && !cut) {
            return;
        }
        String text = PrintableLine.of(new String(Arrays.copyOf(line, length), StandardCharsets.UTF_8), cut);
        length = 0;
        cut = false;
        lastLine = text;
        log.info("{}: {}", name, text);
    }
}
