package org.asfcast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asfcast.netsink.ArchivePoint;
import org.asfcast.netsink.ArchiveSettings;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.writer.source.FileReplay;

/**
 * A server for the on-demand benchmark ({@code bench/on-demand.sh}) when the {@code asfcast server}
 * command cannot be given an on-demand point in its config: one {@link StreamingServer} with a
 * {@link BroadcastPoint} at {@code /live} fed in real time by {@link FileReplay} (looped, as a
 * {@code file:} point with {@code loop: true}) and an {@link ArchivePoint} at {@code /archive} over a
 * folder, both with their defaults but for the player limits (out of the way, as the script's
 * config sets them). Runs until killed.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.asfcast.bench.ArchiveBenchServer --port 8080
 *     --broadcast FILE --archive FOLDER [--max-players 100000]</pre>
 */
public final class ArchiveBenchServer {

    /** Where the broadcast and the folder are published. */
    static final String LIVE = "/live";
    static final String ARCHIVE = "/archive";

    private ArchiveBenchServer() {
    }

    /** Serves until the process is stopped. */
    public static void main(String[] args) throws Exception {
        int port = 8080;
        int maxPlayers = 100_000;
        Path broadcast = null;
        Path archive = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--max-players" -> maxPlayers = Integer.parseInt(args[i + 1]);
                case "--broadcast" -> broadcast = Path.of(args[i + 1]);
                case "--archive" -> archive = Path.of(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || broadcast == null || archive == null) {
            usage("--broadcast FILE and --archive FOLDER are needed");
        }
        if (!Files.isDirectory(archive)) {
            usage(archive + " is not a folder");
        }
        Running running = start(port, broadcast, archive, maxPlayers);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "stop"));
        System.out.println("ArchiveBenchServer: mmsh://127.0.0.1:" + running.port() + LIVE + " broadcasts " + broadcast
                + "; mmsh://127.0.0.1:" + running.port() + ARCHIVE + "/FILE serves the files of " + archive);
        System.out.flush();
        running.writer().join();
    }

    /** A server started by {@link #start}: its port, and the thread that feeds the broadcast. */
    record Running(StreamingServer server, FileReplay replay, Thread writer) implements AutoCloseable {

        /** The port it listens on. */
        int port() {
            return server.port();
        }

        /** Stops the broadcast and closes the server. */
        @Override
        public void close() {
            replay.stop();
            server.close();
        }
    }

    /**
     * Opens the server on {@code port} (0: any free port) and starts the broadcast.
     *
     * @throws java.io.IOException                   when the broadcast file cannot be read
     * @throws org.asfcast.asf.AsfFormatException    when it is not an ASF file
     */
    static Running start(int port, Path broadcast, Path archive, int maxPlayers) throws Exception {
        StreamingServer server = new StreamingServer(ServerSettings.defaults());
        BroadcastPoint live = new BroadcastPoint(LIVE,
                NetworkSinkConfig.builder().maximumClients(maxPlayers).build().pointSettings());
        server.publish(LIVE, live);
        server.publish(ARCHIVE, new ArchivePoint(ARCHIVE, archive, ArchiveSettings.defaults().withMaximumClients(maxPlayers)));
        FileReplay replay = new FileReplay(broadcast, true);
        server.open(port);
        Thread writer = new Thread(() -> {
            try {
                replay.run(List.of(live));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("ArchiveBenchServer: the broadcast stopped: " + e);
            }
        }, "writer");
        writer.setDaemon(true);
        writer.start();
        return new Running(server, replay, writer);
    }

    private static void usage(String why) {
        System.err.println("ArchiveBenchServer: " + why);
        System.err.println("usage: ArchiveBenchServer --port N --broadcast FILE --archive FOLDER [--max-players N]");
        System.exit(2);
    }
}
