package org.asfcast.bench.hostile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A new player's time to first data, as a raw MS-WMSP Play from Java: connect, send the Play,
 * read the response head, then the chunks up to the header of the first {@code $D}. No process
 * start and no decoder in the figure: what it measures is the server.
 */
final class FirstDataProbe {

    /** What one probe saw: the status (-1 none), the milliseconds to the first {@code $D} (NaN if none), why not. */
    record Outcome(long startNanos, int status, double firstDataMs, String failure) {
        boolean gotData() {
            return !Double.isNaN(firstDataMs);
        }
    }

    private final InetSocketAddress server;
    private final String host;
    private final int timeoutMs;

    FirstDataProbe(InetSocketAddress server, int timeoutMs) {
        this.server = server;
        this.host = server.getHostString() + ":" + server.getPort();
        this.timeoutMs = timeoutMs;
    }

    Outcome probe() {
        long t0 = System.nanoTime();
        int status = -1;
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMs);
            s.connect(server, timeoutMs);
            s.getOutputStream().write(PlayRequest.play(host));
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            status = PlayRequest.readStatus(in);
            if (status != 200) {
                return new Outcome(t0, status, Double.NaN, status < 0 ? "closed before a status line" : "refused");
            }
            long deadline = t0 + timeoutMs * 1_000_000L;
            while (System.nanoTime() < deadline) {
                int dollar = in.read();
                int type = in.read();
                int lo = in.read();
                int hi = in.read();
                if (hi < 0) {
                    return new Outcome(t0, status, Double.NaN, "closed before the first $D");
                }
                if (dollar != '$') {
                    return new Outcome(t0, status, Double.NaN, "not a chunk: 0x" + Integer.toHexString(dollar));
                }
                if (type == 'D') {
                    return new Outcome(t0, status, (System.nanoTime() - t0) / 1e6, null);
                }
                if (type == 'E') {
                    return new Outcome(t0, status, Double.NaN, "$E before the first $D");
                }
                in.skipNBytes(lo | hi << 8);
            }
            return new Outcome(t0, status, Double.NaN, "no $D within " + timeoutMs + " ms");
        } catch (SocketTimeoutException e) {
            return new Outcome(t0, status, Double.NaN, "timeout after " + timeoutMs + " ms");
        } catch (IOException e) {
            return new Outcome(t0, status, Double.NaN, "I/O: " + e.getMessage());
        }
    }
}
