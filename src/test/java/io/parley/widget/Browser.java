package io.parley.widget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's /usr/bin/chromium through /usr/bin/chromedriver; nothing is downloaded) on a
 * fresh profile, with helpers to reach into the widget's Shadow DOM (and into plain pages such as the agent console)
 * and to save a screenshot per step. Test classes that use it are annotated {@link BrowserTest}.
 */
public final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path CHROMIUM = Path.of(System.getProperty("parley.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("parley.test.chromedriver", "/usr/bin/chromedriver"));

    public final ChromeDriver driver;
    private final Path profile;
    private final String name;
    private int step;

    private Browser(String name) {
        this.name = name;
        try {
            this.profile = Files.createTempDirectory("parley-chromium-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-search-engine-choice-screen", "--window-size=1280,860", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    public static Browser start(String name) {
        return new Browser(name);
    }

    /** Runs {@code source} in every page before the page's own scripts (CDP Page.addScriptToEvaluateOnNewDocument). */
    public Browser beforeEveryPage(String source) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
        return this;
    }

    public Browser open(String url) {
        driver.get(url);
        root();
        return this;
    }

    public void reload() {
        driver.navigate().refresh();
        root();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The widget's shadow root, once the widget has mounted. */
    public SearchContext root() {
        return waitFor(d -> d.findElement(By.cssSelector("#parley-widget")).getShadowRoot(), Duration.ofSeconds(20));
    }

    public WebElement find(String css) {
        return waitFor(d -> {
            WebElement element = root().findElement(By.cssSelector(css));
            return element.isDisplayed() ? element : null;
        });
    }

    /** Clicks the element, finding it again if the widget redrew it in between. */
    public void click(String css) {
        waitFor(d -> {
            find(css).click();
            return true;
        });
    }

    public List<WebElement> all(String css) {
        return root().findElements(By.cssSelector(css));
    }

    /** Texts of the elements matching {@code css} inside the widget, read in one go (no stale elements). */
    @SuppressWarnings("unchecked")
    public List<String> texts(String css) {
        return (List<String>) js("return [...document.querySelector('#parley-widget').shadowRoot.querySelectorAll(arguments[0])]"
                + ".map(e => e.textContent)", css);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public <T> T waitFor(Function<ChromeDriver, T> condition) {
        return waitFor(condition, Duration.ofSeconds(20));
    }

    public <T> T waitFor(Function<ChromeDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> {
                    T value = condition.apply((ChromeDriver) d);
                    return value instanceof Boolean b && !b ? null : value;
                });
    }

    /** Opens a plain page (no widget to wait for), e.g. the agent console. */
    public Browser visit(String url) {
        driver.get(url);
        return this;
    }

    /** A visible element of the page itself (outside any Shadow DOM). */
    public WebElement onPage(String css) {
        return waitFor(d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            return element.isDisplayed() ? element : null;
        });
    }

    /** Clicks a page element, finding it again if the page redrew it in between. */
    public void clickOnPage(String css) {
        waitFor(d -> {
            onPage(css).click();
            return true;
        });
    }

    /** Texts of the page's elements matching {@code css}, read in one go. */
    @SuppressWarnings("unchecked")
    public List<String> pageTexts(String css) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", css);
    }

    /** Saves target/screenshots/{test}-{nn}-{step}.png. */
    public void screenshot(String what) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve("%s-%02d-%s.png".formatted(name, ++step, what)), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        }
        finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }
}
