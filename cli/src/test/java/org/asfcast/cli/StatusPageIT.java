package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The status page in a real browser (Debian's headless Chromium): {@code ./asfcast server CONFIG}
 * with {@code admin:}, real players on two points (FFmpeg over MS-WMSP and plain HTTP, curl with a
 * user agent that is HTML). The page asks for the token and takes no wrong one, shows each player
 * (address, user agent as text, protocol), its chart moves and a page opened late draws the
 * seconds before it at once, and the kick button ends that FFmpeg (the process exits) and its row.
 * The screenshot it takes is {@code cli/target/status-page.png} (the one in {@code docs/} was taken
 * so).
 */
@Tag("interop")
class StatusPageIT {

    private static final String TOKEN = "page-test-token-1";
    private static final Pattern ADMIN_URL = Pattern.compile("admin: (http://127\\.0\\.0\\.1:\\d+)");
    /** A user agent that is HTML: the page must show it as text, and run nothing. */
    private static final String HOSTILE_AGENT = "<img src=x onerror=\"document.title='pwned'\">curl";

    @TempDir
    Path dir;

    @Test
    void thePageShowsPlayersAChartThatMovesAndKicks() throws Exception {
        Tools.require("curl", "curl");
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, String.join("\n", "port: 0", "bind: 127.0.0.1",
                "admin: {port: 0, token: " + TOKEN + "}", "points:",
                "  - path: /tv", "    test-pattern: {size: 160x120, fps: 25}",
                "  - path: /radio", "    test-pattern: {size: 96x64, fps: 10}", ""));
        // The browser first: without one the test skips (or fails under CI) before a server starts.
        try (HeadlessChromium browser = HeadlessChromium.start(1100, 860);
             AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String admin = adminUrl(server);
            String streams = "127.0.0.1:" + port;
            PlainHttp.awaitServing("http://" + streams + "/tv", Duration.ofSeconds(30));
            PlainHttp.awaitServing("http://" + streams + "/radio", Duration.ofSeconds(30));

            Players.FfmpegPlay kicked = Players.ffmpeg(dir, "mmsh://" + streams + "/tv", 300);
            Players.FfmpegPlay other = Players.ffmpeg(dir, "http://" + streams + "/radio", 300);
            Process curl = new ProcessBuilder("curl", "-s", "-A", HOSTILE_AGENT, "-o", "/dev/null",
                    "http://" + streams + "/tv").redirectErrorStream(true).start();
            try {
                kicked.awaitDecoding(Duration.ofSeconds(30));
                other.awaitDecoding(Duration.ofSeconds(30));

                // Without a token the page shows nothing but the question; a wrong one is refused.
                browser.driver.get(admin + "/");
                WebElement field = browser.await(Duration.ofSeconds(10), "the token field",
                        d -> d.findElement(By.id("token")).isDisplayed() ? d.findElement(By.id("token")) : null);
                assertThat(browser.driver.findElements(By.cssSelector("section.point"))).as("points without a token").isEmpty();
                field.sendKeys("wrong-token");
                browser.driver.findElement(By.cssSelector("#login button")).click();
                browser.await(Duration.ofSeconds(10), "the wrong token refused",
                        d -> d.findElement(By.id("login-problem")).getText().contains("did not take"));
                assertThat(browser.driver.findElements(By.cssSelector("section.point"))).as("points with a wrong token").isEmpty();

                // ?token= is taken once, kept in sessionStorage and taken out of the address.
                browser.driver.get(admin + "/?token=" + TOKEN);
                WebElement tv = browser.await(Duration.ofSeconds(15), "the /tv section",
                        d -> d.findElement(By.cssSelector("section.point[data-path='/tv']")));
                assertThat(browser.driver.getCurrentUrl()).doesNotContain(TOKEN);
                assertThat(browser.script("return sessionStorage.getItem('asfcast.adminToken')")).isEqualTo(TOKEN);
                browser.await(Duration.ofSeconds(15), "the /radio section",
                        d -> d.findElement(By.cssSelector("section.point[data-path='/radio']")));

                WebElement ffmpegRow = browser.await(Duration.ofSeconds(15), "FFmpeg's row on /tv",
                        d -> row(tv, "mmsh"));
                assertThat(cell(ffmpegRow, "address")).isEqualTo("127.0.0.1");
                assertThat(cell(ffmpegRow, "user-agent")).as("FFmpeg's mmsh user agent").startsWith("NSPlayer/");
                WebElement curlRow = browser.await(Duration.ofSeconds(15), "curl's row on /tv", d -> row(tv, "http"));
                assertThat(cell(curlRow, "user-agent")).as("HTML in a user agent, shown as text").isEqualTo(HOSTILE_AGENT);
                assertThat(curlRow.findElements(By.tagName("img"))).as("no element made of it").isEmpty();
                assertThat(browser.driver.getTitle()).isEqualTo("asfcast status");
                WebElement radio = browser.driver.findElement(By.cssSelector("section.point[data-path='/radio']"));
                browser.await(Duration.ofSeconds(15), "FFmpeg's row on /radio", d -> row(radio, "http"));

                // The chart moves: more samples, other pixels, a rate above zero.
                WebElement chart = tv.findElement(By.cssSelector("canvas.chart"));
                browser.await(Duration.ofSeconds(15), "a sample with bytes in it",
                        d -> number(chart, "data-newest") > 0);
                long samplesBefore = number(chart, "data-samples");
                Object pixelsBefore = browser.script("return arguments[0].toDataURL()", chart);
                browser.await(Duration.ofSeconds(10), "two samples more",
                        d -> number(chart, "data-samples") >= samplesBefore + 2);
                assertThat(browser.script("return arguments[0].toDataURL()", chart)).as("the chart's pixels")
                        .isNotEqualTo(pixelsBefore);
                browser.screenshot(Path.of("target", "status-page.png"));

                // A page opened late draws the seconds before it at once, from the history.
                long drawn = number(chart, "data-samples");
                browser.driver.navigate().refresh();
                WebElement again = browser.await(Duration.ofSeconds(10), "the chart after a reload",
                        d -> d.findElement(By.cssSelector("section.point[data-path='/tv'] canvas.chart")));
                browser.await(Duration.ofSeconds(3), "the history drawn at once",
                        d -> number(again, "data-samples") >= drawn);

                // Kick: that FFmpeg ends within seconds, and its row goes.
                WebElement tvAgain = browser.driver.findElement(By.cssSelector("section.point[data-path='/tv']"));
                WebElement target = browser.await(Duration.ofSeconds(10), "FFmpeg's row again", d -> row(tvAgain, "mmsh"));
                String id = target.getDomAttribute("data-client-id");
                target.findElement(By.cssSelector("button.kick")).click();
                assertThat(kicked.awaitExit(Duration.ofSeconds(10))).as("the kicked FFmpeg has exited").isTrue();
                browser.await(Duration.ofSeconds(10), "the kicked player's row gone",
                        d -> tvAgain.findElements(By.cssSelector("tr[data-client-id='" + id + "']")).isEmpty());
                assertThat(row(tvAgain, "http")).as("curl, not kicked, still listed").isNotNull();
                assertThat(curl.isAlive()).as("curl still playing").isTrue();
                assertThat(other.awaitExit(Duration.ZERO)).as("the other FFmpeg still playing").isFalse();
            } finally {
                curl.destroy();
                curl.waitFor(5, TimeUnit.SECONDS);
            }
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void theApiNeedsTheTokenButThePageItselfDoesNot() throws Exception {
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, String.join("\n", "port: 0", "bind: 127.0.0.1",
                "admin: {port: 0, token: " + TOKEN + "}", "points:",
                "  - path: /tv", "    test-pattern: {size: 96x64, fps: 10}", ""));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String admin = adminUrl(server);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(admin + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    p -> assertThat(p).contains("frame-ancestors 'none'").contains("script-src 'self'"));
            assertThat(page.body()).contains("status-page.js").doesNotContain("/tv");
            for (String api : List.of("/api/v1/history", "/api/v1/events")) {
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(admin + api)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(api + " without the token").isEqualTo(401);
            }
            HttpResponse<String> history = http.send(HttpRequest.newBuilder(URI.create(admin + "/api/v1/history"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(history.body()).contains("\"path\":\"/tv\"").contains("\"bitsPerSecond\":[");
            // The event stream: its head at once, then a status event and a sample event each second.
            HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(admin + "/api/v1/events"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(events.body(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                int statusEvents = 0;
                long started = System.nanoTime();
                for (String line; statusEvents < 3 && (line = lines.readLine()) != null; ) {
                    if (line.equals("event: status")) {
                        statusEvents++;
                        assertThat(lines.readLine()).startsWith("id: ");
                        assertThat(lines.readLine()).startsWith("data: {").contains("\"path\":\"/tv\"");
                    }
                }
                assertThat(statusEvents).isEqualTo(3);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("three status events: one at once, then one a second (not a flood)")
                        .isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
            }
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void aListenerWithoutACredentialOpensThePageWithoutAsking() throws Exception {
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, String.join("\n", "port: 0", "bind: 127.0.0.1", "admin: {port: 0}", "points:",
                "  - path: /tv", "    test-pattern: {size: 96x64, fps: 10}", ""));
        try (HeadlessChromium browser = HeadlessChromium.start(1000, 700);
             AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            browser.driver.get(adminUrl(server) + "/");
            browser.await(Duration.ofSeconds(15), "the /tv section", d -> d.findElement(By.cssSelector("section.point[data-path='/tv']")));
            assertThat(browser.driver.findElement(By.id("login")).isDisplayed()).as("the token field").isFalse();
            assertThat(browser.driver.findElement(By.id("forget")).isDisplayed()).as("no token to forget").isFalse();
            assertThat(server.terminate()).isZero();
        }
    }

    /** A number the page wrote into an attribute of {@code element}; 0 before it wrote one. */
    private static long number(WebElement element, String attribute) {
        String value = element.getDomAttribute(attribute);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    /** The row of {@code section}'s player table with this protocol, or null. */
    private static WebElement row(WebElement section, String protocol) {
        for (WebElement row : section.findElements(By.cssSelector("tbody tr"))) {
            if (cell(row, "protocol").equals(protocol)) {
                return row;
            }
        }
        return null;
    }

    private static String cell(WebElement row, String name) {
        return row.findElement(By.cssSelector("td." + name)).getText();
    }

    /** The admin listener's address, from the banner. */
    private static String adminUrl(AsfcastProcess server) throws InterruptedException {
        Matcher m = ADMIN_URL.matcher(server.awaitLine("admin: ", Duration.ofSeconds(10)));
        if (!m.find()) {
            throw new AssertionError("no admin URL in the banner: " + server.stdout());
        }
        return m.group(1);
    }
}
