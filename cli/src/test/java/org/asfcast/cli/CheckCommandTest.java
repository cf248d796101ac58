package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asfcast check CONFIG} through picocli: output and exit status. */
class CheckCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String... args) {
        return Asfcast.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aGoodFileListsItsPoints(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("radio.wma"), new byte[] {1});
        Path config = Files.writeString(dir.resolve("asfcast.yml"), String.join("\n", "port: 8080", "points:",
                "  - {path: /radio, file: radio.wma, loop: true}", "  - {path: /tv, command: \"/usr/bin/ffmpeg -f asf -\"}",
                "  - {path: /, test-pattern: {}}", "  - {path: /live, stdin: true}", ""));
        assertThat(check("check", config.toString())).isZero();
        assertThat(out.toString()).isEqualTo(config + ": OK, 4 points: /radio (file radio.wma, loop), /tv (command ffmpeg), "
                + "/ (test pattern 320x240 at 25 fps), /live (standard input)" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBadFilePrintsEveryProblemAndExitsOne(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("asfcast.yml"), "port: 99999\npoints:\n  - path: radio\n    stdin: true\n");
        assertThat(check("check", config.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(config + ":1:7: port: must be 0..65535, not 99999" + System.lineSeparator()
                + config + ":3:11: points[0].path: must start with '/', such as /radio" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(check("check", dir.resolve("none.yml").toString())).isEqualTo(1);
        assertThat(err.toString()).endsWith(dir.resolve("none.yml") + ": no such file" + System.lineSeparator());
    }

    @Test
    void noFileIsBadUsage() {
        assertThat(check("check")).isEqualTo(2);
        assertThat(err.toString()).contains("CONFIG").contains("see 'asfcast check --help'");
    }
}
