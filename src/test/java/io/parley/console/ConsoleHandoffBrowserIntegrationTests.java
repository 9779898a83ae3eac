package io.parley.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.widget.BrowserTest;
import io.parley.support.Api;
import io.parley.widget.Browser;
import io.parley.chat.Author;
import io.parley.chat.Conversations;
import io.parley.support.Agents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole hand-off in two (or three) real browsers against the whole application, bot included: a customer asks in
 * the widget on the demo page, asks for a person, an agent takes over in the console and replies, resolves, and the
 * customer is asked for a rating. Screenshots of every step go to target/screenshots/.
 */
@BrowserTest
@ParleyIntegrationTest
class ConsoleHandoffBrowserIntegrationTests {

    static final Duration SLOW = Duration.ofSeconds(60);

    /**
     * Lets a test hold back what the server sends to this page (frames are queued while held, then delivered in
     * order), like a slow network: a stale view then acts on something that has changed meanwhile.
     */
    static final String HOLDABLE_NETWORK = """
            (() => {
              const Native = window.WebSocket;
              window.__held = false;
              const queue = [];
              window.__release = () => { window.__held = false; queue.splice(0).forEach(run => run()); };
              function TestSocket(url, protocols) {
                const socket = new Native(url, protocols);
                let handler = null;
                Object.defineProperty(socket, 'onmessage', {
                  get: () => handler,
                  set: value => { handler = value; },
                });
                socket.addEventListener('message', event => {
                  const deliver = () => handler && handler.call(socket, event);
                  if (window.__held) queue.push(deliver); else deliver();
                });
                return socket;
              }
              TestSocket.prototype = Native.prototype;
              Object.assign(TestSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
              window.WebSocket = TestSocket;
            })();
            """;

    static final String CUSTOMER_TEXTS = ".msg-customer:not(.pending) .text";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Conversations conversations;

    @BeforeEach
    void isolate() {
        // nobody else online, no teams with business hours from other tests: hand-offs wait in the queue
        new Agents(new Api(port)).isolate(jdbc);
    }

    final java.util.List<AutoCloseable> opened = new java.util.ArrayList<>();

    @AfterEach
    void closeBrowsers() throws Exception {
        for (AutoCloseable browser : opened) {
            browser.close();
        }
    }

    @Test
    void aCustomerAsksForAPersonAndAnAgentTakesOverRepliesAndResolvesInTheConsole() {
        // the agent signs in first and steps away, so the hand-off waits in the queue instead of being routed
        ConsolePage agent = console("handoff-1-agent");
        agent.signIn(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD).signedIn();
        setPresence(agent, "away");

        Browser customer = widget("handoff-1-customer");
        customer.click(".launcher");
        customer.click(".new-conversation");
        send(customer, "How do I reset my password?");
        WebElement source = customer.waitFor(d -> customer.find(".msg-bot a.source"), SLOW);
        assertThat(source.getText()).containsIgnoringCase("password");
        customer.screenshot("cited-answer");

        send(customer, "I want to talk to a person");
        customer.waitFor(d -> customer.find(".kind-queue"), SLOW);
        scrollToEnd(customer);
        customer.screenshot("asked-for-a-person");
        String conversationId = currentConversation(customer);

        // the hand-off shows up in the agent's queue live
        agent.tab("queue");
        agent.row(conversationId);
        assertThat(agent.browser.onPage(".inbox-item[data-id='" + conversationId + "']").getAttribute("data-state")).isEqualTo("queued");
        agent.screenshot("queue-live");

        agent.openConversation(conversationId);
        agent.waitState("queued");
        assertThat(agent.texts(".msg-customer .text")).contains("How do I reset my password?", "I want to talk to a person");
        assertThat(agent.texts(".msg-bot .sources a")).anyMatch(t -> t.toLowerCase().contains("password"));
        assertThat(agent.browser.onPage(".handoff .chip.reason").getText()).isEqualTo("Customer request");
        agent.browser.waitFor(d -> agent.browser.onPage(".ticket-number").getText().startsWith("#"), SLOW);
        assertThat(agent.browser.onPage(".summary-text").getText()).isNotBlank();
        assertThat(agent.browser.onPage(".ownership").getText()).contains("Claim it to reply");
        agent.screenshot("conversation-queued");

        agent.browser.clickOnPage(".action-claim");
        agent.waitState("assigned");
        assertThat(agent.browser.onPage(".conv-sub .assignee").getText()).isEqualTo("Assigned to you");
        agent.tab("mine");
        agent.row(conversationId);

        agent.write("Hi! I can help with that. I have sent you a reset link.");
        agent.send();
        // agent text is Markdown (rendered into paragraphs), so compare trimmed
        agent.browser.waitFor(d -> agent.texts(".msg-agent:not(.pending) .text").stream().map(String::trim)
                .anyMatch("Hi! I can help with that. I have sent you a reset link."::equals), SLOW);
        assertThat(agent.browser.driver.findElements(org.openqa.selenium.By.cssSelector(".msg-agent.pending"))).isEmpty();
        agent.screenshot("agent-replied");

        customer.waitFor(d -> customer.texts(".msg-agent .text").stream().anyMatch(t -> t.contains("I have sent you a reset link")), SLOW);
        scrollToEnd(customer);
        customer.screenshot("agent-reply-in-widget");

        // the customer writes back; the agent sees it live
        send(customer, "Got it, thank you!");
        agent.browser.waitFor(d -> agent.texts(".msg-customer .text").contains("Got it, thank you!"), SLOW);

        agent.browser.clickOnPage(".action-resolve");
        agent.waitState("resolved");
        assertThat(agent.browser.onPage(".ownership").getText()).contains("Resolved");
        agent.screenshot("resolved");

        customer.waitFor(d -> customer.find(".csat"), SLOW);
        scrollToEnd(customer);
        customer.screenshot("csat-prompt");
        agent.assertNoScriptErrors();
    }

    @Test
    void twoAgentsSeeTheSameQueueAndTheSecondClaimIsRefused() {
        Api api = new Api(port);
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        String email = "sam-" + UUID.randomUUID().toString().substring(0, 8) + "@parley.test";
        Api.Response created = api.post("/api/agent/staff", admin,
                Map.of("email", email, "name", "Sam Second", "password", "sam-password-1", "roles", List.of("AGENT")));
        assertThat(created.status()).isEqualTo(201);

        ConsolePage first = console("handoff-2-first-agent");
        first.signIn(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD).signedIn();
        setPresence(first, "away");
        ConsolePage second = consoleWith("handoff-2-second-agent", HOLDABLE_NETWORK);
        second.signIn(email, "sam-password-1").signedIn();
        setPresence(second, "away");

        // a customer asks for a person (over the API; the widget is covered above)
        JsonNode session = api.session(Map.of("name", "Grace Hopper"));
        String token = session.get("token").asString();
        JsonNode conversation = api.startConversation(token, null);
        String conversationId = conversation.get("id").asString();
        Api.Response posted = api.post("/api/widget/conversations/" + conversationId + "/messages", token,
                Map.of("clientMessageId", "c-1", "text", "I want to talk to a person about a refund <img src=x onerror=\"window.__pwned=1\">"));
        assertThat(posted.status()).isEqualTo(201);

        first.tab("queue");
        second.tab("queue");
        first.row(conversationId);
        second.row(conversationId);
        second.openConversation(conversationId);
        second.waitState("queued");
        // what customers write is shown as text, never run
        assertThat(second.texts(".msg-customer .text")).anyMatch(t -> t.contains("<img src=x onerror="));
        assertThat(second.browser.driver.findElements(org.openqa.selenium.By.cssSelector(".transcript img"))).isEmpty();
        assertThat(second.browser.js("return window.__pwned === undefined")).isEqualTo(true);
        first.openConversation(conversationId);
        // each sees the other looking at it
        second.browser.waitFor(d -> second.browser.onPage(".collision").getText().contains("is also viewing"), SLOW);
        first.browser.waitFor(d -> first.browser.onPage(".collision").getText().contains("Sam Second is also viewing"), SLOW);
        first.screenshot("collision-hint");

        // the second agent's network is slow: it still shows "Claim" when the first agent has already claimed
        second.browser.js("window.__held = true");
        first.browser.clickOnPage(".action-claim");
        first.waitState("assigned");
        second.browser.clickOnPage(".action-claim");
        second.browser.js("window.__release()");

        String refusal = second.errorBar();
        assertThat(refusal).startsWith("Claim refused");
        second.waitState("assigned");
        assertThat(second.browser.onPage(".ownership").getText()).contains("owns this conversation");
        assertThat(second.browser.driver.findElements(org.openqa.selenium.By.cssSelector(".action-claim"))).isEmpty();
        second.screenshot("claim-refused");
        // the conversation left the second agent's queue
        second.waitGone(conversationId);
        second.screenshot("left-the-queue");

        // the second agent may still add a private note; the first agent sees it live, the customer never does
        second.browser.clickOnPage(".mode-note");
        second.write("Customer mentioned a refund last week too.");
        second.send();
        first.browser.waitFor(d -> first.texts(".msg-note .text").contains("Customer mentioned a refund last week too."), SLOW);
        assertThat(api.get("/api/widget/conversations/" + conversationId + "/messages?after=0", token).body())
                .doesNotContain("refund last week");
        first.screenshot("note-from-colleague");
        first.assertNoScriptErrors();
        second.assertNoScriptErrors();
    }

    @Test
    void savedRepliesTypingUnreadMarkersTransferAndReturnToBot() {
        Api api = new Api(port);
        String admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        String shortcut = "greet-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.post("/api/agent/saved-replies", admin, Map.of("shortcut", shortcut, "title", "Greeting",
                "body", "Hi {{customer.name}}, this is {{agent.name}} from Tasklane.")).status()).isEqualTo(201);

        ConsolePage agent = console("handoff-3-agent");
        agent.signIn(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD).signedIn();
        setPresence(agent, "away");
        String me = agent.browser.onPage(".me-name").getText();

        JsonNode session = api.session(Map.of("name", "Ada Lovelace"));
        String token = session.get("token").asString();
        String customerId = session.get("customer").get("id").asString();
        String conversationId = api.startConversation(token, null).get("id").asString();
        api.post("/api/widget/conversations/" + conversationId + "/messages", token,
                Map.of("clientMessageId", "c-1", "text", "I would like to talk to a person please"));

        // unread: the customer's messages nobody on the support side has read yet
        agent.tab("queue");
        agent.browser.waitFor(d -> !d.findElements(org.openqa.selenium.By.cssSelector(
                ".inbox-item[data-id='" + conversationId + "'] .unread-badge")).isEmpty(), SLOW);
        agent.openConversation(conversationId);
        assertThat(agent.browser.onPage(".unread-divider").getText()).isEqualToIgnoringCase("New messages");
        agent.browser.waitFor(d -> d.findElements(org.openqa.selenium.By.cssSelector(
                ".inbox-item[data-id='" + conversationId + "'] .unread-badge")).isEmpty(), SLOW);

        agent.browser.clickOnPage(".action-claim");
        agent.waitState("assigned");
        // the claim puts the focus into the reply box
        agent.browser.waitFor(d -> "composer-input".equals(agent.browser.js("return document.activeElement.id")), SLOW);

        // the customer types: the agent sees it
        conversations.typing(UUID.fromString(conversationId), Author.customer(customerId, "Ada Lovelace"), true);
        agent.browser.waitFor(d -> agent.browser.onPage(".typing-indicator").getText().contains("Ada Lovelace is typing"), SLOW);
        agent.screenshot("customer-typing");

        // a saved reply, picked with the keyboard, comes with its placeholders filled in
        agent.browser.onPage("#composer-input").sendKeys(Keys.chord(Keys.ALT, "s"));
        WebElement search = agent.browser.onPage(".saved-search");
        search.sendKeys(shortcut);
        agent.browser.waitFor(d -> agent.texts(".saved-item .saved-shortcut").equals(List.of("/" + shortcut)), SLOW);
        agent.screenshot("saved-replies");
        search.sendKeys(Keys.ENTER);
        String expected = "Hi Ada Lovelace, this is " + me + " from Tasklane.";
        agent.browser.waitFor(d -> expected.equals(agent.browser.onPage("#composer-input").getAttribute("value")), SLOW);
        agent.browser.onPage("#composer-input").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        agent.browser.waitFor(d -> api.get("/api/widget/conversations/" + conversationId + "/messages?after=0", token).body()
                .contains(expected), SLOW);

        // transfer back to the queue: it leaves "Mine" and waits in the queue again
        agent.browser.clickOnPage(".action-transfer");
        new org.openqa.selenium.support.ui.Select(agent.browser.onPage("#transfer-target")).selectByValue("queue");
        agent.screenshot("transfer");
        agent.browser.clickOnPage(".transfer-confirm");
        agent.waitState("queued");
        agent.tab("mine");
        agent.waitGone(conversationId);
        agent.tab("queue");
        agent.row(conversationId);

        // claim again and hand it back to the bot
        agent.browser.clickOnPage(".action-claim");
        agent.waitState("assigned");
        agent.browser.clickOnPage(".action-return");
        agent.waitState("bot");
        assertThat(agent.browser.onPage(".ownership").getText()).contains("The bot is handling this conversation");
        agent.screenshot("returned-to-bot");
        agent.assertNoScriptErrors();
    }

    /**
     * Stands in for the server while its database is out: the next replies get the error the server answers then
     * ({code: "unavailable"} on /user/queue/errors) instead of reaching it.
     */
    static final String UNAVAILABLE_REPLIES = """
            (() => {
              const Native = window.WebSocket;
              window.__sends = [];
              window.__unavailable = 0;
              function TestSocket(url, protocols) {
                const socket = new Native(url, protocols);
                const subscriptions = {};
                const send = socket.send.bind(socket);
                socket.send = data => {
                  const text = String(data);
                  const lines = text.split('\\n');
                  const headers = {};
                  for (const line of lines.slice(1)) {
                    if (!line) break;
                    headers[line.slice(0, line.indexOf(':'))] = line.slice(line.indexOf(':') + 1);
                  }
                  if (lines[0] === 'SUBSCRIBE') subscriptions[headers.destination] = headers.id;
                  if (lines[0] === 'SEND' && /\\/reply$/.test(headers.destination)) {
                    const body = JSON.parse(text.slice(text.indexOf('\\n\\n') + 2).replace(/\\0$/, ''));
                    window.__sends.push(body.clientMessageId);
                    if (window.__unavailable > 0) {
                      window.__unavailable--;
                      const error = JSON.stringify({ code: 'unavailable', reason: 'The database is not reachable',
                        destination: headers.destination, clientMessageId: body.clientMessageId });
                      const frame = 'MESSAGE\\ndestination:/user/queue/errors\\nsubscription:' + subscriptions['/user/queue/errors']
                        + '\\nmessage-id:test-' + window.__sends.length + '\\ncontent-type:application/json\\n\\n' + error + '\\0';
                      setTimeout(() => socket.dispatchEvent(new MessageEvent('message', { data: frame })), 10);
                      return;
                    }
                  }
                  send(data);
                };
                return socket;
              }
              TestSocket.prototype = Native.prototype;
              Object.assign(TestSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
              window.WebSocket = TestSocket;
            })();
            """;

    @Test
    void aReplyRefusedAsUnavailableIsRetriedFromTheOutboxWithTheSameClientMessageIdAndStoredOnce() {
        Api api = new Api(port);
        ConsolePage agent = consoleWith("handoff-4-unavailable", UNAVAILABLE_REPLIES);
        agent.signIn(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD).signedIn();
        setPresence(agent, "away");

        String token = api.session(Map.of("name", "Outage Customer")).get("token").asString();
        String conversationId = api.startConversation(token, null).get("id").asString();
        api.post("/api/widget/conversations/" + conversationId + "/messages", token,
                Map.of("clientMessageId", "c-1", "text", "I would like to talk to a person please"));
        agent.tab("queue");
        agent.row(conversationId);
        agent.openConversation(conversationId);
        agent.browser.clickOnPage(".action-claim");
        agent.waitState("assigned");

        String reply = "Sent while the database is out " + UUID.randomUUID().toString().substring(0, 8);
        agent.browser.js("window.__unavailable = 2");
        agent.browser.onPage("#composer-input").sendKeys(reply);
        agent.browser.onPage("#composer-input").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        // refused twice, kept in the outbox and sent again: no error for the agent, the text not handed back
        agent.browser.waitFor(d -> ((Number) agent.browser.js("return window.__unavailable")).intValue() == 0, SLOW);
        agent.browser.waitFor(d -> api.get("/api/widget/conversations/" + conversationId + "/messages?after=0", token)
                .body().contains(reply), SLOW);
        agent.screenshot("unavailable-reply-delivered");

        @SuppressWarnings("unchecked")
        List<String> sends = (List<String>) agent.browser.js("return window.__sends");
        String retried = sends.get(sends.size() - 1);
        assertThat(sends.stream().filter(retried::equals).count()).as("sends with the same clientMessageId").isGreaterThanOrEqualTo(3);
        JsonNode body = api.get("/api/widget/conversations/" + conversationId + "/messages?after=0", token).json();
        JsonNode items = body.isArray() ? body : body.get("messages");
        long stored = java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .filter(m -> m.toString().contains(reply)).count();
        assertThat(stored).as("the reply stored once").isEqualTo(1);
        assertThat(agent.browser.onPage("#composer-input").getAttribute("value")).as("nothing handed back to retype").isEmpty();
        assertThat(agent.browser.js("return document.querySelector('.error-bar').hidden")).as("no error shown").isEqualTo(true);
        agent.assertNoScriptErrors();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private ConsolePage console(String name) {
        return consoleWith(name, "");
    }

    private ConsolePage consoleWith(String name, String script) {
        ConsolePage page = ConsolePage.open(name, port, script);
        opened.add(page);
        return page;
    }

    private Browser widget(String name) {
        Browser browser = Browser.start(name).open("http://localhost:" + port + "/");
        opened.add(browser);
        return browser;
    }

    /** The widget follows new messages only while the reader is at the end; screenshots should show the newest. */
    private static void scrollToEnd(Browser browser) {
        browser.js("const m = document.querySelector('#parley-widget').shadowRoot.querySelector('.scroller'); if (m) m.scrollTop = m.scrollHeight;");
    }

    private static void setPresence(ConsolePage page, String presence) {
        new org.openqa.selenium.support.ui.Select(page.browser.onPage("#presence")).selectByValue(presence);
        // the select changes at once; data-confirmed once the server has it
        page.browser.waitFor(d -> presence.equals(page.browser.onPage("#presence").getAttribute("data-confirmed")), SLOW);
    }

    private static void send(Browser browser, String text) {
        WebElement composer = browser.find("textarea.composer-input");
        composer.sendKeys(text);
        composer.sendKeys(Keys.ENTER);
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains(text), SLOW);
    }

    private static String currentConversation(Browser browser) {
        return browser.waitFor(d -> {
            String json = (String) browser.js("const key = Object.keys(sessionStorage).find(k => k.startsWith('parley:') && k.endsWith(':ui'));"
                    + "return key ? sessionStorage.getItem(key) : null");
            JsonNode current = json == null ? null : Api.JSON.readTree(json).get("current");
            return current == null || current.isNull() ? null : current.asString();
        });
    }
}
