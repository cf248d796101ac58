package org.asfcast.cli.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A TCP path with a delay, for a kernel without {@code tc netem}: it listens on one address and
 * forwards each connection to a target, holding every chunk of bytes, each way, for the delay
 * before passing it on, as a long link would. It delays bytes, not packets: TCP on each side of it
 * sees a short path (the loss of a shaped link is made by the kernel, {@link Host#shape}), while
 * what rides on TCP (a request and its answer, a player's first packets, a relay's reconnect) takes
 * the delay each way. Bounded: at most {@link #HELD_CHUNKS} chunks a direction are held, after
 * which the reading side waits (TCP's own flow control then slows the sender).
 */
public final class DelayLine implements AutoCloseable {

    /** The most chunks held in one direction of one connection. */
    static final int HELD_CHUNKS = 512;
    private static final int CHUNK = 16 * 1024;
    private static final byte[] END = new byte[0];

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    private DelayLine(ServerSocket listener, InetSocketAddress target, Duration delay) {
        this.listener = listener;
        this.target = target;
        this.delayNanos = delay.toNanos();
    }

    /**
     * Listens on {@code bind} (a port of its own) and forwards to {@code targetHost:targetPort},
     * {@code delay} each way.
     */
    public static DelayLine open(String bind, String targetHost, int targetPort, Duration delay) throws IOException {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay of " + delay);
        }
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName(bind));
        DelayLine line = new DelayLine(listener, new InetSocketAddress(targetHost, targetPort), delay);
        Thread accept = new Thread(line::acceptAll, "delay line " + bind + ":" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
        return line;
    }

    /** The port it listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    private void acceptAll() {
        while (!closed) {
            try {
                Socket near = listener.accept();
                Socket far = new Socket();
                try {
                    far.connect(target, 5_000);
                } catch (IOException refused) {
                    near.close(); // the target is down: as a long link to a dead host, the connection ends
                    far.close();
                    continue;
                }
                near.setTcpNoDelay(true);
                far.setTcpNoDelay(true);
                synchronized (sockets) {
                    sockets.add(near);
                    sockets.add(far);
                }
                carry(near, far, "out");
                carry(far, near, "back");
            } catch (IOException e) {
                if (!closed) {
                    continue; // one failed accept, the line goes on
                }
            }
        }
    }

    /** Reads {@code from}, holds each chunk for the delay, writes it to {@code to}; an end is passed on as one. */
    private void carry(Socket from, Socket to, String way) {
        BlockingQueue<Held> held = new ArrayBlockingQueue<>(HELD_CHUNKS);
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[CHUNK];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    held.put(new Held(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException | InterruptedException e) {
                // the connection broke or the line closes: the writer passes the end on
            }
            try {
                held.put(new Held(System.nanoTime() + delayNanos, END));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "delay line " + way + " reader");
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Held h = held.take();
                    long wait = h.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (h.bytes() == END) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(h.bytes());
                }
            } catch (SocketException e) {
                closeQuietly(from); // the far side is gone: so is this connection
                closeQuietly(to);
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "delay line " + way + " writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private record Held(long dueNanos, byte[] bytes) {
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Stops listening and ends every connection it carries. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        synchronized (sockets) {
            sockets.forEach(DelayLine::closeQuietly);
            sockets.clear();
        }
    }
}
