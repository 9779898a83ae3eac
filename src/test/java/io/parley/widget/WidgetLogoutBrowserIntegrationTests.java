package io.parley.widget;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.customer.Customers;
import io.parley.customer.IdentityJwts;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15 item 5: a shared device. The host application signs its user in with an identity JWT
 * ({@code Parley.identify({jwt})}) and signs them out with {@code Parley.logout()}: the next person is a new anonymous
 * visitor who sees none of the previous user's threads and merges nothing into that account.
 */
// the same context as WidgetBrowserIntegrationTests (the bot stays off: exact transcripts)
@TestPropertySource(properties = "parley.assistant.enabled=false")
@BrowserTest
@ParleyIntegrationTest
class WidgetLogoutBrowserIntegrationTests {

    static final String CUSTOMER_TEXTS = ".msg-customer:not(.pending) .text";

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void afterLogoutTheNextPersonOnTheDeviceIsANewVisitorWhoSeesNoneOfThePreviousUsersThreads() {
        String userId = "alice-" + UUID.randomUUID();
        String jwt = IdentityJwts.hs256(ParleyIntegrationTest.IDENTITY_SECRET,
                IdentityJwts.claims(userId, Map.of("name", "Alice Signed", "email", "alice@example.com")));
        browser = Browser.start("logout").open("http://localhost:" + port + "/");
        browser.find(".launcher");
        // the host application signs its user in without a page load
        assertThat(browser.js("return Parley.identify({ jwt: arguments[0] }).then(() => true)", jwt)).isEqualTo(true);
        browser.click(".launcher");
        browser.click(".new-conversation");
        send("Alice's private question");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains("Alice's private question"));
        JsonNode alice = session();
        assertThat(alice.get("customer").get("identified").asBoolean()).isTrue();
        assertThat(alice.get("customer").get("name").asString()).isEqualTo("Alice Signed");
        String aliceConversation = jdbc.sql("select c.id::text from conversation c join customer u on u.id = c.customer_id "
                + "where u.external_id = ?").param(userId).query(String.class).single();
        browser.screenshot("alice-signed-in");

        assertThat(browser.js("return Parley.logout().then(() => true)")).isEqualTo(true);

        // a fresh, anonymous widget: no thread of Alice's, no stored trace of her session
        browser.click(".launcher");
        browser.waitFor(d -> browser.all(".new-conversation").size() == 1);
        assertThat(browser.all(".conversation")).isEmpty();
        JsonNode next = browser.waitFor(d -> sessionOrNull());
        assertThat(next.get("customer").get("identified").asBoolean()).isFalse();
        assertThat(next.get("customer").get("id").asString()).isNotEqualTo(alice.get("customer").get("id").asString());
        assertThat(storedKeys()).noneMatch(key -> key.contains(userId));
        assertThat(browser.js("return Parley.config.jwt === undefined")).isEqualTo(true);
        browser.screenshot("after-logout");

        // the newcomer writes: their thread is theirs alone, Alice's never shows
        browser.click(".new-conversation");
        send("Someone else's question");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains("Someone else's question"));
        assertThat(browser.texts(CUSTOMER_TEXTS)).doesNotContain("Alice's private question");

        // the server side: Alice's conversation is still hers, the newcomer's is not merged into her account
        String aliceCustomer = alice.get("customer").get("id").asString();
        assertThat(jdbc.sql("select customer_id::text from conversation where id = ?::uuid").param(aliceConversation)
                .query(String.class).single()).isEqualTo(aliceCustomer);
        assertThat(jdbc.sql("select count(*) from conversation where customer_id = ?::uuid").param(aliceCustomer)
                .query(Long.class).single()).isEqualTo(1L);
        Api api = new Api(port);
        assertThat(api.get("/api/widget/conversations", next.get("token").asString()).json())
                .extracting(t -> t.get("id").asString()).doesNotContain(aliceConversation);
    }

    private void send(String text) {
        WebElement composer = browser.waitFor(d -> {
            WebElement input = browser.find("textarea.composer-input");
            return input.isEnabled() ? input : null;
        });
        composer.sendKeys(text);
        composer.sendKeys(Keys.ENTER);
    }

    private JsonNode session() {
        JsonNode session = browser.waitFor(d -> sessionOrNull());
        assertThat(session).as("widget session in localStorage").isNotNull();
        return session;
    }

    private JsonNode sessionOrNull() {
        String json = (String) browser.js("const key = Object.keys(localStorage).find(k => k.startsWith('parley:') && k.includes(':session:'));"
                + "return key ? localStorage.getItem(key) : null");
        return json == null ? null : Api.JSON.readTree(json);
    }

    @SuppressWarnings("unchecked")
    private List<String> storedKeys() {
        return (List<String>) browser.js("return [...Object.keys(localStorage), ...Object.keys(sessionStorage)]");
    }
}
