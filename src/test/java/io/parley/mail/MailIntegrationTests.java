package io.parley.mail;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.support.Agents;
import io.parley.support.Api;
import io.parley.support.StompTestClient;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email flows end to end against a real SMTP server (GreenMail) and the real application: the out-of-hours
 * contact form, agents' replies to a customer who has left (delayed, batched, unread only, with a signed link that
 * reopens the conversation), replies to those mails coming back once, and transcripts.
 */
class MailIntegrationTests extends MailTestContext {

    @Test
    void theOutOfHoursContactFormMailsTheTeamAndAcknowledgesTheCustomer() {
        Agents.Agent dana = online("Dana");
        LocalDate openDay = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        DayOfWeek day = openDay.getDayOfWeek();
        Api.Response team = api.post("/api/agent/teams", agents.adminToken(), Map.of("name", "Support EN", "locales", List.of("en"),
                "memberIds", List.of(dana.id()), "timeZone", "UTC",
                "hours", Map.of(day.name().toLowerCase(), List.of(Map.of("from", "09:00", "to", "17:00")))));
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        Customer kim = customer("en", "Kim <Admin>", null);
        kim.handOff();
        kim.awaitMessage(m -> "out_of_hours".equals(m.path("payload").path("kind").asString()));
        kim.post("My order <b>#42</b> & the invoice");
        String email = address("kim");

        Api.Response contact = api.post("/api/widget/conversations/" + kim.conversationId + "/contact", kim.token, Map.of("email", email));
        assertThat(contact.status()).as(contact.body()).isEqualTo(200);

        Mailbox.Mail ack = MAILBOX.await(email, mail -> true);
        assertThat(ack.subject()).isEqualTo("We got your message");
        assertThat(ack.header("From")).isEqualTo("Parley Support <support@parley.test>");
        assertThat(ack.replyTo()).matches(REPLY_ADDRESS);
        assertThat(ack.text()).contains("Hello Kim <Admin>,").contains("by email at " + email)
                .contains("My order <b>#42</b> & the invoice").containsPattern(LINK);
        // user text is escaped in the HTML part: no markup of the customer's reaches the mail
        assertThat(ack.html()).contains("Hello Kim &lt;Admin&gt;,").contains("My order &lt;b&gt;#42&lt;/b&gt; &amp; the invoice")
                .doesNotContain("<b>#42</b>");
        assertThat(ack.header("Auto-Submitted")).isEqualTo("auto-generated");

        Mailbox.Mail toTeam = MAILBOX.await(TEAM, mail -> mail.subject().contains(email));
        assertThat(toTeam.text()).contains("answered by email at " + email).contains("My order <b>#42</b> & the invoice")
                .contains("I want to talk to a person");
        assertThat(toTeam.replyTo()).isNotEqualTo(ack.replyTo());
        // a second look at the outbox finds each mail once
        assertThat(MAILBOX.to(email)).hasSize(1);
    }

    @Test
    void anAgentsRepliesToACustomerWhoLeftAreMailedTogetherWithALinkThatReopensTheConversation() {
        Agents.Agent dana = online("Dana");
        String email = address("lee");
        Customer lee = customer("en", "Lee", email);
        lee.handOffToAgent();

        reply(dana, lee, "Hi Lee, I am looking at your order now.");
        reply(dana, lee, "Found it: it ships <tomorrow> & arrives Friday.");
        // nothing goes out before the delay: the outbox holds both replies, unsent
        assertThat(MAILBOX.to(email)).isEmpty();
        assertThat(jdbc.sql("select count(*) from mail_outbox where conversation_id = ? and status = 'pending'")
                .param(UUID.fromString(lee.conversationId)).query(Integer.class).single()).isEqualTo(2);
        assertThat(api.post("/api/agent/conversations/" + lee.conversationId + "/resolve", dana.token(), Map.of()).status()).isEqualTo(200);

        Mailbox.Mail mail = MAILBOX.await(email, m -> true);
        assertThat(mail.subject()).isEqualTo("New replies in your conversation (2)");
        assertThat(mail.text()).contains("Dana").contains("Hi Lee, I am looking at your order now.")
                .contains("Found it: it ships <tomorrow> & arrives Friday.").contains("You can also simply reply to this email.");
        assertThat(mail.html()).contains("it ships &lt;tomorrow&gt; &amp; arrives Friday.");
        assertThat(mail.replyTo()).matches(REPLY_ADDRESS);
        awaitOutbox(lee.conversationId, "sent", 2);
        assertThat(MAILBOX.to(email)).as("both replies in one mail").hasSize(1);

        // follow the link, as the widget does on the page it points at: the visitor is back in the conversation
        Matcher link = LINK.matcher(mail.text());
        assertThat(link.find()).isTrue();
        assertThat(link.group(2)).isEqualTo(lee.conversationId);
        String signed = URLDecoder.decode(link.group(3), StandardCharsets.UTF_8);
        Api.Response tampered = api.post("/api/widget/mail-link", null, Map.of("link", signed.substring(0, signed.length() - 2) + "xx"));
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.json().get("code").asString()).isEqualTo("link_invalid");
        Api.Response opened = api.post("/api/widget/mail-link", null, Map.of("link", signed));
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        assertThat(opened.json().get("conversationId").asString()).isEqualTo(lee.conversationId);
        assertThat(opened.json().get("customer").get("id").asString()).isEqualTo(lee.customerId);
        String token = opened.json().get("token").asString();
        JsonNode messages = api.get("/api/widget/conversations/" + lee.conversationId + "/messages?after=0", token).json();
        assertThat(messages.get("messages").valueStream().map(m -> m.get("text").asString()))
                .contains("Found it: it ships <tomorrow> & arrives Friday.");
        Api.Response again = api.post("/api/widget/conversations/" + lee.conversationId + "/messages", token,
                Map.of("clientMessageId", "back-1", "text", "Thanks! One more question"));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        // the resolved conversation is open again (back with the bot, the default reopen-to)
        awaitState(lee.conversationId, "bot");
    }

    @Test
    void aReplyTheCustomerHasReadIsNotMailed() {
        Agents.Agent dana = online("Dana");
        String email = address("read");
        Customer sam = customer("en", "Sam", email);
        sam.handOffToAgent();
        long seq = reply(dana, sam, "Here is your answer.");
        assertThat(api.post("/api/widget/conversations/" + sam.conversationId + "/read", sam.token, Map.of("seq", seq)).status())
                .isLessThan(300);

        awaitOutbox(sam.conversationId, "skipped", 1);
        assertThat(MAILBOX.to(email)).isEmpty();
    }

    @Test
    void aReplyWaitsWhileTheCustomersWidgetIsConnectedAndIsMailedOnceTheyLeave() {
        Agents.Agent dana = online("Dana");
        String email = address("pat");
        Customer pat = customer("en", "Pat", email);
        StompTestClient widget = StompTestClient.connect(port, pat.token);
        try {
            assertThat(widget.connected()).isTrue();
            pat.handOffToAgent();
            reply(dana, pat, "Still there? Your parcel left today.");

            // due after the delay, but the widget is open: the delivery pass looks at it and lets it wait
            await(() -> "customer connected".equals(jdbc.sql("select last_error from mail_outbox where conversation_id = ? "
                    + "and status = 'pending'").param(UUID.fromString(pat.conversationId)).query(String.class).optional()
                    .orElse(null)), "the reply postponed while the customer is connected");
            assertThat(MAILBOX.to(email)).isEmpty();
        }
        finally {
            widget.close();
        }

        // the widget closed and nobody read the reply: it goes out by mail
        Mailbox.Mail mail = MAILBOX.await(email, m -> true);
        assertThat(mail.text()).contains("Still there? Your parcel left today.");
        awaitOutbox(pat.conversationId, "sent", 1);
    }

    @Test
    void aReplyToTheMailLandsOnceInTheConversationWithoutTheQuotedHistory() {
        String email = address("ria");
        Customer ria = customer("en", "Ria", email);
        ria.post("Where is my parcel?");
        assertThat(api.post("/api/widget/conversations/" + ria.conversationId + "/transcript", ria.token, null).status()).isEqualTo(202);
        Mailbox.Mail mail = MAILBOX.await(email, m -> true);
        String replyTo = mail.replyTo();
        assertThat(replyTo).matches(REPLY_ADDRESS);

        Map<String, Object> inbound = Map.of("from", "Ria <" + email + ">", "to", "Support <" + replyTo + ">",
                "subject", "Re: " + mail.subject(), "messageId", "<" + UUID.randomUUID() + "@mail.example>",
                "text", "It arrived, thank you!\r\n\r\nOn Tue, 1 Dec 2026 at 10:00, Parley Support <support@parley.test>\r\nwrote:\r\n> " 
                        + mail.text().replace("\n", "\n> "));
        assertThat(inbound(inbound, "wrong-secret").status()).isEqualTo(401);
        Api.Response unknown = inbound(Map.of("from", email, "to", "reply+" + "0".repeat(32) + "@in.parley.test",
                "text", "hello", "messageId", "<x@y>"), SECRET);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("unknown_reply_token");

        Api.Response first = inbound(inbound, SECRET);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Api.Response second = inbound(inbound, SECRET);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("duplicate").asBoolean()).isTrue();
        assertThat(second.json().get("messageId").asString()).isEqualTo(first.json().get("messageId").asString());

        List<JsonNode> fromCustomer = api.get("/api/widget/conversations/" + ria.conversationId + "/messages?after=0", ria.token).json()
                .get("messages").valueStream().filter(m -> "customer".equals(m.get("author").get("type").asString())).toList();
        assertThat(fromCustomer).extracting(m -> m.get("text").asString())
                .containsExactly("Where is my parcel?", "It arrived, thank you!");
    }

    @Test
    void aTranscriptGoesOnlyToTheCustomersKnownAddressInTheirLanguageAndNotTooOften() {
        String email = address("jo");
        Customer jo = customer("de", "Jo", email);
        jo.post("Wo ist meine Bestellung <script>alert(1)</script>?");
        Api.Response asked = api.post("/api/widget/conversations/" + jo.conversationId + "/transcript", jo.token, null);
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        assertThat(asked.json().get("email").asString()).isEqualTo(email);

        Mailbox.Mail mail = MAILBOX.await(email, m -> true);
        assertThat(mail.subject()).isEqualTo("Verlauf Ihres Gesprächs");
        assertThat(mail.text()).contains("Hallo Jo,").contains("Sie (").contains("Wo ist meine Bestellung <script>alert(1)</script>?")
                .containsPattern(LINK);
        assertThat(mail.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");

        // at most three an hour (parley.mail.transcripts-per-hour)
        assertThat(api.post("/api/widget/conversations/" + jo.conversationId + "/transcript", jo.token, null).status()).isEqualTo(202);
        assertThat(api.post("/api/widget/conversations/" + jo.conversationId + "/transcript", jo.token, null).status()).isEqualTo(202);
        Api.Response tooMany = api.post("/api/widget/conversations/" + jo.conversationId + "/transcript", jo.token, null);
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.json().get("code").asString()).isEqualTo("too_many_transcripts");

        // no address known: refused, nothing sent; someone else's conversation: refused
        Customer anonymous = customer("en", null, null);
        Api.Response none = api.post("/api/widget/conversations/" + anonymous.conversationId + "/transcript", anonymous.token, null);
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.json().get("code").asString()).isEqualTo("no_known_email");
        assertThat(api.post("/api/widget/conversations/" + jo.conversationId + "/transcript", anonymous.token, null).status()).isEqualTo(403);

        JsonNode capabilities = api.get("/api/widget/mail", jo.token).json();
        assertThat(capabilities.get("email").asBoolean()).isTrue();
        assertThat(capabilities.get("replies").asBoolean()).isTrue();
        assertThat(capabilities.get("knownEmail").asBoolean()).isTrue();
        assertThat(api.get("/api/widget/mail", anonymous.token).json().get("knownEmail").asBoolean()).isFalse();
    }

    @Test
    void theMailsOfACustomerAreInTheirExportAndGoWithTheirErasure() {
        String email = address("gdpr");
        Customer max = customer("en", "Max", email);
        max.post("Please send me everything");
        assertThat(api.post("/api/widget/conversations/" + max.conversationId + "/transcript", max.token, null).status()).isEqualTo(202);
        MAILBOX.await(email, m -> true);

        JsonNode export = api.get("/api/privacy/customers/" + max.customerId + "/export", agents.adminToken()).json();
        assertThat(export.get("mails").valueStream().map(m -> m.get("kind").asString() + " " + m.get("recipient").asString()
                + " " + m.get("status").asString())).containsExactly("transcript " + email + " sent");

        assertThat(api.delete("/api/privacy/customers/" + max.customerId, agents.adminToken()).status()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from mail_outbox where lower(recipient) = lower(?)").param(email)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from mail_reply_token where conversation_id = ?").param(UUID.fromString(max.conversationId))
                .query(Integer.class).single()).isZero();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    Api.Response inbound(Map<String, Object> body, String secret) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/mail/inbound"))
                            .header("Content-Type", "application/json").header("X-Parley-Inbound-Secret", secret)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null), response.headers().map());
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
