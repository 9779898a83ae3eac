package io.parley.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.ParleyIntegrationTest;
import io.parley.handoff.ConversationHandedOff;
import io.parley.handoff.ConversationRated;
import io.parley.insight.InsightIntegrationTest;
import io.parley.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GDPR export and erasure of one customer on the embedded PostgreSQL: conversations and messages (chat), hand-off
 * (handoff), ticket with note (ticket), insight facts with a CSAT comment (insight), a webhook delivery; another
 * customer's data stays as it was.
 */
@InsightIntegrationTest
class PrivacyIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    Api api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = api.login(ParleyIntegrationTest.ADMIN_EMAIL, ParleyIntegrationTest.ADMIN_PASSWORD);
    }

    record Subject(String token, UUID customer, UUID conversation, String email, String question) {
    }

    @Test
    void anAdminExportsThenErasesOneCustomerAcrossModules() {
        Subject erased = customerWithHistory("Ingrid");
        Subject kept = customerWithHistory("Kasper");
        String webhook = api.post("/api/insights/webhooks", admin, Map.of("url", "http://127.0.0.1:9/hooks",
                "eventTypes", List.of("csat.received"))).json().get("id").asString();
        rate(erased, "The agent called me Ingrid");
        rate(kept, "fine");

        // lookup by email, then the export
        JsonNode found = api.get("/api/privacy/customers?email=" + erased.email().toUpperCase(), admin).json();
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("id").asString()).isEqualTo(erased.customer().toString());
        Api.Response exported = api.get("/api/privacy/customers/" + erased.customer() + "/export", admin);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.header("Content-Disposition")).contains("attachment");
        JsonNode export = exported.json();
        assertThat(export.get("customer").get("email").asString()).isEqualTo(erased.email());
        JsonNode conversation = export.get("conversations").get(0);
        assertThat(conversation.get("id").asString()).isEqualTo(erased.conversation().toString());
        assertThat(conversation.get("messages").toString()).contains(erased.question());
        assertThat(export.get("tickets").get(0).get("conversationId").asString()).isEqualTo(erased.conversation().toString());
        assertThat(export.get("tickets").get(0).get("notes").toString()).contains("VIP, prefers email");
        assertThat(export.get("facts").get("conversations").size()).isEqualTo(1);
        assertThat(export.get("facts").get("ratings").get(0).get("comment").asString()).isEqualTo("The agent called me Ingrid");
        // the export's keys, as they were when it was built from maps and JDBC rows
        assertThat(export.propertyNames()).startsWith("exportedAt", "customer").contains("conversations", "tickets", "facts");
        assertThat(export.get("facts").propertyNames()).containsExactly("conversations", "ratings", "npsResponses",
                "npsSurveys", "articleFeedback", "unansweredQuestions");
        assertThat(export.get("facts").get("conversations").get(0).propertyNames()).containsExactly("conversationId",
                "locale", "startedAt");
        assertThat(export.get("facts").get("ratings").get(0).propertyNames()).containsExactly("conversationId", "score",
                "comment", "at");
        assertThat(export.toString()).doesNotContain(kept.question()).doesNotContain(kept.email());
        long deliveries = count("select count(*) from insight_webhook_delivery where endpoint_id = ?::uuid", webhook);
        assertThat(deliveries).isEqualTo(2);

        // erasure: admins only
        assertThat(api.delete("/api/privacy/customers/" + erased.customer(), erased.token()).status()).isEqualTo(403);
        assertThat(api.delete("/api/privacy/customers/" + erased.customer(), admin).status()).isEqualTo(204);

        String customer = erased.customer().toString();
        String conv = erased.conversation().toString();
        assertThat(count("select count(*) from customer where id = ?::uuid", customer)).isZero();
        assertThat(count("select count(*) from conversation where customer_id = ?::uuid", customer)).isZero();
        assertThat(count("select count(*) from message where conversation_id = ?::uuid", conv)).isZero();
        assertThat(count("select count(*) from ticket where customer_id = ?::uuid", customer)).isZero();
        assertThat(count("select count(*) from conversation_handoff where conversation_id = ?::uuid", conv)).isZero();
        assertThat(count("select count(*) from first_response where conversation_id = ?::uuid", conv)).isZero();
        for (String table : List.of("insight_conversation", "insight_rating", "insight_ticket")) {
            assertThat(count("select count(*) from " + table + " where customer_id = ?::uuid", customer)).as(table).isZero();
        }
        // the figures still count the conversation, under a pseudonym and without the comment
        assertThat(count("select count(*) from insight_conversation where conversation_id = ?::uuid", conv)).isEqualTo(1);
        assertThat(count("select count(*) from insight_rating where conversation_id = ?::uuid and comment is null", conv))
                .isEqualTo(1);
        assertThat(count("select count(*) from insight_webhook_delivery where endpoint_id = ?::uuid", webhook)).isEqualTo(1);
        assertThat(count("select count(*) from customer_erasure where customer_id = ?::uuid", customer)).isEqualTo(1);
        assertThat(count("select count(*) from event_publication where completion_date is not null "
                + "and position(? in serialized_event) > 0", customer)).isZero();

        // the customer's widget token no longer works, and the erased customer is gone from the API
        assertThat(api.get("/api/widget/conversations", erased.token()).status()).isEqualTo(401);
        Api.Response again = api.get("/api/privacy/customers/" + erased.customer() + "/export", admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("code").asString()).isEqualTo("customer_not_found");
        assertThat(api.delete("/api/privacy/customers/" + erased.customer(), admin).status()).isEqualTo(404);

        // the other customer is untouched
        JsonNode other = api.get("/api/privacy/customers/" + kept.customer() + "/export", admin).json();
        assertThat(other.get("conversations").get(0).get("messages").toString()).contains(kept.question());
        assertThat(other.get("tickets").size()).isEqualTo(1);
        assertThat(other.get("facts").get("ratings").get(0).get("comment").asString()).isEqualTo("fine");
        assertThat(api.get("/api/widget/conversations", kept.token()).status()).isEqualTo(200);
        api.delete("/api/insights/webhooks/" + webhook, admin);
    }

    @Test
    void lookupNeedsACriterionAndIsForAdmins() {
        Api.Response none = api.get("/api/privacy/customers", admin);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("code").asString()).isEqualTo("validation_failed");
        String customer = api.session(Map.of()).get("token").asString();
        assertThat(api.get("/api/privacy/customers?email=x@y.z", customer).status()).isEqualTo(403);
        assertThat(api.get("/api/privacy/customers/" + UUID.randomUUID() + "/export", admin).status()).isEqualTo(404);
    }

    /** A customer with a conversation, a message, a hand-off with its ticket and a note, and insight facts. */
    private Subject customerWithHistory(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        JsonNode session = api.session(Map.of("name", name, "email", email, "locale", "en"));
        String token = session.get("token").asString();
        UUID customer = UUID.fromString(session.get("customer").get("id").asString());
        UUID conversation = UUID.fromString(api.startConversation(token, null).get("id").asString());
        String question = name + " asks about invoice " + UUID.randomUUID();
        assertThat(api.post("/api/widget/conversations/" + conversation + "/messages", token,
                Map.of("clientMessageId", UUID.randomUUID().toString(), "text", question)).status()).isEqualTo(201);
        Instant at = Instant.now();
        // the hand-off's own rows, as the handoff module writes them when the customer asks for a person
        jdbc.sql("""
                insert into conversation_handoff (conversation_id, reason, question, contact_email, queued_at, updated_at)
                values (?, 'requested', ?, ?, now(), now())
                on conflict (conversation_id) do update set contact_email = excluded.contact_email""")
                .params(conversation, question, email).update();
        jdbc.sql("insert into first_response (conversation_id, queued_at, responded_at) values (?, now(), now())")
                .param(conversation).update();
        // the ticket module opens the ticket for the hand-off
        transactions.executeWithoutResult(status -> events.publishEvent(
                new ConversationHandedOff(conversation, customer, "en", "requested", question, false, at)));
        String ticketId = jdbc.sql("select id::text from ticket where conversation_id = ?").param(conversation)
                .query(String.class).single();
        assertThat(api.post("/api/tickets/" + ticketId + "/notes", admin, Map.of("text", "VIP, prefers email"))
                .status()).isBetween(200, 201);
        return new Subject(token, customer, conversation, email, question);
    }

    private void rate(Subject subject, String comment) {
        transactions.executeWithoutResult(status -> events.publishEvent(new ConversationRated(subject.conversation(),
                subject.customer(), 4, comment, UUID.randomUUID(), Instant.now())));
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }
}
