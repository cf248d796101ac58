package org.asfcast.cli.hosts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.cli.hosts.Network.Command;

/**
 * One host of a {@link Network}: a network namespace with an address on the network's bridge.
 * Commands run in it through {@code ip netns exec}, which switches namespace and then executes the
 * command itself (the process id stays the command's own, so signals reach it).
 */
public final class Host {

    /** The host's one network interface, as on a real machine. */
    static final String INTERFACE = "eth0";

    private final Network network;
    private final String role;
    private final String namespace;
    private final String address;
    private final String outside;

    Host(Network network, String role, String namespace, String address, String outside) {
        this.network = network;
        this.role = role;
        this.namespace = namespace;
        this.address = address;
        this.outside = outside;
    }

    /** What the test calls this host: "origin", "edge1", "lb". */
    public String role() {
        return role;
    }

    /** The namespace's name ({@code ip netns exec NAME ...}). */
    public String namespace() {
        return namespace;
    }

    /** The host's IPv4 address, as a literal. */
    public String address() {
        return address;
    }

    /** The name of the link's end on the bridge, outside the namespace. */
    String outside() {
        return outside;
    }

    /** {@code command} as run in this host. */
    public List<String> command(List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        all.addAll(command);
        return all;
    }

    /** Runs {@code command} in this host to its end, in {@code dir}; fails if it outlives {@code limit}. */
    public ProcessRun run(Duration limit, Path dir, String... command) {
        return ProcessRun.run(limit, dir, command(List.of(command)));
    }

    /**
     * Starts {@code command} in this host with its output appended to {@code log}; the network ends
     * it on close if it is still running.
     */
    public Process start(Path dir, Path log, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command(command)).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        network.track(p);
        return p;
    }

    /**
     * Makes this host's link a bad one, both ways: {@code delay} each way and {@code lossPercent} of
     * the packets lost. With {@code tc netem} where the kernel has it; on a kernel without it (this
     * project's CI machines) the loss is the kernel's still ({@code iptables}' random drop on the
     * host's interface, both ways) and the delay is a {@link DelayLine} on the path to each port
     * others reach through {@link ShapedLink#endpoint}. Skips the test (fails it under CI) when
     * neither can be done.
     */
    public ShapedLink shape(Duration delay, int lossPercent) {
        String netem = "delay " + delay.toMillis() + "ms loss " + lossPercent + "%";
        List<String> args = List.of(netem.split(" "));
        List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "tc", "qdisc", "add", "dev",
                INTERFACE, "root", "netem"));
        inside.addAll(args);
        Command shaped = Command.run(inside);
        if (shaped.ok()) {
            List<String> towards = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", outside, "root", "netem"));
            towards.addAll(args);
            Command.run(towards).check("shape the link towards " + role + " with netem " + netem);
            return ShapedLink.netem(this, "netem " + netem);
        }
        if (!shaped.output().contains("qdisc kind is unknown")) {
            shaped.check("shape " + role + "'s link with netem " + netem);
        }
        // No netem: the loss by iptables, the delay by a line in the path.
        if (org.asfcast.asf.testing.Tools.find("iptables").isEmpty()) {
            Network.unavailable("this kernel has no netem, and the stand-in for it needs iptables (apt-get install"
                    + " iptables): " + shaped.output());
        }
        String probability = String.valueOf(lossPercent / 100.0);
        for (List<String> rule : List.of(
                List.of("INPUT", "-i"), List.of("OUTPUT", "-o"))) {
            Command.run(command(List.of("iptables", "-A", rule.get(0), rule.get(1), INTERFACE, "-m", "statistic",
                    "--mode", "random", "--probability", probability, "-j", "DROP")))
                    .check("drop " + lossPercent + "% of " + role + "'s packets with iptables");
        }
        return ShapedLink.delayLines(this, network.testAddress(), delay,
                lossPercent + "% loss by iptables and " + delay.toMillis() + " ms each way by a delay line"
                        + " (this kernel has no netem)");
    }

    /** SIGKILL for every process in this host's namespace (all of them this test's). */
    void endEverything() {
        endEverythingIn(namespace);
    }

    static void endEverythingIn(String namespace) {
        for (String pid : Network.ip("netns", "pids", namespace).output().split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Override
    public String toString() {
        return role + " (" + address + ")";
    }
}
