package io.parley.mail;

import java.time.Instant;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.chat.Author;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.PostMessage;
import io.parley.support.Api;
import io.parley.widget.Browser;
import io.parley.widget.BrowserTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Without an SMTP server the widget promises no email: the out-of-hours card says the answer comes here. */
@BrowserTest
@ParleyIntegrationTest
class NoMailWidgetBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Conversations conversations;

    Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void outOfHoursTheWidgetDoesNotPromiseAnEmailReply() {
        browser = Browser.start("no-mail").open("http://localhost:" + port + "/");
        browser.click(".launcher");
        browser.click(".new-conversation");
        WebElement composer = browser.find("textarea.composer-input");
        composer.sendKeys("Is anyone there?");
        composer.sendKeys(Keys.ENTER);
        UUID conversationId = UUID.fromString(currentConversation());

        conversations.post(new PostMessage(conversationId, Author.system(), "Our team is away right now.",
                new MessageContent.OutOfHours(Instant.now().plusSeconds(3600), "UTC", 1), null));
        String title = browser.waitFor(d -> {
            var titles = browser.texts(".out-of-hours .card-title");
            return titles.isEmpty() ? null : titles.get(0);
        }, java.time.Duration.ofSeconds(60));
        assertThat(title).startsWith("We are away right now. We will answer here in this conversation")
                .doesNotContain("get back to you");
        assertThat(browser.all(".transcript")).as("no transcript button without email").noneMatch(WebElement::isDisplayed);
        browser.screenshot("out-of-hours-without-email");
    }

    private String currentConversation() {
        return browser.waitFor(d -> {
            String json = (String) browser.js("const key = Object.keys(sessionStorage).find(k => k.startsWith('parley:') && k.endsWith(':ui'));"
                    + "return key ? sessionStorage.getItem(key) : null");
            JsonNode current = json == null ? null : Api.JSON.readTree(json).get("current");
            return current == null || current.isNull() ? null : current.asString();
        });
    }
}
