package org.asfcast.bench.hostile;

import java.util.List;

/** The harness's command line; {@code --quick} shrinks every attack to a check of about two minutes. */
final class HostileOptions {

    static final String USAGE = """
            usage: HostileLoad --port N --server-pid PID [--host 127.0.0.1] [--quick] [--players 3]
                   [--attacks churn,slowloris,non-readers,flood] [--bound-s 10] [--json FILE] [--log-dir DIR]
                   [--churn-cycles 100000] [--churn-s 300] [--slowloris 2000] [--slowloris-s 90] [--byte-every-ms 3000]
                   [--non-readers 100] [--non-readers-s 120] [--flood-rate 2000] [--flood-s 90] [--probe-ms 500]""";

    String host = "127.0.0.1";
    int port = -1;
    long serverPid = -1;
    boolean quick;
    int players = 3;
    List<String> attacks = List.of("churn", "slowloris", "non-readers", "flood");
    double boundSeconds = 10; // the sink states it: a player more than stallTimeout (10 s) of broadcast behind loses its slot
    String json;
    String logDir = "bench/results/hostile";
    long churnCycles = 100_000;
    double churnSeconds = 300;
    int slowloris = 2000;
    double slowlorisSeconds = 90;
    long byteEveryMs = 3000;
    int nonReaders = 100;
    double nonReadersSeconds = 120;
    double floodRate = 2000;
    double floodSeconds = 90;
    double idleSeconds = 10;
    long probeMs = 500;

    static HostileOptions parse(String[] args) {
        HostileOptions o = new HostileOptions();
        for (String a : args) {
            if (a.equals("--quick")) {
                o.quick = true;
                o.churnCycles = 20_000;
                o.churnSeconds = 40;
                o.slowloris = 500;
                o.slowlorisSeconds = 25;
                o.nonReadersSeconds = 45;
                o.floodRate = 1000;
                o.floodSeconds = 20;
                o.idleSeconds = 5;
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--host" -> o.host = v;
                    case "--port" -> o.port = Integer.parseInt(v);
                    case "--server-pid" -> o.serverPid = Long.parseLong(v);
                    case "--players" -> o.players = Integer.parseInt(v);
                    case "--attacks" -> o.attacks = List.of(v.split(","));
                    case "--bound-s" -> o.boundSeconds = Double.parseDouble(v);
                    case "--json" -> o.json = v;
                    case "--log-dir" -> o.logDir = v;
                    case "--churn-cycles" -> o.churnCycles = Long.parseLong(v);
                    case "--churn-s" -> o.churnSeconds = Double.parseDouble(v);
                    case "--slowloris" -> o.slowloris = Integer.parseInt(v);
                    case "--slowloris-s" -> o.slowlorisSeconds = Double.parseDouble(v);
                    case "--byte-every-ms" -> o.byteEveryMs = Long.parseLong(v);
                    case "--non-readers" -> o.nonReaders = Integer.parseInt(v);
                    case "--non-readers-s" -> o.nonReadersSeconds = Double.parseDouble(v);
                    case "--flood-rate" -> o.floodRate = Double.parseDouble(v);
                    case "--flood-s" -> o.floodSeconds = Double.parseDouble(v);
                    case "--probe-ms" -> o.probeMs = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " needs a number, not '" + v + "'");
            }
        }
        if (o.port <= 0 || o.serverPid <= 0) {
            throw new IllegalArgumentException("--port and --server-pid are required");
        }
        for (String attack : o.attacks) {
            if (!List.of("churn", "slowloris", "non-readers", "flood").contains(attack)) {
                throw new IllegalArgumentException("unknown attack " + attack);
            }
        }
        return o;
    }
}
