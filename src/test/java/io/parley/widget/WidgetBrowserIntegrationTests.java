package io.parley.widget;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.chat.Author;
import io.parley.chat.ChatMessage;
import io.parley.chat.Conversations;
import io.parley.chat.MessageContent;
import io.parley.chat.PostMessage;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.messaging.simp.SimpMessagingTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The customer widget in a real headless Chromium against the whole application: the demo page at {@code /}
 * embeds it with one script tag. Each step leaves a screenshot under target/screenshots/.
 */
// widget mechanics with exact transcripts: the bot stays off here (it is tested over STOMP in the assistant tests)
@TestPropertySource(properties = "parley.assistant.enabled=false")
@BrowserTest
@ParleyIntegrationTest
class WidgetBrowserIntegrationTests {

    /** Delivered (stored) customer messages; unsent ones carry the class "pending". */
    static final String CUSTOMER_TEXTS = ".msg-customer:not(.pending) .text";

    @LocalServerPort
    int port;

    @Autowired
    Conversations conversations;

    @Autowired
    SimpMessagingTemplate messaging;

    @Autowired
    io.parley.handoff.Handoffs handoffs;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aCustomerStartsAConversationFromTheDemoPageAndFindsItInTheList(TestInfo test) {
        browser = Browser.start("1-start-conversation").open(demoPage());
        assertThat(browser.driver.getTitle()).contains("Tasklane");
        browser.screenshot("demo-page");

        WebElement launcher = browser.find(".launcher");
        assertThat(launcher.getTagName()).isEqualTo("button");
        assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
        launcher.click();
        assertThat(browser.find(".panel").getAttribute("role")).isEqualTo("dialog");
        assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("true");
        browser.screenshot("widget-open");

        browser.click(".new-conversation");
        WebElement composer = browser.find("textarea.composer-input");
        composer.sendKeys("Hello, how do I reset my password?");
        composer.sendKeys(Keys.ENTER);
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains("Hello, how do I reset my password?"));
        browser.screenshot("message-sent");
        assertThat(browser.texts(CUSTOMER_TEXTS)).containsExactly("Hello, how do I reset my password?");
        assertThat(browser.all(".pending")).isEmpty();
        assertThat(browser.find("textarea.composer-input").getAttribute("value")).isEmpty();

        String conversationId = currentConversation();
        assertThat(storedTexts(conversationId)).containsExactly("Hello, how do I reset my password?");

        browser.click(".back");
        WebElement thread = browser.find(".conversation[data-id='" + conversationId + "']");
        assertThat(thread.getText()).contains("Hello, how do I reset my password?");
        assertThat(browser.all(".conversation")).hasSize(1);
        browser.screenshot("conversation-list");

        // Escape closes the panel and gives the focus back to the launcher
        browser.waitFor(d -> browser.js("return document.activeElement.id === 'parley-widget' && document.activeElement.shadowRoot.activeElement !== null"));
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.waitFor(d -> !browser.find(".launcher").getAttribute("aria-expanded").equals("true"));
        assertThat(browser.js("return document.activeElement.shadowRoot.activeElement.className")).isEqualTo("launcher");

        // on a phone the panel takes the whole screen
        browser.resize(390, 844);
        browser.click(".launcher");
        browser.click(".conversation");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).size() == 1);
        WebElement panel = browser.find(".panel");
        assertThat(panel.getSize().getWidth()).isGreaterThanOrEqualTo(browser.driver.manage().window().getSize().getWidth() - 30);
        browser.screenshot("mobile");
    }

    @Test
    void afterAReloadTheSameVisitorSeesTheSameThread() {
        browser = Browser.start("2-reload").open(demoPage());
        browser.click(".launcher");
        browser.click(".new-conversation");
        send("First question before the reload");
        send("And a second line");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).size() == 2);
        String visitor = session().get("visitorId").asString();
        String conversationId = currentConversation();
        browser.screenshot("before-reload");

        browser.reload();
        // the widget comes back open on the same thread
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).size() == 2);
        assertThat(browser.texts(CUSTOMER_TEXTS)).containsExactly("First question before the reload", "And a second line");
        assertThat(session().get("visitorId").asString()).isEqualTo(visitor);
        assertThat(currentConversation()).isEqualTo(conversationId);
        browser.screenshot("after-reload");

        browser.click(".back");
        assertThat(browser.find(".conversation[data-id='" + conversationId + "']").getText())
                .contains("First question before the reload");
        browser.screenshot("list-after-reload");
    }

    @Test
    void aBotMessagePostedOnTheServerAppearsLiveWithSourcesAndQuickReplies() {
        browser = Browser.start("3-live-bot-message").open(demoPage());
        browser.click(".launcher");
        browser.click(".new-conversation");
        send("How do I export my tasks?");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).size() == 1);
        UUID conversationId = UUID.fromString(currentConversation());

        MessageContent payload = new MessageContent.BotAnswer(null, null, null, null, false, 0, null,
                List.of(new MessageContent.Source(null, "export", null, "Exporting your tasks",
                        "https://help.tasklane.example/articles/export", null,
                        "Open Settings, then Export, and pick CSV or JSON.", null, null, null, null, null)),
                null, List.of(new MessageContent.QuickReply("That helped", "Thanks, that helped!"),
                        new MessageContent.QuickReply("Talk to a person", "I would like to talk to a person")));
        conversations.post(new PostMessage(conversationId, Author.bot("Parley"),
                "You can export from **Settings → Export**. Pick CSV or JSON.", payload, null));

        WebElement source = browser.find(".msg-bot a.source");
        assertThat(source.getAttribute("href")).isEqualTo("https://help.tasklane.example/articles/export");
        assertThat(source.getText()).contains("Exporting your tasks").contains("pick CSV or JSON");
        assertThat(browser.find(".msg-bot .markdown strong").getText()).isEqualTo("Settings → Export");
        assertThat(browser.texts(".quick-reply")).containsExactly("That helped", "Talk to a person");
        assertThat(browser.texts(".msg-bot .msg-author")).contains("Parley");
        browser.screenshot("bot-answer-live");

        browser.all(".quick-reply").get(1).click();
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains("I would like to talk to a person"));
        browser.waitFor(d -> browser.all(".quick-reply").isEmpty());
        assertThat(storedTexts(conversationId.toString())).containsExactly("How do I export my tasks?",
                "You can export from **Settings → Export**. Pick CSV or JSON.", "I would like to talk to a person");
        browser.screenshot("quick-reply-sent");

        // the support side read everything: the customer's last message shows "Seen"
        conversations.markRead(conversationId, io.parley.chat.AuthorType.AGENT, 3);
        browser.waitFor(d -> browser.texts(".msg-customer .seen").size() == 1);
        browser.screenshot("seen");
    }

    @Test
    void htmlInMessagesIsShownAsTextAndNeverRuns() {
        browser = Browser.start("4-html-injection").open(demoPage());
        browser.click(".launcher");
        browser.click(".new-conversation");
        String attack = "<img src=x onerror=\"window.__pwned=1;alert(1)\">";
        send(attack);
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains(attack));
        UUID conversationId = UUID.fromString(currentConversation());

        conversations.post(new PostMessage(conversationId, Author.bot("Parley"),
                "Here is **bold** <img src=x onerror=\"window.__pwned=2\"><script>window.__pwned=3</script>"
                        + " [a link](javascript:window.__pwned=4)", null, null));
        browser.waitFor(d -> !browser.all(".msg-bot .markdown strong").isEmpty());
        browser.screenshot("html-is-inert");

        assertThat(browser.all(".msg-customer img")).isEmpty();
        assertThat(browser.all(".messages script")).isEmpty();
        assertThat(browser.js("return [...document.querySelector('#parley-widget').shadowRoot.querySelectorAll('.messages *')]"
                + ".filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length")).isEqualTo(0L);
        assertThat(browser.js("return [...document.querySelector('#parley-widget').shadowRoot.querySelectorAll('.messages a')]"
                + ".filter(a => (a.getAttribute('href') || '').startsWith('javascript')).length")).isEqualTo(0L);
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void persianIsShownRightToLeftWithPersianStrings() {
        browser = Browser.start("5-persian-rtl").open(demoPage());
        browser.driver.findElement(org.openqa.selenium.By.cssSelector(".locales button[data-locale='fa']")).click();
        browser.waitFor(d -> "باز کردن گفتگوی پشتیبانی".equals(browser.find(".launcher").getAttribute("aria-label")));
        browser.click(".launcher");
        WebElement panel = browser.find(".panel");
        assertThat(browser.js("return getComputedStyle(arguments[0]).direction", panel)).isEqualTo("rtl");
        assertThat(browser.find(".title").getText()).isEqualTo("گفتگوهای شما");
        assertThat(browser.find(".new-conversation").getText()).isEqualTo("گفتگوی جدید");
        // the launcher sits at the left edge in a right-to-left layout
        assertThat(browser.find(".launcher").getLocation().getX()).isLessThan(200);
        browser.screenshot("persian-list");

        browser.click(".new-conversation");
        assertThat(browser.find("textarea.composer-input").getAttribute("placeholder")).isEqualTo("پیامی بنویسید…");
        send("سلام، چطور رمز عبورم را تغییر دهم؟");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).size() == 1);
        browser.screenshot("persian-thread");

        // the choice survives a reload (the demo page remembers it) and the session stays Persian
        browser.reload();
        browser.waitFor(d -> "rtl".equals(browser.js("return getComputedStyle(arguments[0]).direction", browser.find(".panel"))));
    }

    @Test
    void aMessageSentWhileTheNetworkIsDownIsDeliveredExactlyOnceAfterReconnecting() {
        // a switchable network for the page's WebSockets: "down" drops open sockets and makes new ones fail
        browser = Browser.start("6-offline-resend").beforeEveryPage("""
                (() => {
                  const Native = window.WebSocket;
                  const sockets = [];
                  const down = () => sessionStorage.getItem('test:network') === 'down';
                  function TestSocket(url, protocols) {
                    const socket = new Native(down() ? 'ws://127.0.0.1:9/network-down' : url, protocols);
                    sockets.push(socket);
                    return socket;
                  }
                  TestSocket.prototype = Native.prototype;
                  Object.assign(TestSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
                  window.WebSocket = TestSocket;
                  window.__network = {
                    down() { sessionStorage.setItem('test:network', 'down'); sockets.forEach(s => s.close()); },
                    up() { sessionStorage.removeItem('test:network'); },
                    drop() { sockets.forEach(s => s.close()); },
                  };
                })();
                """).open(demoPage());
        browser.click(".launcher");
        browser.click(".new-conversation");
        send("Before the drop");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).size() == 1);
        String conversationId = currentConversation();
        waitForStatus("online");

        browser.js("window.__network.down()");
        waitForStatus("offline");
        send("Written while offline");
        assertThat(browser.texts(".pending .text")).containsExactly("Written while offline");
        assertThat(browser.texts(".pending .state")).containsExactly("Sending…");
        browser.screenshot("offline-pending");
        assertThat(storedTexts(conversationId)).containsExactly("Before the drop");

        // the unsent message survives a reload
        browser.reload();
        browser.waitFor(d -> browser.texts(".pending .text").contains("Written while offline"));
        browser.screenshot("pending-after-reload");

        browser.js("window.__network.up()");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains("Written while offline"));
        browser.waitFor(d -> browser.all(".pending").isEmpty());
        browser.screenshot("delivered-after-reconnect");

        // the connection drops right after sending, before the ack comes back: the resend is not stored twice
        browser.js("""
                const root = document.querySelector('#parley-widget').shadowRoot;
                root.querySelector('textarea').value = 'Sent as the line dropped';
                root.querySelector('form.composer').requestSubmit();
                window.__network.drop();
                """);
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains("Sent as the line dropped"));
        browser.waitFor(d -> browser.all(".pending").isEmpty());
        waitForStatus("online");
        browser.screenshot("delivered-once");

        assertThat(storedTexts(conversationId)).containsExactly("Before the drop", "Written while offline", "Sent as the line dropped");
        assertThat(browser.texts(CUSTOMER_TEXTS)).containsExactly("Before the drop", "Written while offline", "Sent as the line dropped");
        assertThat(browser.js("return Object.keys(localStorage).filter(k => k.includes(':outbox:')).length")).isEqualTo(0L);
    }

    @Test
    void theSupportSideIsShownLiveTypingAgentNamesQueueRatingsAndUnreadCounts() {
        browser = Browser.start("7-support-side").open(demoPage());
        browser.click(".launcher");
        browser.click(".new-conversation");
        send("My invoice is wrong");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).size() == 1);
        UUID conversationId = UUID.fromString(currentConversation());

        conversations.post(new PostMessage(conversationId, Author.system(), "Connecting you with a person", new MessageContent.Queued(2, 240L),
                null));
        browser.waitFor(d -> browser.texts(".queue").size() == 1);
        assertThat(browser.texts(".queue").get(0)).contains("number 2").contains("4 min");

        // the agent who joined is announced once, by the stored system message (a "status" event adds nothing)
        messaging.convertAndSend("/topic/conversations/" + conversationId, (Object)
                Map.of("type", "status", "conversationId", conversationId.toString(), "status", "assigned", "agentName", "Grace"));
        conversations.post(new PostMessage(conversationId, Author.system(), "You're now chatting with Grace",
                new MessageContent.AgentJoined("Grace"), null));
        browser.waitFor(d -> browser.texts(".msg-system").stream().anyMatch(t -> t.contains("You're now chatting with Grace")));
        assertThat(browser.texts(".msg-system")).filteredOn(t -> t.contains("You're now chatting with Grace")).hasSize(1);
        assertThat(browser.texts(".kind-handoff .card")).isEmpty(); // no "connecting you..." card once someone joined

        conversations.typing(conversationId, Author.agent("agent-1", "Grace"), true);
        browser.waitFor(d -> browser.find(".typing").getText().contains("Grace is typing"));
        browser.screenshot("agent-typing");

        conversations.post(new PostMessage(conversationId, Author.agent("agent-1", "Grace"),
                "Sorry about that! I have corrected the invoice.", null, null));
        browser.waitFor(d -> browser.texts(".msg-agent .msg-author").contains("Grace"));
        browser.waitFor(d -> browser.all(".typing").stream().noneMatch(WebElement::isDisplayed));
        // a real handoff, claimed and resolved by Grace: the stars post the rating, stored on the conversation
        jdbc.sql("update agent_profile set presence = 'offline'").update();
        var grace = new io.parley.core.ParleyPrincipal(io.parley.core.ParleyPrincipal.Kind.STAFF, UUID.randomUUID().toString(),
                "Grace", java.util.Set.of("AGENT"));
        conversations.requestHuman(conversationId, "customer_request", "My invoice is wrong");
        handoffs.claim(conversationId, grace);
        handoffs.resolve(conversationId, grace);
        WebElement fourStars = browser.find(".csat .star:nth-child(4)");
        browser.screenshot("agent-reply-and-csat");
        fourStars.click();
        browser.waitFor(d -> browser.texts(".csat").stream().anyMatch(t -> t.contains("Thank you for your rating!")));
        assertThat(handoffs.get(conversationId).rating().score()).isEqualTo(4);
        assertThat(browser.texts(CUSTOMER_TEXTS)).doesNotContain("Rating: 4/5");

        // a message the server refuses (too long) is marked next to it with the reason, and can be removed
        browser.js("""
                const root = document.querySelector('#parley-widget').shadowRoot;
                root.querySelector('form.composer textarea').value = 'x'.repeat(4001);
                root.querySelector('form.composer').requestSubmit();
                """);
        browser.waitFor(d -> browser.texts(".failed .msg-error").stream().anyMatch(t -> t.contains("This message is too long.")));
        browser.screenshot("too-long-refused");
        browser.click(".failed .link-button");
        browser.waitFor(d -> browser.all(".failed").isEmpty());
        assertThat(conversations.messagesAfter(conversationId, 0, 0)).noneMatch(m -> m.text().length() > 4000);

        // while the widget is closed, a new answer shows on the launcher's badge; opening the thread reads it
        browser.click(".close");
        conversations.post(new PostMessage(conversationId, Author.agent("agent-1", "Grace"), "Anything else?", null, null));
        browser.waitFor(d -> "1".equals(browser.find(".launcher .badge").getText()));
        browser.screenshot("unread-badge");
        browser.click(".launcher");
        browser.waitFor(d -> browser.all(".launcher .badge").stream().noneMatch(WebElement::isDisplayed));
        browser.waitFor(d -> conversations.get(conversationId).customerReadSeq() == conversations.get(conversationId).lastSeq());
    }

    @Test
    void aSendRefusedAsUnavailableIsRetriedWithTheSameClientMessageIdInsteadOfFailing() {
        // stands in for the server while its database is out: the next sends get the error the server answers then
        // ({code: "unavailable"} on /user/queue/errors) instead of reaching it
        browser = Browser.start("8-unavailable-retry").beforeEveryPage("""
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
                      if (lines[0] === 'SEND' && /\\/messages$/.test(headers.destination)) {
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
                """).open(demoPage());
        browser.click(".launcher");
        browser.click(".new-conversation");
        send("Before the outage");
        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).size() == 1);
        String conversationId = currentConversation();
        waitForStatus("online");

        browser.js("window.__unavailable = 2");
        send("Sent while the database is out");
        // refused once and sent again: still shown as on its way, never as "Not sent"
        browser.waitFor(d -> ((Number) browser.js("return window.__unavailable")).intValue() == 0);
        assertThat(browser.texts(".pending .state")).containsExactly("Sending…");
        browser.screenshot("unavailable-retrying");

        browser.waitFor(d -> browser.texts(CUSTOMER_TEXTS).contains("Sent while the database is out"), java.time.Duration.ofSeconds(40));
        browser.waitFor(d -> browser.all(".pending").isEmpty());
        browser.screenshot("unavailable-delivered");
        @SuppressWarnings("unchecked")
        List<String> sends = (List<String>) browser.js("return window.__sends");
        String retried = sends.get(sends.size() - 1);
        assertThat(sends.stream().filter(retried::equals).count()).as("sends with the same clientMessageId").isGreaterThanOrEqualTo(3);
        assertThat(storedTexts(conversationId)).containsExactly("Before the outage", "Sent while the database is out");
        assertThat(browser.texts(".flash:not([hidden])")).as("no error was shown").isEmpty();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private String demoPage() {
        return "http://localhost:" + port + "/";
    }

    private void send(String text) {
        // the composer is disabled while the previous message starts the conversation (slow on a busy machine)
        WebElement composer = browser.waitFor(d -> {
            WebElement input = browser.find("textarea.composer-input");
            return input.isEnabled() ? input : null;
        });
        composer.sendKeys(text);
        composer.sendKeys(Keys.ENTER);
    }

    private void waitForStatus(String state) {
        browser.waitFor(d -> state.equals(browser.find(".status").getAttribute("data-state")));
    }

    private JsonNode session() {
        String json = (String) browser.js("const key = Object.keys(localStorage).find(k => k.startsWith('parley:') && k.includes(':session:'));"
                + "return key ? localStorage.getItem(key) : null");
        assertThat(json).as("widget session in localStorage").isNotNull();
        return Api.JSON.readTree(json);
    }

    /** The conversation the widget shows (it keeps it in sessionStorage so a reload comes back to it). */
    private String currentConversation() {
        return browser.waitFor(d -> {
            String json = (String) browser.js("const key = Object.keys(sessionStorage).find(k => k.startsWith('parley:') && k.endsWith(':ui'));"
                    + "return key ? sessionStorage.getItem(key) : null");
            JsonNode current = json == null ? null : Api.JSON.readTree(json).get("current");
            return current == null || current.isNull() ? null : current.asString();
        });
    }

    private List<String> storedTexts(String conversationId) {
        return conversations.messagesAfter(UUID.fromString(conversationId), 0, 0).stream().map(ChatMessage::text).toList();
    }
}
