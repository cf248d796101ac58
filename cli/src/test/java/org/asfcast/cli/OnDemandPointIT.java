package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.AsfGuids;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.client.MmshClient;
import org.asfcast.client.StreamDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./asfcast server CONFIG} with a broadcast point beside on-demand points ({@code on-demand:
 * FOLDER}) over files FFmpeg makes in the test: FFmpeg plays a file to its end over MS-WMSP (every
 * frame as a local decode has it) and seeks over plain HTTP; Range requests get exactly their
 * bytes; nothing outside the folder is served; the listing and a metafile answer; with
 * {@code bitrate-objects} a multiple-bit-rate file's header has both objects and MPlayer's
 * {@code -bandwidth} asks for the low stream, without it the header is the file's own (and MPlayer
 * asks for the first). A reload keeps
 * an on-demand player through new settings and other points coming and going; a new folder ends it.
 * (Not {@link OnDemandIT}: that one is about broadcasts with {@code start: on-demand}.)
 */
@Tag("interop")
class OnDemandPointIT {

    private static final Duration RUN = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void anOnDemandPointBesideABroadcastServesItsFolder() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path movie = Ffmpeg.make(media.resolve("a.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440", "-t", "40", "-c:v", "wmv2", "-b:v", "300k", "-g", "50",
                "-c:a", "wmav2", "-b:a", "64k", "-metadata", "title=Forty seconds", "-f", "asf");
        Path mbr = Ffmpeg.multipleBitRate(Files.createDirectories(media.resolve("sub")).resolve("mbr.wmv"), 12);
        Files.writeString(media.resolve("notes.wmv"), "not a Windows Media file");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(media.resolve("link-out"), outside);
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, String.join("\n", "port: 0", "bind: 127.0.0.1", "points:",
                "  - path: /tv",
                "    test-pattern: {size: 160x120, fps: 25}",
                "  - path: /archive",
                "    on-demand: media",
                "  - path: /mbr",
                "    on-demand: media/sub",
                "    bitrate-objects: true",
                "  - path: /live",
                "    file: media/sub/mbr.wmv",
                "    loop: true",
                "    bitrate-objects: true", ""));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            assertThat(server.stdout()).anyMatch(l -> l.contains("/archive  on-demand " + media.toAbsolutePath())
                    && l.contains("mmsh://127.0.0.1:" + port + "/archive/FILE"));
            String base = "127.0.0.1:" + port;
            // The whole file over MS-WMSP, paced after its fast start: it runs while the rest is checked.
            CompletableFuture<List<String>> served = CompletableFuture.supplyAsync(() -> frames("mmsh://" + base + "/archive/a.wmv"));

            // Plain HTTP seeks by Range: the picture at 30 s is the one a local seek finds.
            List<String> seekLocal = frames(movie.toString(), "-ss", "30");
            List<String> seekServed = frames("http://" + base + "/archive/a.wmv", "-ss", "30");
            assertThat(seekServed).as("FFmpeg -ss 30 over plain HTTP").isNotEmpty().isEqualTo(seekLocal);

            byte[] whole = Files.readAllBytes(movie);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (String range : List.of("bytes=100-199", "bytes=-500", "bytes=" + (whole.length - 10) + "-")) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/archive/a.wmv"))
                        .header("Range", range).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as(range).isEqualTo(206);
                long[] asked = asked(range, whole.length);
                assertThat(r.body()).as(range).isEqualTo(Arrays.copyOfRange(whole, (int) asked[0], (int) asked[1]));
            }
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/archive/a.wmv"))
                    .header("Range", "bytes=99999999-").build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as("a range past the end").isEqualTo(416);

            for (String traversal : List.of("/archive/../asfcast.yml", "/archive/%2e%2e/outside/secret.txt",
                    "/archive/link-out/secret.txt", "/archive/%2e%2e%2foutside%2fsecret.txt", "/archive//etc/passwd",
                    "/archive/%2fetc%2fpasswd", "/archive/" + outside.resolve("secret.txt"))) {
                assertThat(PlainHttp.get("http://" + base + traversal).status()).as("plain GET " + traversal).isEqualTo(404);
                assertThat(PlainHttp.describe("http://" + base + traversal).status()).as("Describe " + traversal).isEqualTo(404);
            }
            assertThat(PlainHttp.describe("http://" + base + "/archive/notes.wmv").status()).as("not ASF").isEqualTo(415);
            String page = PlainHttp.fetch("http://" + base + "/archive/");
            assertThat(page).contains("a.wmv").contains("Forty seconds").contains("a.wmv.asx").contains("sub/")
                    .doesNotContain("link-out");
            assertThat(PlainHttp.fetch("http://" + base + "/archive/sub/")).contains("mbr.wmv");
            assertThat(PlainHttp.fetch("http://" + base + "/archive/a.wmv.asx")).startsWith("<ASX version=\"3.0\">")
                    .contains("HREF=\"http://" + base + "/archive/a.wmv\"");
            PlainHttp.awaitServing("http://" + base + "/tv", Duration.ofSeconds(30));

            // The same MBR file, without and with bitrate-objects.
            MmshClient client = MmshClient.create();
            StreamDescription plain = client.describe(URI.create("mmsh://" + base + "/archive/sub/mbr.wmv"));
            byte[] file = Files.readAllBytes(mbr);
            assertThat(plain.headerBytes()).as("the header without bitrate-objects is the file's own")
                    .isEqualTo(Arrays.copyOf(file, plain.headerBytes().length));
            assertThat(plain.header().streamBitrates()).isEmpty();
            AsfHeader described = client.describe(URI.create("mmsh://" + base + "/mbr/mbr.wmv")).header();
            assertThat(described.streamBitrates()).as("Stream Bitrate Properties").isPresent();
            assertThat(described.objects()).as("Bitrate Mutual Exclusion")
                    .anyMatch(o -> o.guid().equals(AsfGuids.BITRATE_MUTUAL_EXCLUSION));
            // MPlayer chooses by those rates: under -bandwidth 300000 it asks for the low video stream
            // (2) and the audio; without the objects every rate reads 0 and it takes the first video stream.
            String onDemand = mplayer(base + "/mbr/mbr.wmv");
            assertThat(selection(onDemand)).as("MPlayer -bandwidth with bitrate-objects").isEqualTo("ffff:3:0 ffff:2:0");
            // The on-demand session sends the selected streams alone: MPlayer shows the low pictures.
            assertThat(onDemand).as("MPlayer's picture on demand").contains("160x120").doesNotContain("320x240");
            assertThat(selection(mplayer(base + "/archive/sub/mbr.wmv"))).as("MPlayer -bandwidth without")
                    .isEqualTo("ffff:3:0 ffff:1:0");
            // A broadcast of the file with bitrate-objects: the same choice, and the point sends that stream alone.
            String live = mplayer(base + "/live");
            assertThat(selection(live)).as("MPlayer -bandwidth on the broadcast").isEqualTo("ffff:3:0 ffff:2:0");
            assertThat(live).as("MPlayer's picture on the broadcast").contains("160x120").doesNotContain("320x240");
            assertThat(client.describe(URI.create("mmsh://" + base + "/live")).header().streamBitrates())
                    .as("the broadcast's Stream Bitrate Properties").isPresent();

            List<String> local = frames(movie.toString());
            assertThat(local.stream().filter(l -> l.startsWith("0,"))).as("pictures of the local decode").hasSize(40 * 25);
            assertThat(served.get(RUN.toSeconds(), TimeUnit.SECONDS)).as("FFmpeg over mmsh to the end").isEqualTo(local);
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void aReloadKeepsAnOnDemandPlayerUnlessItsFolderChanges() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path movie = Ffmpeg.make(media.resolve("a.wmv"), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "16",
                "-c:v", "wmv2", "-g", "25", "-f", "asf");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.copy(movie, other.resolve("b.wmv"));
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, config("    max-players: 1", "  - {path: /gone, on-demand: other}"));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String url = "mmsh://127.0.0.1:" + port + "/archive/a.wmv";
            Players.FfmpegPlay kept = Players.ffmpeg(dir, url, 60);
            kept.awaitDecoding(Duration.ofSeconds(30));
            assertThat(PlainHttp.get("http://127.0.0.1:" + port + "/gone/").status()).isEqualTo(200);

            Files.writeString(config, config("    max-players: 3", "  - {path: /new, on-demand: other}"));
            server.signal("HUP");
            server.awaitLine("reload: /new added", Duration.ofSeconds(20));
            assertThat(server.stdout()).anyMatch(l -> l.contains("reload: /archive settings applied; 1 player kept"))
                    .anyMatch(l -> l.contains("reload: /gone removed"));
            assertThat(PlainHttp.get("http://127.0.0.1:" + port + "/gone/").status()).as("the removed point").isEqualTo(404);
            assertThat(PlainHttp.fetch("http://127.0.0.1:" + port + "/new/")).as("the added point").contains("b.wmv");
            // The new limit applies: a second player is admitted beside the first.
            assertThat(frames(url, "-t", "2")).as("a second player, admitted under max-players: 3").hasSizeGreaterThan(40);
            List<String> local = frames(movie.toString());
            assertThat(lines(kept)).as("the kept player's whole file").isEqualTo(local);

            Players.FfmpegPlay ended = Players.ffmpeg(dir, url, 60);
            ended.awaitDecoding(Duration.ofSeconds(30));
            Files.writeString(config, config("    max-players: 3", "  - {path: /new, on-demand: other}")
                    .replace("on-demand: media", "on-demand: other"));
            server.signal("HUP");
            server.awaitLine("reload: /archive replaced (1 player got the end of the stream)", Duration.ofSeconds(20));
            assertThat(lines(ended).size()).as("frames before the folder changed").isLessThan(local.size() - 50);
            assertThat(PlainHttp.fetch("http://127.0.0.1:" + port + "/archive/")).as("the new folder").contains("b.wmv");
            assertThat(server.terminate()).isZero();
        }
    }

    private static String config(String archiveSetting, String otherPoint) {
        return String.join("\n", "port: 0", "bind: 127.0.0.1", "points:", "  - path: /tv",
                "    test-pattern: {size: 160x120, fps: 25}", "  - path: /archive", "    on-demand: media", archiveSetting,
                otherPoint, "");
    }

    private static List<String> lines(Players.FfmpegPlay play) throws Exception {
        return play.frameLines();
    }

    /** FFmpeg's framemd5 lines (every stream, comments left out) for {@code input}, with options before it. */
    private static List<String> frames(String input, String... before) {
        List<String> command = new ArrayList<>(List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error"));
        command.addAll(List.of(before));
        command.addAll(List.of("-i", input, "-map", "0", "-f", "framemd5", "-"));
        ProcessRun run = ProcessRun.run(RUN, Path.of("."), command);
        assertThat(run.exitCode()).as("ffmpeg %s: %s", input, run.stderr()).isZero();
        return run.stdout().lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** What MPlayer prints playing {@code mmsh://where} with {@code -bandwidth 300000}, its requests included. */
    private String mplayer(String where) {
        ProcessRun run = ProcessRun.run(RUN, dir, List.of(Tools.mplayer().toString(), "-quiet", "-nolirc", "-noconsolecontrols",
                "-msglevel", "network=7", "-bandwidth", "300000", "-vo", "null", "-ao", "null", "-frames", "25",
                "mmsh://" + where));
        assertThat(run.exitCode()).as("MPlayer's exit; %s", run.stderr()).isZero();
        return run.stdout();
    }

    /** The streams MPlayer selected in its Play request. */
    private static String selection(String mplayerLog) {
        return mplayerLog.lines().filter(l -> l.startsWith("Pragma: stream-switch-entry=")).findFirst()
                .map(l -> l.substring("Pragma: stream-switch-entry=".length()).trim())
                .orElseThrow(() -> new AssertionError("MPlayer selected no streams: " + mplayerLog));
    }

    /** The first and the end (exclusive) byte a Range asks for, in a file of {@code size} bytes. */
    private static long[] asked(String range, long size) {
        String spec = range.substring("bytes=".length());
        int dash = spec.indexOf('-');
        if (dash == 0) {
            return new long[] {size - Long.parseLong(spec.substring(1)), size};
        }
        long first = Long.parseLong(spec.substring(0, dash));
        return new long[] {first, dash == spec.length() - 1 ? size : Long.parseLong(spec.substring(dash + 1)) + 1};
    }
}
