package org.asfcast.cli.hosts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Assumptions;

/**
 * Hosts made of network namespaces on one machine, for tests across hosts: each host a namespace
 * with its loopback up and an {@code eth0} on one bridge in the test's own namespace, which joins
 * them as a switch would and lets the test itself reach every host. Addresses are in
 * {@code 10.77.S.0/24}, the bridge (the test) {@code .1}, hosts from {@code .11}.
 *
 * <p>Names start with {@code af<pid><n>} (pid of this JVM, n its network count), so that
 * {@link #create} can remove what an earlier run that crashed left behind: every namespace and
 * link named {@code af<pid>...} whose pid is no longer a running process. {@link #close} removes
 * everything this network made, after ending the processes in its namespaces; a shutdown hook
 * does the same for a JVM that is stopped mid-test.
 *
 * <p>Needs root and a kernel with network namespaces, veth and bridges: without them the test is
 * skipped with a sentence, but under {@code CI=true} (where {@code .ci/run} runs as root) it fails.
 */
public final class Network implements AutoCloseable {

    /** The most hosts one network may have: each costs a namespace and a veth pair. */
    public static final int MAX_HOSTS = 12;
    /** How long one {@code ip} or {@code tc} command may take. */
    static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);

    private static final String PREFIX = "af";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)[a-z][a-z0-9]*$");
    private static final Pattern LINK = Pattern.compile("^\\d+: (" + PREFIX + "\\d+[a-z][a-z0-9]*)[@:]");
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Path HERE = Path.of("/");

    private final String tag;
    private final String subnet;
    private final String bridge;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final Thread onExit = new Thread(this::tearDown, "network teardown");
    private boolean closed;

    private Network(String tag, String subnet) {
        this.tag = tag;
        this.subnet = subnet;
        this.bridge = tag + "br";
    }

    /**
     * Makes a network of hosts named by {@code roles} (short lower-case words: "origin", "edge1",
     * "lb"), each with its own namespace and address. Skips the test when this machine cannot.
     */
    public static Network create(String... roles) {
        if (roles.length == 0 || roles.length > MAX_HOSTS) {
            throw new IllegalArgumentException("1.." + MAX_HOSTS + " hosts, not " + roles.length);
        }
        requireNamespaces();
        removeLeftovers();
        String tag = PREFIX + ProcessHandle.current().pid() + (char) ('a' + COUNT.getAndIncrement() % 26);
        Network network = new Network(tag, freeSubnet());
        Runtime.getRuntime().addShutdownHook(network.onExit);
        try {
            network.build(roles);
        } catch (AssertionError cannot) {
            // Root without the right to make them (a container without CAP_NET_ADMIN, say): no hosts here.
            network.close();
            unavailable("tests across hosts could not make their hosts: " + cannot.getMessage());
        } catch (RuntimeException | Error e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** The host made for {@code role}. */
    public Host host(String role) {
        Host h = hosts.get(role);
        if (h == null) {
            throw new IllegalArgumentException("no host " + role + " in " + hosts.keySet());
        }
        return h;
    }

    /** The address of the test's own side of the bridge (the machine the JVM runs in). */
    public String testAddress() {
        return subnet + ".1";
    }

    /** Remembers a process started in one of the hosts: {@link #close} ends it if it still runs. */
    void track(Process process) {
        synchronized (processes) {
            processes.add(process);
        }
    }

    /** Ends every process still running in the hosts, then removes the hosts, links and bridge. */
    @Override
    public void close() {
        tearDown();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private synchronized void tearDown() {
        if (closed) {
            return;
        }
        closed = true;
        List<Process> started;
        synchronized (processes) {
            started = new ArrayList<>(processes);
        }
        started.forEach(ProcessRun::stop);
        for (Host h : hosts.values()) {
            h.endEverything();
        }
        for (Host h : hosts.values()) {
            ip("netns", "del", h.namespace());
            // Its end in the namespace goes with the namespace, once no process holds it; this end now.
            if (ip("link", "show", h.outside()).ok()) {
                ip("link", "del", h.outside());
            }
        }
        ip("link", "del", bridge);
    }

    private void build(String[] roles) {
        ip("link", "add", bridge, "type", "bridge").check("make the bridge " + bridge);
        ip("addr", "add", testAddress() + "/24", "dev", bridge).check("address the bridge");
        ip("link", "set", bridge, "up").check("bring the bridge up");
        int n = 0;
        for (String role : roles) {
            if (!role.matches("[a-z][a-z0-9]{0,7}")) {
                throw new IllegalArgumentException("a host's role is 1..8 of a-z 0-9, starting with a letter: " + role);
            }
            if (hosts.containsKey(role)) {
                throw new IllegalArgumentException("two hosts " + role);
            }
            n++;
            String namespace = tag + role;
            String outside = tag + "v" + n;
            String inside = tag + "p" + n;
            String address = subnet + "." + (10 + n);
            ip("netns", "add", namespace).check("make the namespace " + namespace);
            Host host = new Host(this, role, namespace, address, outside);
            hosts.put(role, host);
            ip("link", "add", outside, "type", "veth", "peer", "name", inside).check("make the link of " + role);
            ip("link", "set", inside, "netns", namespace).check("move the link into " + namespace);
            ip("-n", namespace, "link", "set", inside, "name", Host.INTERFACE).check("name the link in " + namespace);
            ip("-n", namespace, "addr", "add", address + "/24", "dev", Host.INTERFACE).check("address " + role);
            ip("-n", namespace, "link", "set", Host.INTERFACE, "up").check("bring up " + role + "'s link");
            ip("-n", namespace, "link", "set", "lo", "up").check("bring up " + role + "'s loopback");
            ip("link", "set", outside, "master", bridge).check("attach " + role + " to the bridge");
            ip("link", "set", outside, "up").check("bring up the bridge's side of " + role);
        }
    }

    /** Root and a working {@code ip netns}, or a skip (a failure under CI) saying what is missing. */
    private static void requireNamespaces() {
        String missing = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            missing = "tests across hosts make network namespaces and need root (they run as root in .ci/run)";
        } else if (Tools.find("ip").isEmpty()) {
            missing = "tests across hosts need the ip command (apt-get install iproute2)";
        } else {
            Command probe = ip("netns", "list");
            if (!probe.ok()) {
                missing = "tests across hosts need network namespaces, but 'ip netns list' failed: " + probe.output();
            }
        }
        if (missing != null) {
            unavailable(missing);
        }
    }

    /** Skips the test with {@code sentence}, or fails it under {@code CI=true}, where it must run. */
    static void unavailable(String sentence) {
        if (Tools.underCi()) {
            throw new AssertionError(sentence + "; CI=true requires the tests across hosts to run");
        }
        Assumptions.abort(sentence);
    }

    /** Removes the namespaces and links of runs whose JVM is gone (crashed, killed). */
    private static void removeLeftovers() {
        for (String line : ip("netns", "list").output().split("\n")) {
            String name = line.split(" ")[0].trim();
            if (leftover(name)) {
                Host.endEverythingIn(name);
                ip("netns", "del", name);
            }
        }
        for (String line : ip("-o", "link", "show").output().split("\n")) {
            Matcher m = LINK.matcher(line);
            if (m.find() && leftover(m.group(1))) {
                ip("link", "del", m.group(1));
            }
        }
    }

    private static boolean leftover(String name) {
        Matcher m = OURS.matcher(name);
        if (!m.matches()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        return owner.isEmpty() || !owner.get().isAlive();
    }

    /** A /24 in 10.77.0.0/16 that no interface or route of this machine uses. */
    private static String freeSubnet() {
        String used = ip("-4", "route", "show", "table", "all").output() + ip("-4", "addr").output();
        int start = (int) (ProcessHandle.current().pid() % 200);
        for (int i = 0; i < 200; i++) {
            String candidate = "10.77." + (20 + (start + i) % 200);
            if (!used.contains(candidate + ".")) {
                return candidate;
            }
        }
        throw new AssertionError("no free /24 in 10.77.20.0-10.77.219.0 for the test's hosts: " + used);
    }

    static Command ip(String... args) {
        return Command.run(prepend("ip", args));
    }

    static List<String> prepend(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    /** One finished {@code ip}/{@code tc} command. */
    record Command(List<String> command, int exitCode, String output) {

        static Command run(List<String> command) {
            ProcessRun r = ProcessRun.run(COMMAND_LIMIT, HERE, command);
            return new Command(command, r.exitCode(), (r.stdout() + r.stderr()).strip());
        }

        boolean ok() {
            return exitCode == 0;
        }

        /** Fails with what the command said unless it succeeded. */
        Command check(String what) {
            if (!ok()) {
                throw new AssertionError("could not " + what + ": " + String.join(" ", command) + ": " + output);
            }
            return this;
        }
    }
}
