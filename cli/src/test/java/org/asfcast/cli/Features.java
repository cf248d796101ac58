package org.asfcast.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The features of issue 14 that tests across hosts need and that are built on other branches:
 * each test that needs one calls {@link #require}, which asks this build itself whether it has it
 * (does {@code asfcast check} know the setting, does {@code asfcast serve} have the option). So the
 * test runs by itself once the branch is merged, and until then is skipped with a sentence saying
 * which; it never passes without running.
 */
enum Features {

    /** A point whose source is another server's stream: {@code {path: /live, relay: mmsh://origin:port/live}}. */
    RELAY("relay", "relay", "\"mmsh://127.0.0.1:8080/live\""),
    /** A point that an encoder pushes to: {@code {path: /live, push: {token: T}}}, PUT or MS-WMHTTP push. */
    PUSH("push", "push", "{token: across-hosts-check-token}"),
    /** {@code asfcast serve ... --push URL}: the push sink. */
    PUSH_SINK("pushsink", null, null);

    private final String branch;
    /** The point's setting that this build must know, or null for the serve option. */
    private final String setting;
    private final String value;

    Features(String branch, String setting, String value) {
        this.branch = branch;
        this.setting = setting;
        this.value = value;
    }

    /** Skips the test unless this build has every one of {@code needed}. */
    static void require(Features... needed) throws IOException {
        for (Features f : needed) {
            String missing = f.missing();
            if (missing != null) {
                Assumptions.abort(missing + ": the branch " + f.branch + " is not merged yet; this test runs once it is");
            }
        }
    }

    /** Why this build lacks the feature, or null when it has it. */
    private String missing() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        if (setting == null) {
            Asfcast.run(new String[] {"serve", "--help"}, new PrintWriter(out, true), new PrintWriter(err, true));
            return out.toString().contains("--push") ? null : "asfcast serve has no --push option";
        }
        Path dir = Files.createTempDirectory("asfcast-features");
        try {
            Path config = Files.writeString(dir.resolve("check.yml"),
                    "port: 8080\npoints:\n  - {path: /live, " + setting + ": " + value + "}\n");
            Asfcast.run(new String[] {"check", config.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
            // Only this answer means the build lacks it; any other problem is the test's to find.
            String unknown = "points[0]." + setting + ": is not a setting";
            return err.toString().contains(unknown) ? "this asfcast has no point setting " + setting + ": (asfcast check: "
                    + unknown + " here)" : null;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
