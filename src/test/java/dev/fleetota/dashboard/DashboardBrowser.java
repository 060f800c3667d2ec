package dev.fleetota.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, pointed at the dashboard of a running test server. Each
 * instance has a fresh profile (no cookies), removed on close.
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private static final String MARKER = "window.__fleetotaSamePage";

    private final String base;

    private final Path profile;

    private final ChromeDriver driver;

    DashboardBrowser(int port) {
        this.base = "http://127.0.0.1:" + port;
        try {
            this.profile = Files.createTempDirectory("fleetota-chromium");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1360,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        this.driver = new ChromeDriver(service, options);
    }

    void open(String path) {
        driver.get(base + path);
    }

    void signIn(String secret) {
        open("/ui/login");
        driver.findElement(By.id("token")).sendKeys(secret);
        driver.findElement(By.id("sign-in")).click();
        waitFor(By.id("sign-out"));
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    WebElement waitFor(By locator) {
        return waitFor(locator, Duration.ofSeconds(15));
    }

    WebElement waitFor(By locator, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void waitForText(By locator, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(200))
            .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void waitUntilGone(By locator, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    String text(By locator) {
        return driver.findElement(locator).getText();
    }

    List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    /** Clicks a button that asks for confirmation first, and agrees. */
    void clickAndConfirm(By button) {
        driver.findElement(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    void click(By button) {
        driver.findElement(button).click();
    }

    /** Marks the loaded document; {@link #isSamePage()} stays true until the browser loads another page. */
    void markPage() {
        driver.executeScript(MARKER + " = true;");
    }

    boolean isSamePage() {
        return Boolean.TRUE.equals(driver.executeScript("return " + MARKER + " === true;"));
    }

    /**
     * POSTs a form from inside the signed-in page (same origin, with the session cookie), as a forged request would:
     * with the page's CSRF token when {@code withCsrf}, else without. Returns the HTTP status.
     */
    long postFromPage(String path, boolean withCsrf) {
        String script = """
                const done = arguments[arguments.length - 1];
                const input = document.querySelector('input[name=_csrf]');
                const body = new URLSearchParams();
                if (arguments[1] && input) { body.append('_csrf', input.value); }
                fetch(arguments[0], {method: 'POST', body: body, redirect: 'manual'})
                    .then(r => done(r.status), e => done(-1));
                """;
        return (Long) ((JavascriptExecutor) driver).executeAsyncScript(script, path, withCsrf);
    }

    Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /** A full-page PNG under {@code screenshots.dir} (default target/screenshots). */
    void screenshot(String name) {
        Dimension size = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(size.getWidth(), Math.min(height.intValue() + 140, 4000)));
        try {
            Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
            Files.createDirectories(dir);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finally {
            driver.manage().window().setSize(size);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException ex) {
            // a leftover temporary profile does no harm
        }
    }

}
