package io.parley.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.customer.IdentityJwts;
import io.parley.support.Agents;
import io.parley.support.Api;
import io.parley.widget.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 items 5 and 8 in the console: "Verified" appears only next to what the host application signed, and a
 * customer's name is shown as the text it is, never rendered as Markdown or HTML.
 */
@BrowserTest
@ParleyIntegrationTest
class ConsoleCustomerIdentityBrowserIntegrationTests {

    static final String HOSTILE_NAME = "**Bold** <b>tag</b> [click](https://evil.example/x) _it_";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ConsolePage agent;

    @BeforeEach
    void isolate() {
        new Agents(new Api(port)).isolate(jdbc);
    }

    @AfterEach
    void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void onlySignedAttributesShowAsVerifiedAndTheNameIsPlainText() {
        Api api = new Api(port);
        String userId = "console-" + UUID.randomUUID();
        // the email is signed, the (hostile) name comes from the browser only
        String jwt = IdentityJwts.hs256(ParleyIntegrationTest.IDENTITY_SECRET,
                IdentityJwts.claims(userId, Map.of("email", "signed@example.com", "plan", "enterprise")));
        String token = api.session(Map.of("jwt", jwt, "name", HOSTILE_NAME, "locale", "en")).get("token").asString();
        String conversation = api.startConversation(token, null).get("id").asString();
        agent = ConsolePage.open("identity-console", port);
        agent.signIn(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD).signedIn();
        new org.openqa.selenium.support.ui.Select(agent.browser.onPage("#presence")).selectByValue("away");
        agent.browser.waitFor(d -> "away".equals(agent.browser.onPage("#presence").getAttribute("data-confirmed")), Duration.ofSeconds(60));
        assertThat(api.post("/api/widget/conversations/" + conversation + "/messages", token,
                Map.of("clientMessageId", "ask-person", "text", "I want to talk to a person")).status()).isIn(200, 201);

        agent.tab("queue");
        agent.openConversation(conversation);
        agent.browser.waitFor(d -> !agent.texts(".customer dd").isEmpty(), Duration.ofSeconds(60));
        agent.screenshot("customer-card");

        List<String> facts = agent.texts(".customer dd");
        assertThat(facts).contains(HOSTILE_NAME + " Unverified", "signed@example.com Verified", "enterprise Verified");
        assertThat(facts).noneMatch(f -> f.contains("Verified (signed in"));
        assertThat(agent.texts(".customer .chip.verified")).containsOnly("Verified").hasSize(2);
        // nothing of the name became markup, anywhere on the page (card, inbox row, transcript)
        assertThat(agent.browser.js("return document.querySelectorAll('a[href*=\"evil.example\"]').length")).isEqualTo(0L);
        assertThat(agent.browser.js("return [...document.querySelectorAll('strong, b, em')].filter(e => "
                + "['Bold', 'tag', 'it'].includes(e.textContent)).length")).isEqualTo(0L);
        assertThat(agent.texts(".inbox-item .row")).anyMatch(row -> row.contains("**Bold**"));
        agent.assertNoScriptErrors();
    }
}
