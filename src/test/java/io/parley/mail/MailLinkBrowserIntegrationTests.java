package io.parley.mail;

import java.time.Duration;
import java.util.regex.Matcher;

import io.parley.support.Agents;
import io.parley.widget.Browser;
import io.parley.widget.BrowserTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed link of a mailed reply, followed in a real browser (headless chromium, a fresh profile: another device,
 * no stored session): the widget opens on the conversation and shows the agent's reply. The mail points at the host
 * application's page ({@code parley.mail.widget-url}); here the host page is Parley's own demo page, so the test
 * opens the mail's query string on it.
 */
@BrowserTest
class MailLinkBrowserIntegrationTests extends MailTestContext {

    static final Duration SLOW = Duration.ofSeconds(90);

    Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void followingTheMailedLinkReopensTheConversationInTheWidget() {
        Agents.Agent dana = online("Dana");
        String email = address("noa");
        Customer noa = customer("en", "Noa", email);
        noa.post("Can I change the delivery address?");
        noa.handOffToAgent();
        reply(dana, noa, "Yes, I have changed it to the new address.");

        Mailbox.Mail mail = MAILBOX.await(email, m -> m.text().contains("I have changed it"));
        Matcher link = LINK.matcher(mail.text());
        assertThat(link.find()).as(mail.text()).isTrue();
        browser = Browser.start("mail-link").open("http://localhost:" + port + "/?" + link.group(1));

        // the widget took the link: open on the conversation, with the agent's reply, and the link gone from the bar
        browser.waitFor(d -> browser.texts(".msg-agent .text").stream().anyMatch(t -> t.contains("I have changed it to the new address")),
                SLOW);
        assertThat(browser.texts(".msg-customer .text")).anyMatch(t -> t.contains("Can I change the delivery address?"));
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("parley-link");
        browser.screenshot("opened-from-mail");

        // and the customer can answer in it: the same conversation, not a new one
        browser.find("textarea.composer-input").sendKeys("Thank you!", org.openqa.selenium.Keys.ENTER);
        noa.awaitMessage(m -> "Thank you!".equals(m.path("text").asString()));
    }
}
