package io.parley.insight;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.ParleyIntegrationTest;
import io.parley.core.SignedTokens;
import io.parley.handoff.ConversationHandedOff;
import io.parley.handoff.ConversationRated;
import io.parley.handoff.ConversationResolved;
import io.parley.ticket.TicketCreated;
import io.parley.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhooks against a real local HTTP receiver that is down for the first two attempts. */
@InsightIntegrationTest
class WebhookDeliveryIntegrationTests {

    private static final String SECRET = "receiver-shared-secret-0123456789";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    Api api;
    String admin;
    WebhookReceiver receiver;
    final AtomicInteger failuresLeft = new AtomicInteger(2);
    List<WebhookReceiver.Received> received;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
        receiver = WebhookReceiver.answering(() -> failuresLeft.getAndDecrement() > 0 ? 503 : 204);
        received = receiver.received;
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventExactlyOnceSigned() throws Exception {
        JsonNode endpoint = api.post("/api/insights/webhooks", admin, Map.of("url", receiverUrl(), "secret", SECRET,
                "eventTypes", List.of("ticket.created"))).json();
        assertThat(endpoint.get("secret").asString()).isEqualTo(SECRET);
        String endpointId = endpoint.get("id").asString();
        assertThat(api.get("/api/insights/webhooks/" + endpointId, admin).json().has("secret")).isFalse();

        UUID ticket = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        TicketCreated created = new TicketCreated(ticket, 1042, conversation, UUID.randomUUID(), "Refund please",
                "billing_dispute", "high", Instant.parse("2026-03-01T10:00:00Z"));
        publish(created);
        // repeated: the same event is not sent twice; not subscribed: csat.received is not sent here
        publish(created);
        publish(new ConversationRated(conversation, UUID.randomUUID(), 5, null, null, Instant.now()));
        // rolled back: the outbox row goes with the transaction, nothing is sent
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new TicketCreated(UUID.randomUUID(), 1043, conversation, UUID.randomUUID(), "x",
                    "legal", "normal", Instant.now()));
            status.setRollbackOnly();
        });

        JsonNode delivery = awaitDelivered(endpointId);
        // nothing more can come: the endpoint's log holds that one delivery, done (the repeat and the rolled-back
        // event left no row to send)
        assertThat(api.get("/api/insights/webhooks/" + endpointId + "/deliveries", admin).json()).hasSize(1);
        assertThat(received).hasSize(3);
        assertThat(received.stream().map(WebhookReceiver.Received::answered).toList()).containsExactly(503, 503, 204);
        for (WebhookReceiver.Received request : received) {
            String timestamp = request.headers().get("x-parley-timestamp");
            String expected = HexFormat.of().formatHex(SignedTokens.hmac(SECRET.getBytes(StandardCharsets.UTF_8),
                    (timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(request.headers().get("x-parley-signature")).isEqualTo("t=" + timestamp + ",v1=" + expected);
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
            assertThat(request.headers().get("x-parley-event")).isEqualTo("ticket.created");
            assertThat(request.headers().get("content-type")).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo(received.get(0).body());
        }
        JsonNode body = Api.JSON.readTree(received.get(2).body());
        assertThat(body.get("type").asString()).isEqualTo("ticket.created");
        assertThat(body.get("createdAt").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(body.get("data").get("ticketId").asString()).isEqualTo(ticket.toString());
        assertThat(body.get("data").get("number").asLong()).isEqualTo(1042);
        assertThat(body.get("data").get("reason").asString()).isEqualTo("billing_dispute");
        assertThat(received.get(2).headers().get("x-parley-event-id")).isEqualTo(body.get("id").asString());

        // the delivery log: one delivery, three attempts, the last one accepted
        JsonNode log = api.get("/api/insights/webhooks/" + endpointId + "/deliveries", admin).json();
        assertThat(log.size()).isEqualTo(1);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("eventType").asString()).isEqualTo("ticket.created");
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(204);
        List<Integer> codes = new java.util.ArrayList<>();
        delivery.get("attemptLog").forEach(a -> codes.add(a.get("statusCode").asInt()));
        assertThat(codes).containsExactly(503, 503, 204);
        assertThat(delivery.get("attemptLog").get(0).get("error").asString()).isEqualTo("HTTP 503");
        // exponential backoff: the second wait (400 ms) is about twice the first (200 ms)
        Instant first = Instant.parse(delivery.get("attemptLog").get(0).get("at").asString());
        Instant second = Instant.parse(delivery.get("attemptLog").get(1).get("at").asString());
        Instant third = Instant.parse(delivery.get("attemptLog").get(2).get("at").asString());
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(second, third)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(api.delete("/api/insights/webhooks/" + endpointId, admin).status()).isEqualTo(204);
    }

    @Test
    void everyEventTypeIsDelivered() throws Exception {
        failuresLeft.set(0);
        String endpointId = api.post("/api/insights/webhooks", admin, Map.of("url", receiverUrl(), "secret", SECRET,
                "eventTypes", List.of("ticket.created", "conversation.handed_off", "conversation.resolved",
                        "csat.received", "nps.received"))).json().get("id").asString();
        JsonNode session = api.session(Map.of("name", "Wanda", "locale", "en"));
        String token = session.get("token").asString();
        UUID customer = UUID.fromString(session.get("customer").get("id").asString());
        UUID conversation = UUID.fromString(api.startConversation(token, null).get("id").asString());
        UUID agent = UUID.randomUUID();
        Instant at = Instant.now();
        // the ticket module opens the ticket (ticket.created) for the handoff
        publish(new ConversationHandedOff(conversation, customer, "en", "billing_dispute", "Refund?", false, at));
        // the resolution also offers the NPS survey (touchpoint agent_resolved), answered over REST
        publish(new ConversationResolved(conversation, customer, false, agent, at.plusSeconds(60)));
        publish(new ConversationRated(conversation, customer, 2, "slow", agent, at.plusSeconds(90)));
        String surveyId = null;
        for (JsonNode message : api.get("/api/widget/conversations/" + conversation + "/messages", token).json().get("messages")) {
            if (message.get("payload") != null && message.get("payload").has("surveyId")) {
                surveyId = message.get("payload").get("surveyId").asString();
            }
        }
        assertThat(api.post("/api/widget/nps/" + surveyId, token, Map.of("score", 6, "comment", "meh")).status())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (WebhookReceiver.Received request : received) {
            JsonNode body = Api.JSON.readTree(request.body());
            assertThat(request.headers().get("x-parley-event")).isEqualTo(body.get("type").asString());
            byType.put(body.get("type").asString(), body.get("data"));
        }
        assertThat(byType).containsOnlyKeys("ticket.created", "conversation.handed_off", "conversation.resolved",
                "csat.received", "nps.received");
        assertThat(byType.get("conversation.handed_off").get("reason").asString()).isEqualTo("billing_dispute");
        assertThat(byType.get("conversation.resolved").get("agentId").asString()).isEqualTo(agent.toString());
        assertThat(byType.get("csat.received").get("score").asInt()).isEqualTo(2);
        assertThat(byType.get("nps.received").get("score").asInt()).isEqualTo(6);
        assertThat(byType.get("nps.received").get("category").asString()).isEqualTo("detractor");
        assertThat(byType.get("nps.received").get("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(received).hasSize(5);
        assertThat(api.delete("/api/insights/webhooks/" + endpointId, admin).status()).isEqualTo(204);
    }

    @Test
    void endpointsAreForAdminsAndValidated() {
        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/insights/webhooks", customer).status()).isEqualTo(403);
        Api.Response badUrl = api.post("/api/insights/webhooks", admin, Map.of("url", "ftp://example.com/x",
                "eventTypes", List.of("ticket.created")));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.json().get("code").asString()).isEqualTo("webhook_url_invalid");
        Api.Response badType = api.post("/api/insights/webhooks", admin, Map.of("url", receiverUrl(),
                "eventTypes", List.of("ticket.exploded")));
        assertThat(badType.json().get("code").asString()).isEqualTo("webhook_event_types_invalid");
        Api.Response shortSecret = api.post("/api/insights/webhooks", admin, Map.of("url", receiverUrl(),
                "secret", "short", "eventTypes", List.of("nps.received")));
        assertThat(shortSecret.json().get("code").asString()).isEqualTo("webhook_secret_invalid");
        // without a secret one is generated and shown once
        JsonNode generated = api.post("/api/insights/webhooks", admin, Map.of("url", receiverUrl(),
                "eventTypes", List.of("nps.received", "csat.received"))).json();
        assertThat(generated.get("secret").asString()).startsWith("whsec_").hasSizeGreaterThan(30);
        String id = generated.get("id").asString();
        JsonNode updated = api.put("/api/insights/webhooks/" + id, admin, Map.of("active", false)).json();
        assertThat(updated.get("active").asBoolean()).isFalse();
        assertThat(updated.get("eventTypes").size()).isEqualTo(2);
        assertThat(api.delete("/api/insights/webhooks/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/insights/webhooks/" + id, admin).status()).isEqualTo(404);
    }

    private JsonNode awaitDelivered(String endpointId) {
        return await("delivered; received " + received).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode log = api.get("/api/insights/webhooks/" + endpointId + "/deliveries", admin).json();
                    return log.size() > 0 && "delivered".equals(log.get(0).get("status").asString()) ? log.get(0) : null;
                }, java.util.Objects::nonNull);
    }

    private void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    private String receiverUrl() {
        return receiver.url();
    }
}
