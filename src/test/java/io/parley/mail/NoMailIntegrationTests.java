package io.parley.mail;

import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.support.Agents;
import io.parley.support.Api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No SMTP server configured (the default): the widget is told the server sends no email, so it promises none, and
 * nothing is queued for sending; a transcript is refused with a reason.
 */
@ParleyIntegrationTest
class NoMailIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutAnSmtpServerNothingIsPromisedOrSent() {
        Api api = new Api(port);
        String email = "nomail-" + UUID.randomUUID() + "@example.com";
        JsonNode session = api.session(Map.of("locale", "en", "email", email));
        String token = session.get("token").asString();
        String conversation = api.startConversation(token, null).get("id").asString();

        JsonNode capabilities = api.get("/api/widget/mail", token).json();
        assertThat(capabilities.get("email").asBoolean()).isFalse();
        assertThat(capabilities.get("replies").asBoolean()).isFalse();
        assertThat(capabilities.get("knownEmail").asBoolean()).isFalse();

        Api.Response transcript = api.post("/api/widget/conversations/" + conversation + "/transcript", token, null);
        assertThat(transcript.status()).isEqualTo(409);
        assertThat(transcript.json().get("code").asString()).isEqualTo("mail_not_configured");

        // the inbound webhook is off too, and says so
        Api.Response inbound = api.post("/api/mail/inbound", null, Map.of("to", "reply+x@example.com", "text", "hi"));
        assertThat(inbound.status()).isEqualTo(404);
        assertThat(inbound.json().get("code").asString()).isEqualTo("inbound_disabled");

        // an agent's reply to this customer, who has an address and is not connected: with SMTP it would be queued
        // for mailing by the time the reply call returns (the durable listener runs after the commit, in the call)
        Agents agents = new Agents(api);
        agents.isolate(jdbc);
        Agents.Agent dana = agents.create("Dana");
        agents.presence(dana, "online");
        assertThat(api.post("/api/widget/conversations/" + conversation + "/messages", token,
                Map.of("clientMessageId", "n-1", "text", "I want to talk to a person")).status()).isEqualTo(201);
        MailIntegrationTests.await(() -> "assigned".equals(api.get("/api/agent/conversations/" + conversation, dana.token()).json()
                .path("state").asString()), "assignment");
        Api.Response reply = api.post("/api/agent/conversations/" + conversation + "/reply", dana.token(),
                Map.of("clientMessageId", "r-1", "text", "Hello from Dana"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from mail_outbox where conversation_id = ?").param(UUID.fromString(conversation))
                .query(Integer.class).single()).isZero();
    }
}
