package org.asfcast.bench.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's TCP sockets from {@code /proc/net/tcp} and {@code tcp6} (Linux): which of a
 * server's connections it still holds and in what state. A client that reads nothing cannot see
 * the server close it (the FIN waits behind the unread data), but the server's side of the
 * socket leaves ESTABLISHED the moment the server closes it.
 */
final class TcpTable {

    /** Kernel state numbers (include/net/tcp_states.h). */
    static final int ESTABLISHED = 1;
    static final int CLOSE_WAIT = 8;

    /** One socket: its local and remote port and its state. */
    record Socket(int localPort, int remotePort, int state) {
    }

    private TcpTable() {
    }

    /** Every IPv4 and IPv6 TCP socket of this network namespace. */
    static List<Socket> read() {
        List<Socket> all = new ArrayList<>();
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                all.addAll(parse(Files.readString(Path.of(file), StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                // no IPv6, or not Linux: fewer sockets
            }
        }
        return all;
    }

    /** Parses the text of a {@code /proc/net/tcp}-style table (a title line, then one socket a line). */
    static List<Socket> parse(String table) {
        List<Socket> sockets = new ArrayList<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            sockets.add(new Socket(port(f[1]), port(f[2]), Integer.parseInt(f[3], 16)));
        }
        return sockets;
    }

    private static int port(String addressColonPort) {
        return Integer.parseInt(addressColonPort.substring(addressColonPort.indexOf(':') + 1), 16);
    }
}
