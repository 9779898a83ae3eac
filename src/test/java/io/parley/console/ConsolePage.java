package io.parley.console;

import java.time.Duration;
import java.util.List;

import io.parley.widget.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent console in a real browser: sign in, pick tabs and conversations, act, read what it shows. */
final class ConsolePage implements AutoCloseable {

    /** Collects uncaught script errors of every page, so a test can assert the console ran cleanly. */
    static final String ERROR_TRAP = """
            window.__errors = [];
            window.addEventListener('error', e => window.__errors.push(String(e.message)));
            window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason && e.reason.message || e.reason)));
            """;

    final Browser browser;
    private final String base;

    private ConsolePage(Browser browser, String base) {
        this.browser = browser;
        this.base = base;
    }

    static ConsolePage open(String name, int port) {
        return open(name, port, "");
    }

    /** Opens the console in a fresh browser, with {@code script} run before every page's own scripts. */
    static ConsolePage open(String name, int port, String script) {
        Browser browser = Browser.start(name).beforeEveryPage(ERROR_TRAP + script);
        ConsolePage page = new ConsolePage(browser, "http://localhost:" + port);
        browser.visit(page.base + "/console");
        return page;
    }

    ConsolePage signIn(String email, String password) {
        WebElement emailInput = browser.onPage("#login-email");
        emailInput.clear();
        emailInput.sendKeys(email);
        WebElement passwordInput = browser.onPage("#login-password");
        passwordInput.clear();
        passwordInput.sendKeys(password);
        browser.clickOnPage(".login-card button[type=submit]");
        return this;
    }

    ConsolePage signedIn() {
        browser.onPage(".topbar");
        waitLive();
        return this;
    }

    void waitLive() {
        browser.waitFor(d -> "online".equals(browser.onPage(".connection").getAttribute("data-state")), Duration.ofSeconds(40));
    }

    void tab(String tab) {
        browser.clickOnPage("#tab-" + tab);
        browser.waitFor(d -> "true".equals(browser.onPage("#tab-" + tab).getAttribute("aria-selected")));
    }

    /** The inbox row of a conversation, once it is listed in the current tab. */
    WebElement row(String conversationId) {
        return browser.waitFor(d -> browser.onPage(".inbox-item[data-id='" + conversationId + "'] .row"), Duration.ofSeconds(40));
    }

    void waitGone(String conversationId) {
        browser.waitFor(d -> d.findElements(By.cssSelector(".inbox-item[data-id='" + conversationId + "']")).isEmpty(),
                Duration.ofSeconds(40));
    }

    void openConversation(String conversationId) {
        browser.waitFor(d -> {
            row(conversationId).click();
            return true;
        }, Duration.ofSeconds(40));
        browser.waitFor(d -> "true".equals(browser.onPage(".conv").getAttribute("data-loaded"))
                && conversationId.equals(browser.js("return JSON.parse(sessionStorage.getItem('parley:console:ui')).current")), Duration.ofSeconds(40));
    }

    String state() {
        return browser.waitFor(d -> browser.onPage(".conv-sub .state").getAttribute("data-state"));
    }

    void waitState(String state) {
        browser.waitFor(d -> state.equals(state()), Duration.ofSeconds(40));
    }

    void write(String text) {
        WebElement input = browser.onPage("#composer-input");
        input.clear();
        input.sendKeys(text);
    }

    void send() {
        browser.clickOnPage(".composer button.send");
    }

    List<String> texts(String css) {
        return browser.pageTexts(css);
    }

    String errorBar() {
        return browser.waitFor(d -> {
            WebElement bar = d.findElement(By.cssSelector(".error-bar"));
            return bar.isDisplayed() ? bar.getText() : null;
        }, Duration.ofSeconds(40));
    }

    void assertNoScriptErrors() {
        assertThat(browser.js("return window.__errors")).asList().isEmpty();
    }

    void screenshot(String step) {
        browser.screenshot(step);
    }

    @Override
    public void close() {
        browser.close();
    }
}
