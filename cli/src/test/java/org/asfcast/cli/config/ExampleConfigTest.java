package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped asfcast.example.yml validates, copied into a folder where its one media file exists. */
class ExampleConfigTest {

    @Test
    void theShippedExampleValidates(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(Path.of("..", "asfcast.example.yml"), dir.resolve("asfcast.example.yml"));
        Files.write(dir.resolve("radio.wma"), new byte[] {1}); // validation checks it exists, not its content
        Files.write(dir.resolve("movie.mp4"), new byte[] {1});
        Files.createDirectory(dir.resolve("media"));
        ServerConfig c = ConfigFile.read(copy);
        assertThat(c.points()).extracting(PointConfig::path).containsExactly("/radio", "/tv", "/movies", "/archive", "/");
        assertThat(c.points().get(0).source()).isEqualTo(new FileSource(dir.resolve("radio.wma"), true));
        // Every transcode setting is written out, each at its default.
        assertThat(c.points().get(2).source()).isEqualTo(new TranscodeSource(
                org.asfcast.writer.source.TranscodeInput.ofFile(dir.resolve("movie.mp4"), false),
                org.asfcast.writer.source.TranscodeSettings.DEFAULTS, CommandSource.DEFAULT_RESTART_GRACE));
        assertThat(c.points().get(3).source()).isEqualTo(new OnDemandFolder(dir.resolve("media").toAbsolutePath()));
        assertThat(c.points().get(3).settings()).as("an on-demand point's settings, each at its default")
                .isEqualTo(PointSettings.DEFAULTS);
        assertThat(c.points().get(4).source()).isEqualTo(TestPatternSource.DEFAULTS);
        assertThat(c.limits()).isEqualTo(ServerLimits.DEFAULTS);
        assertThat(c.admin()).as("the admin section is commented out").isEmpty();
    }

    @Test
    void theExamplesAdminSectionValidatesOnceUncommented(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        boolean inAdmin = false;
        for (String line : Files.readAllLines(Path.of("..", "asfcast.example.yml"))) {
            inAdmin = line.startsWith("# admin:") || inAdmin && line.startsWith("#  ");
            text.append(inAdmin ? line.substring(2) : line).append('\n');
        }
        Files.write(dir.resolve("radio.wma"), new byte[] {1});
        Files.write(dir.resolve("movie.mp4"), new byte[] {1});
        Files.createDirectory(dir.resolve("media"));
        AdminConfig admin = ConfigFile.parse(text.toString(), dir.resolve("asfcast.yml")).admin().orElseThrow();
        assertThat(admin.port()).isEqualTo(8081);
        assertThat(admin.bind()).isEqualTo(java.net.InetAddress.getByName("127.0.0.1"));
        assertThat(admin.token()).contains("CHANGE-ME");
        assertThat(admin.user()).contains("ops");
        assertThat(admin.password()).contains("CHANGE-ME-TOO");
    }
}
