package io.parley.knowledge.help;

import io.parley.ParleyIntegrationTest;
import io.parley.widget.Browser;
import io.parley.widget.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help centre in a real headless Chromium: home with categories, a category, an article, "Was this helpful?",
 * the locale switcher, Persian right to left, search, and the widget offered on the page. Screenshots go to
 * target/screenshots/.
 */
@BrowserTest
@ParleyIntegrationTest
class HelpCentreBrowserIntegrationTests {

    @LocalServerPort
    int port;

    Browser browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aReaderBrowsesRatesSwitchesLanguageAndSearches() {
        browser = Browser.start("help-1");
        browser.resize(1280, 1000);
        browser.visit(url("/help"));
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/help/en"));
        assertThat(browser.driver.getTitle()).contains("Help centre");
        assertThat(el("h1").getText()).isEqualTo("Help centre");
        assertThat(browser.driver.findElements(By.cssSelector(".category")).size()).isGreaterThan(5);
        assertThat(browser.js("return getComputedStyle(document.querySelector('.top')).backgroundImage")).as("help.css applied")
                .asString().contains("gradient");
        // the widget is offered on every page (mounted from /widget/parley.js, no inline script)
        browser.root();
        browser.screenshot("home");

        el("a[href='/help/en/tags/billing']").click();
        browser.waitFor(d -> el("h1").getText().equals("Billing"));
        el("a[href='/help/en/invoices-and-receipts']").click();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/help/en/invoices-and-receipts"));
        assertThat(el(".crumbs").getText()).contains("Help centre").contains("Billing");
        assertThat(el(".article .body").findElements(By.cssSelector("p")).size()).isGreaterThan(1);
        browser.screenshot("article");

        el("button[name=helpful][value=yes]").click();
        browser.waitFor(d -> d.getCurrentUrl().contains("feedback=thanks"));
        assertThat(el(".feedback .thanks").getText()).isEqualTo("Thanks for your feedback!");
        browser.screenshot("feedback");

        browser.visit(url("/help/en/cancelling-your-subscription"));
        el(".locales a[hreflang=tr]").click();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/help/tr/aboneliginizi-iptal-etme"));
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("tr");
        assertThat(el("button[name=helpful][value=yes]").getText()).isEqualTo("Evet");

        browser.visit(url("/help/fa"));
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(el("h1").getText()).isEqualTo("مرکز راهنما");
        browser.screenshot("persian");

        browser.visit(url("/help/en"));
        WebElement q = el("#q");
        q.sendKeys("I forgot my password", Keys.ENTER);
        browser.waitFor(d -> d.getCurrentUrl().contains("/help/en/search?q="));
        assertThat(el("h1").getText()).isEqualTo("Results for “I forgot my password”");
        assertThat(browser.driver.findElements(By.cssSelector(".results a[href='/help/en/resetting-your-password']"))).isNotEmpty();
        assertThat(el("#q").getAttribute("value")).isEqualTo("I forgot my password");
        browser.screenshot("search");

        browser.click(".launcher");
        browser.find(".panel");
        browser.screenshot("widget");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement el(String css) {
        return browser.onPage(css);
    }
}
