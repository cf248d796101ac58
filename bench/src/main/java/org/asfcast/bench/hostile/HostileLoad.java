package org.asfcast.bench.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hostile-load harness (issue 10): against a running asfcast server, K real FFmpeg players
 * play for the whole run while connection churn, slowloris heads, non-readers and a request flood
 * run in turn, each with new players probing their time to first data meanwhile. Before and after
 * the run, and after each attack, it reads the server's descriptors, threads, heap after GC and RSS.
 * Prints one {@code HOSTILE {json}} line per phase and a table; {@code bench/hostile.sh} starts the
 * server and runs it.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.asfcast.bench.hostile.HostileLoad --port N --server-pid PID [--quick]</pre>
 */
public final class HostileLoad {

    private final HostileOptions o;
    private final InetSocketAddress server;
    private final String url;
    private final ServerGauge gauge;
    private final List<Map<String, Object>> phases = new ArrayList<>();

    private HostileLoad(HostileOptions o) {
        this.o = o;
        this.server = new InetSocketAddress(o.host, o.port);
        this.url = "mmsh://" + o.host + ":" + o.port + "/";
        this.gauge = new ServerGauge(o.serverPid, o.port);
    }

    /** Runs the harness; exit status 0 when it ran (goals met or not), 2 on bad options, 1 if the server died. */
    public static void main(String[] args) throws Exception {
        HostileOptions o;
        try {
            o = HostileOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("HostileLoad: " + e.getMessage());
            System.err.println(HostileOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new HostileLoad(o).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        if (!gauge.alive()) {
            throw new IllegalStateException("no process " + o.serverPid);
        }
        Path logs = Path.of(o.logDir);
        Files.createDirectories(logs);
        ServerGauge.Reading before = gauge.read("before", true);
        emit(Map.of("phase", "before", "server", before));
        List<FfmpegPlayer> players = new ArrayList<>();
        for (int i = 0; i < o.players; i++) {
            players.add(FfmpegPlayer.start(i, url, logs.resolve("player-" + i + ".log")));
        }
        Thread.sleep(5000); // the players past their start
        FirstDataProbe probe = new FirstDataProbe(server, 10_000);
        phase("idle", null, o.idleSeconds, probe, players);
        for (String name : o.attacks) {
            Attack attack = switch (name) {
                case "churn" -> new ConnectionChurn(server, o.churnCycles, 4);
                case "slowloris" -> new Slowloris(server, o.slowloris, o.byteEveryMs);
                case "non-readers" -> new NonReaders(server, o.nonReaders);
                case "flood" -> new RequestFlood(server, 16, o.floodRate);
                default -> throw new IllegalStateException(name);
            };
            double seconds = switch (name) {
                case "churn" -> o.churnSeconds;
                case "slowloris" -> o.slowlorisSeconds;
                case "non-readers" -> o.nonReadersSeconds;
                default -> o.floodSeconds;
            };
            phase(name, attack, seconds, probe, players);
            if (!gauge.alive()) {
                break;
            }
            Thread.sleep(3000); // let the server close what the attack left
        }
        List<FfmpegPlayer.Summary> summaries = new ArrayList<>();
        for (FfmpegPlayer p : players) {
            summaries.add(p.stop());
        }
        emit(Map.of("phase", "players", "players", summaries.stream().map(FfmpegPlayer.Summary::fields).toList()));
        awaitIdle(30);
        ServerGauge.Reading after = gauge.read("after", true);
        emit(Map.of("phase", "after", "server", after, "server_alive", gauge.alive()));
        new HostileReport(o, before, after, phases, summaries).print(System.out);
        return gauge.alive();
    }

    /** One phase: the probes (and the attack, if any) for at most {@code seconds}, then a reading after a GC. */
    private void phase(String name, Attack attack, double seconds, FirstDataProbe probe, List<FfmpegPlayer> players)
            throws Exception {
        System.err.printf(Locale.ROOT, "== %s (at most %.0f s; load average %s)%n", name, seconds, loadAverage());
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        ProbeLoop probes = new ProbeLoop(probe, url, o.probeMs, 10);
        probes.start();
        Outcomes outcomes = new Outcomes();
        Map<String, Object> figures = Map.of();
        if (attack == null) {
            Thread.sleep((long) (seconds * 1000));
        } else {
            figures = attack.run(deadline, outcomes);
        }
        Map<String, Object> probed = probes.finish();
        if (attack instanceof NonReaders nonReaders) {
            probed.put("probe_refusals_beyond_bound", nonReaders.refusalsBeyond(probes.refusalTimes(), o.boundSeconds));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", name);
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        m.put("load_average", loadAverage());
        m.put("attack", figures);
        m.put("outcomes", outcomes.snapshot());
        m.putAll(probed);
        m.put("players_stopped_early", players.stream().filter(FfmpegPlayer::stoppedEarly).count());
        m.put("server", gauge.read(name + " end", true));
        m.put("server_alive", gauge.alive());
        emit(m);
        phases.add(m);
    }

    /** Waits (bounded) until the server holds no connection on its port: the "after" reading is of an idle server. */
    private void awaitIdle(int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 4; i++) {
            ServerGauge.Reading r = gauge.read("settling", false);
            if (r.established() + r.closeWait() == 0) { // TIME_WAIT and FIN_WAIT hold no descriptor
                return;
            }
            Thread.sleep(250);
        }
    }

    private void emit(Map<String, Object> m) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>(m);
        line.replaceAll((k, v) -> v instanceof ServerGauge.Reading r ? r.fields() : v);
        String json = JsonLine.of(line);
        System.out.println("HOSTILE " + json);
        if (o.json != null) {
            Files.writeString(Path.of(o.json), json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
