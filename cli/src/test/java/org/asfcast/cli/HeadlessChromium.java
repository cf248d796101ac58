package org.asfcast.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.asfcast.asf.testing.Tools;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver by Selenium. Both are found on
 * the PATH and named to Selenium explicitly, so Selenium Manager never looks for (or downloads) a
 * browser or a driver of its own. Missing, they skip the test with a sentence, or fail it under
 * {@code CI=true}, where {@code .ci/run} installs them.
 */
final class HeadlessChromium implements AutoCloseable {

    final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A new browser with a window of {@code width} x {@code height} CSS pixels. */
    static HeadlessChromium start(int width, int height) {
        Path chromium = Tools.require("chromium", "chromium chromium-driver");
        Path chromedriver = Tools.require("chromedriver", "chromium-driver");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox will not start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--hide-scrollbars", "--force-device-scale-factor=1");
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    /** Waits up to {@code timeout} for {@code condition} to give something other than null or false. */
    <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(what).until(condition);
    }

    /** Runs {@code script} in the page and returns its value. */
    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** A PNG of the page's window, written to {@code file}. */
    Path screenshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
