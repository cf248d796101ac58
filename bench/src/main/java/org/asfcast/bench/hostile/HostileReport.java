package org.asfcast.bench.hostile;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human end of a run: a table per phase, the players, the before/after readings and the goals, met or not. */
final class HostileReport {

    private final HostileOptions o;
    private final ServerGauge.Reading before;
    private final ServerGauge.Reading after;
    private final List<Map<String, Object>> phases;
    private final List<FfmpegPlayer.Summary> players;

    HostileReport(HostileOptions o, ServerGauge.Reading before, ServerGauge.Reading after, List<Map<String, Object>> phases,
                  List<FfmpegPlayer.Summary> players) {
        this.o = o;
        this.before = before;
        this.after = after;
        this.phases = phases;
        this.players = players;
    }

    void print(PrintStream out) {
        out.println();
        out.println("| phase | s | load avg | probes (with data) | first $D p50 / p99 / max ms | >= 100 ms | probe failures "
                + "| ffmpeg first frame ms | server FDs | threads | heap after GC MB | RSS MB | players stopped |");
        out.println("|---|---:|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|");
        for (Map<String, Object> p : phases) {
            ServerGauge.Reading r = (ServerGauge.Reading) p.get("server");
            out.printf(Locale.ROOT, "| %s | %.0f | %s | %s (%s) | %s / %s / %s | %s | %s | %s | %d | %d | %s | %.0f | %s |%n",
                    p.get("phase"), (Double) p.get("seconds"), p.get("load_average"), p.get("probes"), p.get("probes_with_data"),
                    ms(p.get("first_data_ms_p50")), ms(p.get("first_data_ms_p99")), ms(p.get("first_data_ms_max")),
                    p.get("first_data_over_100ms"), p.get("probe_failures"), ffmpeg(p.get("ffmpeg_first_frame_ms")), r.fds(),
                    r.threads(), heap(r), r.rssKb() / 1024.0, p.get("players_stopped_early"));
        }
        out.println();
        for (Map<String, Object> p : phases) {
            if (!((Map<?, ?>) p.get("attack")).isEmpty()) {
                out.println("- " + p.get("phase") + ": " + p.get("attack") + "; " + p.get("outcomes"));
            }
        }
        out.println();
        out.println("| player | wall s | media s | longest stall s | stopped early | exit |");
        out.println("|---:|---:|---:|---:|---|---|");
        for (FfmpegPlayer.Summary s : players) {
            out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.2f | %s | %s |%n", s.index(), s.wallSeconds(), s.mediaSeconds(),
                    s.longestStallSeconds(), s.stoppedEarly() ? "YES" : "no", s.exitCode() == null ? "-" : s.exitCode());
        }
        out.println();
        out.println("| server | FDs | threads | heap after GC MB | RSS MB | TCP established / close-wait / other |");
        out.println("|---|---:|---:|---:|---:|---|");
        for (ServerGauge.Reading r : new ServerGauge.Reading[] {before, after}) {
            out.printf(Locale.ROOT, "| %s | %d | %d | %s | %.0f | %d / %d / %d |%n", r.label(), r.fds(), r.threads(), heap(r),
                    r.rssKb() / 1024.0, r.established(), r.closeWait(), r.otherStates());
        }
        out.println();
        goals(out);
    }

    private void goals(PrintStream out) {
        // Idle before and after: the same descriptors (a few for the JVM's own files may come and go) and no sockets
        // left. Threads against the first phase's end: Netty's loops, the DNS thread and JIT threads start with the
        // first players, not with the server. RSS is reported, not judged: code cache and malloc arenas settle late.
        ServerGauge.Reading warm = phases.isEmpty() ? before : (ServerGauge.Reading) phases.get(0).get("server");
        boolean noLeak = after.fds() <= before.fds() + 2 && after.closeWait() == 0 && after.established() == 0
                && after.threads() <= warm.threads() + 2
                && (after.heapAfterGcKb() < 0 || after.heapAfterGcKb() <= before.heapAfterGcKb() + 8 * 1024);
        out.printf(Locale.ROOT, "GOAL nothing leaks: %s (FDs %d -> %d, threads %d before, %d at the %s, %d after, "
                        + "heap after GC %s -> %s MB, RSS %.0f -> %.0f MB, close-wait after %d)%n", noLeak ? "met" : "MISSED",
                before.fds(), after.fds(), before.threads(), warm.threads(), warm.label(), after.threads(), heap(before),
                heap(after), before.rssKb() / 1024.0, after.rssKb() / 1024.0, after.closeWait());
        StringBuilder perAttack = new StringBuilder();
        boolean fast = true;
        for (Map<String, Object> p : phases) {
            long slow = (Long) p.get("first_data_over_100ms");
            int probes = (Integer) p.get("probes");
            int withData = (Integer) p.get("probes_with_data");
            fast &= slow == 0 && withData == probes;
            perAttack.append(String.format(Locale.ROOT, " %s: %d of %d probes had data, %d at 100 ms or more, max %s ms;",
                    p.get("phase"), withData, probes, slow, ms(p.get("first_data_ms_max"))));
        }
        out.println("GOAL a new player's first data within 100 ms during every attack: " + (fast ? "met" : "MISSED") + " ("
                + perAttack.toString().trim() + ")");
        for (Map<String, Object> p : phases) {
            if (p.get("phase").equals("non-readers")) {
                int beyond = (Integer) p.get("probe_refusals_beyond_bound");
                out.printf(Locale.ROOT, "GOAL real players never refused while non-readers hold slots beyond %.0f s: %s "
                                + "(%d probes refused while a non-reader had held its slot over %.0f s; refusals from %s s to %s s; non-readers %s)%n",
                        o.boundSeconds, beyond == 0 ? "met" : "MISSED", beyond, o.boundSeconds, ms(p.get("probe_first_refusal_s")),
                        ms(p.get("probe_last_refusal_s")), p.get("attack"));
            }
        }
        long early = players.stream().filter(FfmpegPlayer.Summary::stoppedEarly).count();
        double stall = players.stream().mapToDouble(FfmpegPlayer.Summary::longestStallSeconds).max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "GOAL the real players play through: %s (%d of %d stopped early; longest stall %.2f s)%n",
                early == 0 && stall < 2 ? "met" : "MISSED", early, players.size(), stall);
    }

    private static String ms(Object v) {
        return v instanceof Double d && !d.isNaN() ? String.format(Locale.ROOT, "%.1f", d) : "-";
    }

    private static String heap(ServerGauge.Reading r) {
        return r.heapAfterGcKb() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.heapAfterGcKb() / 1024.0);
    }

    private static String ffmpeg(Object v) {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        for (Object x : list) {
            s.append(s.length() == 0 ? "" : " ").append(ms(x).equals("-") ? "fail" : String.format(Locale.ROOT, "%.0f", (Double) x));
        }
        return s.toString();
    }
}
