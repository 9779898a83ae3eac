package io.parley.console;

import io.parley.ParleyIntegrationTest;
import io.parley.widget.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent console's sign-in in a real headless Chromium: refused and accepted logins, the session, signing out. */
@BrowserTest
@ParleyIntegrationTest
class ConsoleSignInIntegrationTests {

    @LocalServerPort
    int port;

    ConsolePage console;

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void anAgentSignsInStaysSignedInAcrossAReloadAndSignsOut() {
        console = ConsolePage.open("console-1-sign-in", port);
        console.browser.onPage("#login-email");
        assertThat(console.browser.driver.getTitle()).contains("Sign in");
        console.screenshot("sign-in");

        console.signIn(ParleyIntegrationTest.ADMIN_EMAIL, "not-the-password");
        String error = console.browser.waitFor(d -> {
            String text = console.browser.onPage(".form-error").getText();
            return text.isBlank() ? null : text;
        });
        assertThat(error).isEqualTo("Wrong email or password.");
        console.screenshot("wrong-password");

        console.signIn(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        console.signedIn();
        assertThat(console.browser.onPage(".me-name").getText()).isNotBlank();
        assertThat(console.browser.onPage("#tab-queue").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(console.browser.onPage(".tabs").getAttribute("role")).isEqualTo("tablist");
        assertThat(console.browser.onPage(".transcript-empty, .empty").getText()).contains("No conversation open");
        // the inbox loads without complaint
        console.browser.waitFor(d -> !console.browser.onPage(".inbox-list").getText().contains("Loading"));
        assertThat(console.browser.driver.findElement(org.openqa.selenium.By.cssSelector(".error-bar")).isDisplayed()).isFalse();
        console.screenshot("signed-in");

        // the token is kept for the tab: a reload (also without the trailing slash) stays signed in
        console.browser.visit("http://localhost:" + port + "/console/");
        console.signedIn();
        console.browser.js("location.reload()");
        console.signedIn();

        console.browser.clickOnPage(".sign-out");
        assertThat(console.browser.onPage(".form-notice").getText()).contains("signed out");
        assertThat(console.browser.js("return sessionStorage.getItem('parley:console:auth')")).isNull();
        console.assertNoScriptErrors();
    }
}
