package io.parley.widget;

import java.time.Instant;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.handoff.ConversationRated;
import io.parley.insight.InsightIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The NPS card in a real Chromium: offered live after a resolution, answered, stored for the team. */
@BrowserTest
@InsightIntegrationTest
class NpsWidgetBrowserIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theCustomerAnswersTheSurveyInTheWidget() {
        browser = Browser.start("nps-card").open("http://localhost:" + port + "/");
        browser.click(".launcher");
        browser.click(".new-conversation");
        WebElement composer = browser.find("textarea.composer-input");
        composer.sendKeys("My invoice is wrong");
        composer.sendKeys(Keys.ENTER);
        browser.waitFor(d -> browser.texts(".msg-customer:not(.pending) .text").size() == 1);
        UUID conversation = UUID.fromString(browser.waitFor(d -> (String) browser.js(
                "const key = Object.keys(sessionStorage).find(k => k.startsWith('parley:') && k.endsWith(':ui'));"
                        + "return key ? JSON.parse(sessionStorage.getItem(key)).current : null")));
        String sessionJson = (String) browser.js("const key = Object.keys(localStorage).find(k => k.startsWith('parley:')"
                + " && k.includes(':session:')); return localStorage.getItem(key)");
        UUID customer = UUID.fromString(Api.JSON.readTree(sessionJson).get("customer").get("id").asString());

        transactions.executeWithoutResult(status -> events.publishEvent(
                new ConversationRated(conversation, customer, 5, null, UUID.randomUUID(), Instant.now())));

        browser.find(".nps .nps-score[data-score='2']");
        assertThat(browser.all(".nps .nps-score")).hasSize(11);
        assertThat(browser.find(".nps button[type='submit']").isEnabled()).isFalse();
        browser.screenshot("survey-offered");
        browser.click(".nps .nps-score[data-score='2']");
        assertThat(browser.find(".nps .nps-score[data-score='2']").getAttribute("aria-checked")).isEqualTo("true");
        browser.find(".nps textarea.nps-comment").sendKeys("The invoice was wrong twice");
        browser.click(".nps button[type='submit']");
        browser.find(".nps .nps-thanks");
        browser.screenshot("survey-answered");

        Api api = new Api(port);
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        JsonNode detractors = api.get("/api/insights/nps/detractors?followedUp=false", admin).json();
        JsonNode mine = null;
        for (JsonNode detractor : detractors) {
            if (conversation.toString().equals(detractor.get("conversationId").asString())) {
                mine = detractor;
            }
        }
        assertThat(mine).as("the answer is in the follow-up list").isNotNull();
        assertThat(mine.get("score").asInt()).isEqualTo(2);
        assertThat(mine.get("comment").asString()).isEqualTo("The invoice was wrong twice");

        // after a reload (the widget reopens the same thread) the card shows the survey as answered
        browser.reload();
        browser.find(".nps .nps-thanks");
        assertThat(browser.all(".nps .nps-score")).isEmpty();
        browser.screenshot("after-reload");
    }
}
