package org.asfcast.cli.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosts of {@link Network} themselves: they reach each other and the test, closing removes
 * them with everything still running in them, and what a crashed run left is removed by the next.
 */
class NetworkIT {

    @TempDir
    Path dir;

    @Test
    void hostsReachEachOtherAndClosingRemovesThemWithTheirProcesses() throws Exception {
        String namespace;
        Process sleeper;
        try (Network net = Network.create("one", "two")) {
            Host one = net.host("one");
            Host two = net.host("two");
            namespace = one.namespace();
            assertThat(one.address()).isNotEqualTo(two.address()).startsWith(net.testAddress().replaceAll("\\.1$", "."));
            for (String to : List.of(two.address(), net.testAddress())) {
                // bash's /dev/tcp: a connection refused (nothing listens on port 9) proves the route, as an answer would.
                var run = one.run(Duration.ofSeconds(10), dir, "bash", "-c", "exec 3<>/dev/tcp/" + to + "/9");
                assertThat(run.stderr()).as("a connection from one to %s", to).contains("Connection refused");
            }
            assertThat(Network.ip("netns", "list").output()).contains(namespace);
            // Started in the host but not through it: closing must end it anyway.
            sleeper = new ProcessBuilder(one.command(List.of("sleep", "600"))).start();
            assertThat(sleeper.isAlive()).isTrue();
        }
        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).as("the process left in a host ended with it").isTrue();
        assertThat(Network.ip("netns", "list").output()).doesNotContain(namespace);
        assertThat(Network.ip("-o", "link", "show").output()).doesNotContain(namespace.substring(0, namespace.length() - 3));
    }

    @Test
    void whatARunThatCrashedLeftIsRemovedByTheNext() throws Exception {
        // A pid above the kernel's largest is never a running process: a run that is gone.
        // (read line by line: this procfs file says it is empty, and a read by its size gets one byte)
        long gone = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).strip()) + 1;
        String namespace = "af" + gone + "zorigin";
        String bridge = "af" + gone + "zbr";
        try {
            Network.ip("netns", "add", namespace).check("make a leftover namespace");
            Network.ip("link", "add", bridge, "type", "bridge").check("make a leftover bridge");
        } catch (AssertionError cannot) {
            Network.unavailable("cannot make namespaces and links here: " + cannot.getMessage());
        }
        try (Network net = Network.create("one")) {
            assertThat(Network.ip("netns", "list").output()).doesNotContain(namespace).contains(net.host("one").namespace());
            assertThat(Network.ip("link", "show", bridge).ok()).as("the leftover bridge is there").isFalse();
        } finally {
            Network.ip("netns", "del", namespace);
            Network.ip("link", "del", bridge);
        }
    }
}
