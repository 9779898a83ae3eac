package io.parley;

import java.time.Duration;

import io.parley.widget.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff page over the generated OpenAPI description, in headless Chromium: sign in, then Swagger UI. */
@ParleyIntegrationTest
class ApiDocsBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void staffSignInAndReadTheGeneratedDescription() {
        try (Browser browser = Browser.start("api-docs")) {
            browser.visit("http://localhost:" + port + "/api-docs");
            browser.onPage("#sign-in input[name=email]").sendKeys(ParleyIntegrationTest.ADMIN_EMAIL);
            assertThat(browser.driver.findElements(By.cssSelector(".opblock"))).as("nothing before signing in").isEmpty();
            browser.screenshot("sign-in");
            browser.onPage("#sign-in input[name=password]").sendKeys(ParleyIntegrationTest.ADMIN_PASSWORD);
            browser.clickOnPage("#sign-in button[type=submit]");

            browser.waitFor(d -> "loaded".equals(d.findElement(By.tagName("body")).getAttribute("data-api-docs")),
                    Duration.ofSeconds(30));
            assertThat(browser.pageTexts(".opblock-summary-path").toString())
                    .contains("/api/widget/sessions").contains("/api/agent/api-keys").contains("/api/privacy/customers/{id}/export");
            assertThat(browser.onPage(".info .title").getText()).contains("Parley REST API");
            browser.screenshot("operations");
        }
    }
}
