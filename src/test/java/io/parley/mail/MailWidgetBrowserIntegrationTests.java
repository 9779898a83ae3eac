package io.parley.mail;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

import io.parley.chat.Author;
import io.parley.chat.Conversations;
import io.parley.chat.PostMessage;
import io.parley.support.Api;
import io.parley.widget.Browser;
import io.parley.widget.BrowserTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget with mail switched on, in headless Chromium: a customer who left follows the link in the mail of an
 * agent's reply and is back in the conversation (another browser, so the link alone brings them back), and mails
 * themselves the transcript.
 */
@BrowserTest
class MailWidgetBrowserIntegrationTests extends MailTestContext {

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
    void theLinkInAReplyMailReopensTheConversationInTheWidgetAndTheTranscriptCanBeMailed() {
        Api api = new Api(port);
        String email = "back-" + UUID.randomUUID() + "@example.com";
        JsonNode session = api.session(Map.of("locale", "en", "name", "Kim", "email", email));
        String token = session.get("token").asString();
        String conversationId = api.startConversation(token, null).get("id").asString();
        conversations.post(new PostMessage(UUID.fromString(conversationId), Author.agent(UUID.randomUUID().toString(), "Grace"),
                "Your refund is on its way.", null, null));

        Mailbox.Mail mail = MAILBOX.await(email, m -> m.subject().startsWith("New replies"));
        Matcher link = LINK.matcher(mail.text());
        assertThat(link.find()).isTrue();
        // the host application's page is the demo page here: same query, our origin
        browser = Browser.start("mail-link").open("http://localhost:" + port + "/?" + link.group(1));

        browser.waitFor(d -> browser.texts(".msg-agent .text").contains("Your refund is on its way."));
        assertThat(browser.driver.getCurrentUrl()).as("the link leaves the address bar").doesNotContain("parley-link");
        browser.screenshot("reopened-from-mail");

        browser.waitFor(d -> browser.find(".transcript").isDisplayed());
        browser.click(".transcript");
        browser.waitFor(d -> browser.find(".flash").getText().contains("on its way to " + email));
        browser.screenshot("transcript-sent");
        Mailbox.Mail transcript = MAILBOX.await(email, m -> m.subject().equals("Transcript of your conversation"));
        assertThat(transcript.text()).contains("Your refund is on its way.");
    }
}
